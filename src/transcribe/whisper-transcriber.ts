/**
 * One Whisper model, loaded through transformers.js, turning 16 kHz mono
 * samples into a `RawTranscription`: text, segment and word times, and the
 * confidence measures openai-whisper reports, which transformers.js does not
 * return (we collect token log-probabilities during generation: confidence.ts).
 *
 * Framework-free: the Web Worker (worker/transcription.worker.ts) and Node
 * (tests, benchmark) use the same class. The caller configures transformers.js's
 * `env` (where models are, where onnxruntime's wasm is) before `load`.
 */
import { pipeline, Tensor } from '@huggingface/transformers';
import type { ModelInfo, RawTranscription, TranscriptionWord, WhisperLanguage } from '../messages/transcription-protocol';
import {
  averageLogProb,
  compressionRatio,
  TokenLogProbCollector,
  wordProbabilities,
} from './confidence';
import type { ModelManifest } from './model-registry';
import { FULL_CONTEXT_FRAMES, needsFullContext, shortContextFrames, type ContextCheckInput } from './short-context';
import {
  abortError,
  incrementalTokenTexts,
  interpolateWords,
  placeChunks,
  readProbeLogits,
  tokensWithText,
  WINDOW_SECONDS,
  windowRanges,
  type DecodedChunk,
  type ProbeResult,
  type TimedText,
} from './whisper-transcriber-decoding';
import { instrumentSessions, type SessionTimer } from './whisper-session-timer';
import { tokenTimestamps } from './token-timestamps';
import { windowFeatures } from './whisper-features';
import { whisperLogitsProcessor } from './whisper-logits';
import type { LogitsProcessorFunction, PipelineLike, TensorLike, WhisperTokenizerLike } from './whisper-pipeline-types';

/** Options for `WhisperTranscriber.load`. */
export interface WhisperLoadOptions {
  /** Folder name under transformers.js's `env.localModelPath`. */
  modelName: string;
  /** `cpu` is onnxruntime-node (tests, benchmark); the extension uses `wasm` or `webgpu`. */
  device: 'wasm' | 'webgpu' | 'cpu';
  /** transformers.js dtype; defaults to the manifest's, else fp32. */
  dtype?: string;
  /** Gives `info` its display name and kind; without it the model counts as `test`, so the UI warns. */
  manifest?: ModelManifest;
  /** onnxruntime WASM threads, only reported in `info`. */
  threads?: number;
  /** Upper bound on decoded tokens per 30 s window; default the model's `max_new_tokens`, else 224 (openai-whisper's sample_len). */
  maxNewTokens?: number;
  /** Further bound for short audio, per second of it (at least 16 tokens); default 12. */
  maxTokensPerSecond?: number;
  /** Fraction 0–1 of model bytes loaded. */
  onProgress?: (fraction: number) => void;
  /** Lets cancel messages reach a worker during generation; default: a macrotask hop at most every 50 ms. */
  yieldToEventLoop?: () => Promise<void>;
  /** Clock in milliseconds, for timings. */
  now?: () => number;
  /** Encoder positions for a short context of this many samples; default FUTO's rule (short-context.ts). For tests. */
  shortContextFrames?: (samples: number) => number;
  /** Whether a short-context result is replaced by the full window's; default the hallucination checks (short-context.ts). For tests. */
  needsFullContext?: (result: ContextCheckInput) => boolean;
}

/** Options for one `transcribe` call. */
export interface TranscribeOptions {
  /** Seconds from session (or file) start of samples[0]; added to every time. */
  offset: number;
  language: WhisperLanguage;
  /** Cross-attention word timings; ignored (times interpolated) when the model has none. */
  wordTimestamps: boolean;
  /** Encode only the audio plus a margin if the model was trained for it (`info.audioContext` short); the live path's choice. */
  shortContext?: boolean;
  signal?: AbortSignal;
}

