/**
 * Messages between a page (the offscreen document during a call, the workspace
 * for file imports) and the transcription Web Worker that runs Whisper. Long work
 * reports as a discriminated union on `status`, as transformers.js's Whisper
 * examples do, handled by an exhaustive switch.
 */

/**
 * Whisper language codes the product offers, in the order language menus show
 * them; `no` is bokmål output (`nb` throws). `auto` lets Whisper detect it.
 */
export const WHISPER_LANGUAGES = ['no', 'nn', 'en', 'sv', 'da', 'auto'] as const;
export type WhisperLanguage = (typeof WHISPER_LANGUAGES)[number];

/** Whether a stored language (a session's, say) is one of Whisper's codes the product offers. */
export function isWhisperLanguage(value: string): value is WhisperLanguage {
  return (WHISPER_LANGUAGES as readonly string[]).includes(value);
}

export interface ModelInfo {
  /** Folder name under models/. */
  name: string;
  displayName: string;
  /** `test` for the project's random-weight model: the UI must warn loudly. */
  kind: 'test' | 'real';
  device: 'wasm' | 'webgpu';
  dtype: string;
  /** onnxruntime's WASM threads; 1 unless the page is cross-origin isolated. */
  threads: number;
  wordTimestamps: boolean;
  /**
   * The encoder context the model was trained for (its manifest's `audioContext`):
   * `short` lets requests with `shortContext` encode only the audio plus a margin.
   */
  audioContext: 'full' | 'short';
}

export interface TranscriptionWord {
  text: string;
  /** Seconds from the session's (or file's) start. */
  start: number;
  end: number;
  /** exp(mean token log-prob); null when the model gave no token for the word. */
  probability: number | null;
}

export interface RawTranscription {
  text: string;
  words: TranscriptionWord[];
  /** Segment-level chunks with timestamps (always present when text is). */
  chunks: { text: string; start: number; end: number }[];
  /** openai-whisper's avg_logprob over the decoded tokens. */
  avgLogProb: number;
  compressionRatio: number;
  /** transformers.js does not expose it; null unless computed. */
  noSpeechProb: number | null;
  tokenCount: number;
  timing: { encoderMs: number | null; decoderMs: number | null; totalMs: number };
  /**
   * The worker's WebAssembly memory after this run, in bytes (onnxruntime's heap,
   * which only grows): a diagnostic the recorder reports so a long recording's
   * memory can be attributed. Absent where the worker could not track it.
   */
  wasmMemoryBytes?: number;
  /**
   * Log-mel frames the encoder read, per run (3000 = the full 30 s window; fewer
   * = a short context), and whether a short-context result was replaced by the
   * full window's because the hallucination checks doubted it
   * (src/transcribe/short-context.ts). A diagnostic for the bench and tests.
   */
  encoderContext?: { inputFrames: number[]; fullWindowFallback: boolean };
}

export type TranscriptionRequest =
  | {
      type: 'load';
      model: string;
      device: 'auto' | 'wasm' | 'webgpu';
      /**
       * At most this many onnxruntime threads in this worker (default: as many as it
       * would use, runtime-environment.ts). onnxruntime starts once per worker, at its
       * first load, so only that load's count counts. The full-quality pass asks for
       * fewer to run two workers side by side (docs/final-pass.md).
       */
      threads?: number;
      /**
       * Benchmarks only: at most this many decoded tokens per second of audio
       * (default 12, whisper-transcriber.ts). Random-weight models never end a
       * text, so `npm run bench:final-pass` holds them to speech's rate.
       */
      maxTokensPerSecond?: number;
    }
  | {
      type: 'transcribe';
      id: string;
      /** 16 kHz mono; transferred, not copied. */
      samples: Float32Array;
      /** Seconds from session start of samples[0]; added to every returned time. */
      offset: number;
      language: WhisperLanguage;
      wordTimestamps: boolean;
      /**
       * Encode only the audio plus a margin when the model was trained for it
       * (ModelInfo.audioContext `short`); ignored for other models. The live
       * path (recording) sets it; file imports do not.
       */
      shortContext?: boolean;
    }
  | { type: 'cancel'; id: string };

export type TranscriptionEvent =
  | { status: 'loading'; model: string; progress: number }
  | { status: 'ready'; model: ModelInfo }
  | { status: 'partial'; id: string; text: string }
  | { status: 'final'; id: string; result: RawTranscription }
  | { status: 'cancelled'; id: string }
  | { status: 'error'; id: string | null; message: string };
