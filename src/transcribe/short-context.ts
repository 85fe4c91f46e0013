/**
 * Short-context decoding: encode only an utterance plus a margin instead of
 * Whisper's padded 30 s window, for models trained for it.
 *
 * Whisper's encoder reads 3000 log-mel frames (30 s) whatever the audio's
 * length; for a 5 s utterance five sixths of its work is padding, and the
 * encoder is most of the live text's latency (docs/transcription.md). FUTO's
 * audio-context fine-tuning ("ACFT", the `acft-whisper-*` models) trains
 * Whisper to transcribe from a shorter encoder context. Unmodified Whisper
 * loops and invents text when its context is cut, so only a model whose
 * manifest says `"audioContext": "short"` gets it, only on the live path, and
 * a result the hallucination checks doubt is decoded again with the full window.
 */
import {
  DEFAULT_HALLUCINATION_THRESHOLDS,
  detectBoilerplate,
  detectHighCompression,
  detectNoSpeech,
  detectRepetition,
  type HallucinationReason,
  type HallucinationThresholds,
} from './hallucination';

/** What a model's encoder was trained for: `full` = Whisper's 30 s windows (the default), `short` = an utterance plus a margin (ACFT). */
export type AudioContextKind = 'full' | 'short';
export const AUDIO_CONTEXT_KINDS: readonly AudioContextKind[] = ['full', 'short'];

/** Encoder positions of Whisper's full 30 s window (1500, each 20 ms: two log-mel frames of 160 samples). */
export const FULL_CONTEXT_FRAMES = 1500;
/** The shortest context FUTO's rule gives (3.2 s), however short the utterance. */
export const MINIMUM_CONTEXT_FRAMES = 160;
/** Positions of silence after the audio (0.64 s): the model sees where speech ends, as it did in training. */
export const CONTEXT_MARGIN_FRAMES = 32;
/** 16 kHz samples per encoder position: two hops of 160. */
export const SAMPLES_PER_CONTEXT_FRAME = 320;

/**
 * Encoder positions for `samples` of 16 kHz audio: FUTO's rule
 * `max(160, min(1500, ceil(samples / 320) + 32))` for their ACFT models: the
 * audio's positions plus 0.64 s, at least 3.2 s, at most the full window. The
 * encoder then reads twice as many log-mel frames.
 */
export function shortContextFrames(samples: number): number {
  const needed = Math.ceil(samples / SAMPLES_PER_CONTEXT_FRAME) + CONTEXT_MARGIN_FRAMES;
  return Math.max(MINIMUM_CONTEXT_FRAMES, Math.min(FULL_CONTEXT_FRAMES, needed));
}

/** What the fallback decision reads of a short-context transcription (RawTranscription has all of it). */
export interface ContextCheckInput {
  text: string;
  avgLogProb: number;
  noSpeechProb: number | null;
  compressionRatio: number;
}

/**
 * Why a short-context result should be decoded again with the full 30 s window,
 * or [] when it stands. These are the [uklart] policy's hallucination checks
 * that depend on the decode alone (hallucination.ts): a loop (repetition,
 * compression ratio), subtitle boilerplate anywhere in the text, and
 * openai-whisper's no-speech rule, each of which would turn the text into
 * `[uklart]` or drop it. An empty text counts too (`empty`): the live path only
 * transcribes what the voice detector called speech, and an empty decode
 * would become an `[uklart]` marker or vanish. The VAD's speech ratio is left
 * out: too little speech in the audio is not the context's fault, and the
 * full window would not change it.
 */
export function fullContextReasons(
  result: ContextCheckInput,
  thresholds: HallucinationThresholds = DEFAULT_HALLUCINATION_THRESHOLDS,
): (HallucinationReason | { kind: 'empty' })[] {
  if (result.text.trim() === '') return [{ kind: 'empty' }];
  return [
    ...detectRepetition(result.text, thresholds),
    ...detectHighCompression(result.compressionRatio, thresholds.compressionRatio),
    ...detectBoilerplate(result.text),
    ...detectNoSpeech(result.noSpeechProb, result.avgLogProb, thresholds),
  ];
}

/** True when a short-context result must be replaced by the full window's (see `fullContextReasons`). */
export function needsFullContext(result: ContextCheckInput, thresholds?: HallucinationThresholds): boolean {
  return fullContextReasons(result, thresholds).length > 0;
}