/** openai-whisper's `sample_len`: half the decoder's 448 positions. */
export const DEFAULT_MAX_NEW_TOKENS = 224;
/**
 * Fast speech is about 4 words a second, and Whisper spends up to about 2.5
 * tokens on a Norwegian word, plus timestamps: 12 a second is twice that. The
 * bound stops a hallucination loop on a short utterance early instead of after
 * 224 tokens (moonshine's pipeline uses the same kind of limit, 6 per second).
 */
export const DEFAULT_MAX_TOKENS_PER_SECOND = 12;
const MINIMUM_TOKEN_BOUND = 16;
const SAMPLE_RATE = 16_000;

/** Whisper for one model: load once, transcribe utterance after utterance (one at a time). */
export class WhisperTranscriber {
  private readonly endOfText: number;
  private readonly timestampBegin: number;
  private readonly languageTokens: Map<number, string>;
  private readonly noSpeechToken: number | null;
  private readonly timePrecision: number;
  private readonly timer: SessionTimer;
  private readonly now: () => number;

  private constructor(
    private readonly parts: PipelineLike,
    readonly info: ModelInfo,
    private readonly maxNewTokens: number,
    private readonly maxTokensPerSecond: number,
    yieldToEventLoop: () => Promise<void>,
    now: () => number,
    private readonly contextFrames: (samples: number) => number,
    private readonly fallsBack: (result: ContextCheckInput) => boolean,
  ) {
    const { model, tokenizer, processor } = parts;
    const eos = model.generation_config.eos_token_id;
    this.endOfText = Array.isArray(eos) ? (eos[0] ?? 0) : (eos ?? 0);
    this.timestampBegin = tokenizer.timestamp_begin;
    this.languageTokens = new Map(
      Object.entries(model.generation_config.lang_to_id ?? {}).map(([token, id]) => [id, token.slice(2, -2)]),
    );
    this.noSpeechToken = tokenId(tokenizer, '<|nospeech|>') ?? tokenId(tokenizer, '<|nocaptions|>');
    this.timePrecision = processor.feature_extractor.config.chunk_length / (model.config.max_source_positions ?? 1500);
    this.now = now;
    this.timer = instrumentSessions(model.sessions, { now, yieldToEventLoop });
  }

  /** Loads the model's files (from `env.localModelPath`) and prepares its sessions. */
  static async load(options: WhisperLoadOptions): Promise<WhisperTranscriber> {
    const dtype = options.dtype ?? options.manifest?.dtype ?? 'fp32';
    const onProgress = options.onProgress;
    const loaded = (await pipeline('automatic-speech-recognition', options.modelName, {
      device: options.device,
      dtype: dtype as 'fp32',
      // Only when asked: with a progress callback transformers.js reads each file chunk by
      // chunk into a second buffer, leaving the chunks (the model's size again) as garbage.
      ...(onProgress && {
        progress_callback: (progress: { status: string; progress?: number }) => {
          if (progress.status === 'progress_total' && typeof progress.progress === 'number') {
            onProgress(Math.min(1, progress.progress / 100));
          }
        },
      }),
    })) as unknown as PipelineLike;
    onProgress?.(1);
    const decoder = loaded.model.sessions['decoder_model_merged'];
    const wordTimestamps =
      Array.isArray(loaded.model.generation_config.alignment_heads) &&
      (decoder?.outputNames ?? []).some((name) => name.startsWith('cross_attentions'));
    const info: ModelInfo = {
      name: options.modelName,
      displayName: options.manifest?.displayName ?? options.modelName,
      kind: options.manifest?.kind ?? 'test',
      // ModelInfo speaks of the browser's backends; onnxruntime-node's CPU only runs tests and the benchmark.
      device: options.device === 'webgpu' ? 'webgpu' : 'wasm',
      dtype,
      threads: options.threads ?? 1,
      wordTimestamps,
      audioContext: options.manifest?.audioContext ?? 'full',
    };
    return new WhisperTranscriber(
      loaded,
      info,
      options.maxNewTokens ?? loaded.model.generation_config.max_new_tokens ?? DEFAULT_MAX_NEW_TOKENS,
      options.maxTokensPerSecond ?? DEFAULT_MAX_TOKENS_PER_SECOND,
      options.yieldToEventLoop ?? defaultYield,
      options.now ?? (() => performance.now()),
      options.shortContextFrames ?? shortContextFrames,
      options.needsFullContext ?? needsFullContext,
    );
  }

