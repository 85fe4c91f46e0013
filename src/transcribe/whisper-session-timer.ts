/**
 * Wraps the `run` of a Whisper model's two onnxruntime sessions (encoder
 * `model`, decoder `decoder_model_merged`) to:
 * - time the encoder and the decoder steps separately, at no cost;
 * - reuse the encoder output when the same features are encoded twice within
 *   one transcription (transformers.js's `generate` always encodes; our
 *   language/no-speech probe and the main generation share one window);
 * - keep the logits at the start-of-transcript position of a decoder run
 *   that starts from scratch (no cache): openai-whisper reads language and
 *   no-speech probability there, and the main generation's first step holds
 *   them, so no separate probe step is needed when the language is known;
 * - hand generation only the last position's logits of a run over several
 *   positions (the first step reads the whole prompt): generation reads no
 *   other, and transformers.js cuts the last one out of [1, positions,
 *   vocabulary] element by element, once an utterance, in code too cold to be
 *   optimised (several milliseconds in the browser); from [1, 1, vocabulary]
 *   it copies one block;
 * - hop to the event loop now and then between decoder steps, so a worker
 *   sees a `cancel` message while generation runs (onnxruntime's promises
 *   resolve as microtasks, which never let queued messages in).
 */

/** The part of an onnxruntime InferenceSession this needs. */
export interface SessionLike {
  run(feeds: Record<string, unknown>, ...rest: unknown[]): Promise<Record<string, OutputTensorLike>>;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
}

/** What the wrapper reads of an output tensor. */
export interface OutputTensorLike {
  location?: string;
  type?: string;
  dims?: readonly number[];
  data?: unknown;
}

/** Per-transcription timing and encoder reuse; `reset` before, `release` after. */
export interface SessionTimer {
  reset(): void;
  /** Logits after `<|startoftranscript|>` from the latest decoder run without a cache (a copy), or null. */
  startLogits(): Float32Array | null;
  /** Drops the cached encoder output (it is large: 1500 × d_model floats). */
  release(): void;
  totals(): { encoderMs: number | null; decoderMs: number | null };
  /** Log-mel frames the encoder read in each of its runs since `reset` (3000 = Whisper's full window; reuses not counted). */
  encoderInputFrames(): number[];
}

export interface SessionTimerOptions {
  now: () => number;
  yieldToEventLoop: () => Promise<void>;
  /** Longest stretch of decoder steps without a hop to the event loop. */
  yieldEveryMs?: number;
}

/** Instruments `sessions.model` and `sessions.decoder_model_merged` in place. */
export function instrumentSessions(sessions: Record<string, SessionLike>, options: SessionTimerOptions): SessionTimer {
  const { now, yieldToEventLoop } = options;
  const yieldEveryMs = options.yieldEveryMs ?? 50;
  let encoderMs: number | null = null;
  let decoderMs: number | null = null;
  let lastYield = now();
  let cache: { features: unknown; output: Record<string, OutputTensorLike> } | null = null;
  let startLogits: Float32Array | null = null;
  let inputFrames: number[] = [];
  let active = false;

  const encoder = sessions['model'];
  if (encoder) {
    const run = encoder.run.bind(encoder);
    (encoder as { run: SessionLike['run'] }).run = async (feeds, ...rest) => {
      const features = feeds['input_features'];
      if (active && cache !== null && features !== undefined && cache.features === features) return cache.output;
      const started = now();
      const output = await run(feeds, ...rest);
      encoderMs = (encoderMs ?? 0) + (now() - started);
      const frames = (features as { dims?: readonly number[] } | undefined)?.dims?.[2];
      if (active && frames !== undefined) inputFrames.push(frames);
      // GPU-resident outputs may be disposed by transformers.js after use: reuse only CPU ones.
      const onCpu = Object.values(output).every((tensor) => tensor.location === undefined || tensor.location === 'cpu');
      if (active && onCpu) cache = { features, output };
      return output;
    };
  }

  const decoder = sessions['decoder_model_merged'];
  if (decoder) {
    const run = decoder.run.bind(decoder);
    (decoder as { run: SessionLike['run'] }).run = async (feeds, ...rest) => {
      if (now() - lastYield > yieldEveryMs) {
        await yieldToEventLoop();
        lastYield = now();
      }
      const started = now();
      const output = await run(feeds, ...rest);
      decoderMs = (decoderMs ?? 0) + (now() - started);
      if (active && !usesCache(feeds)) startLogits = firstPositionLogits(output['logits']) ?? startLogits;
      const last = lastPositionLogits(output['logits']);
      if (last) output['logits'] = last;
      return output;
    };
  }

  return {
    reset() {
      encoderMs = null;
      decoderMs = null;
      cache = null;
      startLogits = null;
      inputFrames = [];
      active = true;
      lastYield = now();
    },
    release() {
      cache = null;
      startLogits = null;
      active = false;
    },
    startLogits() {
      return startLogits;
    },
    totals() {
      return { encoderMs, decoderMs };
    },
    encoderInputFrames() {
      return [...inputFrames];
    },
  };
}

/** Whether a merged-decoder run continues from a cache (`use_cache_branch` true). */
function usesCache(feeds: Record<string, unknown>): boolean {
  const branch = feeds['use_cache_branch'] as { data?: ArrayLike<unknown> } | undefined;
  return branch?.data?.[0] === true || branch?.data?.[0] === 1;
}

/** Logits [1, positions, vocabulary] at position 0, copied (the run's buffers are reused), if on the CPU. */
function firstPositionLogits(logits: OutputTensorLike | undefined): Float32Array | null {
  if (!logits || (logits.location !== undefined && logits.location !== 'cpu') || !(logits.data instanceof Float32Array)) return null;
  const vocabulary = logits.dims?.at(-1);
  if (vocabulary === undefined) return null;
  return logits.data.slice(0, vocabulary);
}

/**
 * Logits [1, positions > 1, vocabulary] as [1, 1, vocabulary] of the last position, in
 * the same onnxruntime tensor class (transformers.js wraps only those); null to leave as is.
 */
function lastPositionLogits(logits: OutputTensorLike | undefined): OutputTensorLike | null {
  if (!logits || (logits.location !== undefined && logits.location !== 'cpu') || logits.type !== 'float32') return null;
  if (!(logits.data instanceof Float32Array) || logits.dims?.length !== 3) return null;
  const [batch, positions = 0, vocabulary = 0] = logits.dims;
  if (batch !== 1 || positions <= 1) return null;
  const TensorClass = logits.constructor as new (type: 'float32', data: Float32Array, dims: number[]) => OutputTensorLike;
  return new TensorClass('float32', logits.data.slice((positions - 1) * vocabulary, positions * vocabulary), [1, 1, vocabulary]);
}
