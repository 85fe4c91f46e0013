/**
 * The parts of transformers.js's Whisper pipeline that WhisperTranscriber
 * drives directly. transformers.js's own types describe `generate`'s options
 * loosely (a bag of kwargs), so we name what we pass and what comes back.
 */
import type { LogitsTensorLike } from './confidence';
import type { DecodedChunk } from './whisper-transcriber-decoding';
import type { SessionLike } from './whisper-session-timer';
import type { AttentionLike } from './token-timestamps';
import type { WhisperFeatureExtractorLike } from './whisper-features';

export interface TensorLike {
  dims: readonly number[];
  tolist(): unknown[];
}
export interface GenerateResult {
  sequences?: TensorLike;
  /** With `output_attentions` and `return_dict_in_generate`: per decoder step, per layer. */
  cross_attentions?: AttentionLike[][];
  past_key_values?: { dispose?: () => unknown };
  tolist?: () => unknown[];
}
export type LogitsProcessorFunction = (inputIds: bigint[][], logits: LogitsTensorLike) => LogitsTensorLike;
export interface WhisperModelLike {
  sessions: Record<string, SessionLike>;
  config: { max_source_positions?: number; median_filter_width?: number };
  generation_config: {
    alignment_heads?: unknown;
    max_new_tokens?: number | null;
    lang_to_id?: Record<string, number>;
    task_to_id?: Record<string, number>;
    begin_suppress_tokens?: number[] | null;
    no_timestamps_token_id?: number;
    decoder_start_token_id?: number;
    eos_token_id?: number | number[];
    is_multilingual?: boolean;
  };
  generate(options: Record<string, unknown>): Promise<GenerateResult>;
  dispose(): Promise<unknown>;
}
export interface WhisperTokenizerLike {
  timestamp_begin: number;
  decode(ids: number[], options?: { skip_special_tokens?: boolean }): string;
  _decode_asr(
    sequences: { tokens: bigint[]; token_timestamps?: number[] }[],
    options: { time_precision: number; return_timestamps: boolean | 'word'; force_full_sequences: boolean },
  ): [string, { chunks?: DecodedChunk[] }];
  model?: { tokens_to_ids?: Map<string, number> };
  _tokenizer?: { token_to_id(token: string): number | undefined };
}
export interface PipelineLike {
  model: WhisperModelLike;
  tokenizer: WhisperTokenizerLike;
  processor: {
    feature_extractor: WhisperFeatureExtractorLike & { config: { chunk_length: number } };
  };
}