  /** Transcribes 16 kHz mono samples; rejects with an AbortError when `signal` aborts. */
  async transcribe(samples: Float32Array, options: TranscribeOptions): Promise<RawTranscription> {
    const started = this.now();
    const { signal } = options;
    this.timer.reset();
    const segments: TimedText[] = [];
    const words: TranscriptionWord[] = [];
    const scored: { logprob: number }[] = [];
    let noSpeechProb: number | null = null;
    // Only models trained for it: unmodified Whisper loops and invents text on a short context.
    const short = options.shortContext === true && this.info.audioContext === 'short';
    let fullWindowFallback = false;
    let inputFrames: number[] = [];
    try {
      for (const [from, to] of windowRanges(samples.length, WINDOW_SECONDS * SAMPLE_RATE)) {
        if (signal?.aborted) throw abortError();
        const part = samples.subarray(from, to);
        const windowStart = options.offset + from / SAMPLE_RATE;
        const context = short ? Math.min(FULL_CONTEXT_FRAMES, this.contextFrames(part.length)) : FULL_CONTEXT_FRAMES;
        let window = await this.decodeWindow(part, windowStart, options, context);
        if (context < FULL_CONTEXT_FRAMES && this.fallsBack(checkInput(window))) {
          // The [uklart] policy would doubt this text: let the full window decide, as for any other model.
          if (signal?.aborted) throw abortError();
          window = await this.decodeWindow(part, windowStart, options, FULL_CONTEXT_FRAMES);
          fullWindowFallback = true;
        }
        segments.push(...window.segments);
        words.push(...window.words);
        scored.push(...window.tokens);
        // The utterance is "no speech" only if every window is: keep the smallest.
        if (window.noSpeechProb !== null) noSpeechProb = Math.min(noSpeechProb ?? 1, window.noSpeechProb);
      }
    } finally {
      inputFrames = this.timer.encoderInputFrames();
      this.timer.release();
    }
    const text = segments.map((segment) => segment.text).join(' ');
    const timing = this.timer.totals();
    const totalMs = this.now() - started;
    return {
      text,
      words,
      chunks: segments,
      avgLogProb: scored.length > 0 ? averageLogProb(scored) : 0,
      compressionRatio: compressionRatio(text),
      noSpeechProb,
      tokenCount: scored.length,
      timing: { encoderMs: timing.encoderMs, decoderMs: timing.decoderMs, totalMs },
      encoderContext: { inputFrames, fullWindowFallback },
    };
  }

  /** Most tokens to decode for `seconds` of audio. */
  tokenBound(seconds: number): number {
    return Math.min(this.maxNewTokens, Math.max(MINIMUM_TOKEN_BOUND, Math.ceil(seconds * this.maxTokensPerSecond)));
  }

  /**
   * The prompt transformers.js's Whisper `generate` builds with `return_timestamps: true`:
   * start of transcript, then on a multilingual model the language and the transcribe task.
   */
  private promptTokens(language: string): number[] {
    const config = this.parts.model.generation_config;
    const start = config.decoder_start_token_id;
    if (start === undefined) throw new Error('the model has no decoder_start_token_id');
    // As transformers.js: an English-only model takes no language token, and we always name one.
    if (!config.is_multilingual) throw new Error('Cannot specify `task` or `language` for an English-only model.');
    const languageToken = config.lang_to_id?.[`<|${language}|>`];
    if (languageToken === undefined) throw new Error(`Language "${language}" is not supported by this model`);
    const task = config.task_to_id?.['transcribe'];
    if (task === undefined) throw new Error('the model has no transcribe task token');
    return [start, languageToken, task];
  }

  /** Frees the model's sessions. */
  async dispose(): Promise<void> {
    await this.parts.model.dispose();
  }

  /** One window of at most 30 s, its encoder reading `contextFrames` positions (1500: the full window). */
  private async decodeWindow(
    samples: Float32Array,
    windowStart: number,
    options: TranscribeOptions,
    contextFrames: number,
  ): Promise<DecodedWindow> {
    const { model, tokenizer, processor } = this.parts;
    const windowEnd = windowStart + samples.length / SAMPLE_RATE;
    // Two log-mel frames per encoder position; the decoder, timestamps and token
    // bound do not depend on the context (time precision stays 0.02 s a position).
    const computed = await windowFeatures(processor.feature_extractor, samples, 2 * contextFrames);
    const features = new Tensor('float32', computed.data, computed.dims);
    // Only an unknown language needs a decoder step before generation; the no-speech
    // probability comes from generation's own first step (session timer's startLogits).
    const detected = options.language === 'auto' ? await this.probe(features) : null;
    const language = options.language === 'auto' ? (detected?.language ?? 'en') : options.language;
    const withWords = options.wordTimestamps && this.info.wordTimestamps;

    const collector = new TokenLogProbCollector({ textVocabularyEnd: this.endOfText });
    const signal = options.signal;
    const prompt = this.promptTokens(language);
    const output = await model.generate({
      inputs: features,
      // Timestamps as with `return_timestamps: true`, but by whisper-logits.ts's processor,
      // which sums the vocabulary once a step where transformers.js's rules and our collector
      // summed it four times. So transformers.js adds neither its timestamp rules nor its
      // begin suppression (whisperLogitsProcessor applies both, last in the chain), and
      // the prompt is given, as transformers.js builds it for timestamps.
      decoder_input_ids: prompt,
      return_timestamps: false,
      begin_suppress_tokens: null,
      // Word times: the cross-attention comes back, and token-timestamps.ts turns it
      // into times (transformers.js's own `return_token_timestamps` costs far more).
      output_attentions: withWords,
      return_dict_in_generate: withWords,
      // Bounded always: random or confused weights may otherwise decode to the 448-token limit.
      max_new_tokens: this.tokenBound(samples.length / SAMPLE_RATE),
      logits_processor: [
        whisperLogitsProcessor(
          {
            promptLength: prompt.length,
            endOfText: this.endOfText,
            noTimestamps: model.generation_config.no_timestamps_token_id ?? this.timestampBegin - 1,
            beginSuppressTokens: model.generation_config.begin_suppress_tokens ?? [],
          },
          collector,
        ),
      ],
      // Stops between decoder steps; the next step would be wasted work once cancelled.
      stopping_criteria: [(inputIds: bigint[][]) => inputIds.map(() => signal?.aborted === true)],
    });
    await output.past_key_values?.dispose?.();
    if (signal?.aborted) throw abortError();

    const sequenceTensor = withWords ? output.sequences : (output as TensorLike);
    const sequence = ((sequenceTensor?.tolist()[0] ?? []) as bigint[]).map(Number);
    const collected = collector.finish(sequence.at(-1) ?? null);
    const prefixLength = sequence.length - collected.length;
    const generated = sequence.slice(prefixLength);
    const tokens = generated.map((id) => BigInt(id));

    const [, segmentPart] = tokenizer._decode_asr([{ tokens }], {
      time_precision: this.timePrecision,
      return_timestamps: true,
      force_full_sequences: false,
    });
    const segments = placeChunks(segmentPart.chunks ?? [], windowStart, windowEnd);

    let timedWords: TimedText[];
    const attention = output.cross_attentions;
    const alignmentHeads = model.generation_config.alignment_heads as [number, number][] | undefined;
    if (withWords && attention && alignmentHeads) {
      const times = Array.from(
        tokenTimestamps(attention, {
          alignmentHeads,
          // The audio's encoder positions (two log-mel frames each), as openai-whisper's timing.py
          // crops: not the padding's, which a full window has and a short context does not.
          numFrames: Math.floor(Math.floor(samples.length / processor.feature_extractor.config.hop_length) / 2),
          medianFilterWidth: model.config.median_filter_width ?? 7,
          // The first step reads all forced tokens at once.
          initTokenCount: attention[0]?.[0]?.dims[2] ?? prefixLength,
          sequenceLength: sequence.length,
        }),
      )
        .slice(prefixLength)
        .map((time) => Math.round(time * 100) / 100);
      const [, wordPart] = tokenizer._decode_asr([{ tokens, token_timestamps: times }], {
        time_precision: this.timePrecision,
        return_timestamps: 'word',
        force_full_sequences: false,
      });
      timedWords = placeChunks(wordPart.chunks ?? [], windowStart, windowEnd);
    } else {
      timedWords = interpolateWords(segments);
    }

    const texts = incrementalTokenTexts(generated, (id) => id < this.endOfText, (ids) =>
      tokenizer.decode(ids, { skip_special_tokens: true }),
    );
    const words = wordProbabilities(tokensWithText(collected, texts), timedWords, {
      specialTokenStart: this.endOfText,
    });
    const start = detected ? null : this.timer.startLogits();
    const noSpeechProb = start ? readProbeLogits(start, this.languageTokens, this.noSpeechToken).noSpeechProb : (detected?.noSpeechProb ?? null);
    return { segments, words, tokens: collected, noSpeechProb };
  }


  /**
   * One decoder step from `<|startoftranscript|>` alone, where openai-whisper
   * detects the language. The encoder output is reused by the main generation
   * (see whisper-session-timer.ts), so this costs one decoder step; only `auto` needs it.
   */
  private async probe(features: unknown): Promise<ProbeResult> {
    const start = this.parts.model.generation_config.decoder_start_token_id;
    if (start === undefined) return { language: null, noSpeechProb: null };
    let result: ProbeResult = { language: null, noSpeechProb: null };
    const reader: LogitsProcessorFunction = (_inputIds, logits) => {
      const size = logits.dims[logits.dims.length - 1] ?? logits.data.length;
      result = readProbeLogits(logits.data.subarray(0, size), this.languageTokens, this.noSpeechToken);
      return logits;
    };
    await this.parts.model.generate({
      inputs: features,
      decoder_input_ids: [start],
      max_new_tokens: 1,
      return_timestamps: false,
      return_token_timestamps: false,
      // The model's suppression lists may hide language tokens; the probe reads raw logits.
      suppress_tokens: null,
      begin_suppress_tokens: null,
      logits_processor: [reader],
    });
    return result;
  }
}

/** One decoded window. */
interface DecodedWindow {
  segments: TimedText[];
  words: TranscriptionWord[];
  tokens: { logprob: number }[];
  noSpeechProb: number | null;
}

/** What the fallback decision reads of one window's result (as `transcribe` computes it for the whole). */
function checkInput(window: DecodedWindow): ContextCheckInput {
  const text = window.segments.map((segment) => segment.text).join(' ');
  return {
    text,
    avgLogProb: window.tokens.length > 0 ? averageLogProb(window.tokens) : 0,
    noSpeechProb: window.noSpeechProb,
    compressionRatio: compressionRatio(text),
  };
}

function tokenId(tokenizer: WhisperTokenizerLike, token: string): number | null {
  const id = tokenizer._tokenizer?.token_to_id(token) ?? tokenizer.model?.tokens_to_ids?.get(token);
  return typeof id === 'number' ? id : null;
}

/** A macrotask hop (MessageChannel in workers, setTimeout elsewhere) so queued messages run. */
function defaultYield(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
