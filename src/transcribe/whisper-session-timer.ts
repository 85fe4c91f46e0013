/**
 * Wraps the `run` of a Whisper model's two onnxruntime sessions (encoder
 * `model`, decoder `decoder_model_merged`) to:
 * - time the encoder and the decoder steps separately, at no cost;
 * - reuse the encoder output when the same features are encoded twice within
 *   one transcription (transformers.js's `generate` always encodes; our
 *   language/no-speech probe and the main generation share one window);
 * - hop to the event loop now and then between decoder steps, so a worker
 *   sees a `cancel` message while generation runs (onnxruntime's promises
 *   resolve as microtasks, which never let queued messages in).
 */

/** The part of an onnxruntime InferenceSession this needs. */
export interface SessionLike {
  run(feeds: Record<string, unknown>, ...rest: unknown[]): Promise<Record<string, { location?: string }>>;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
}

/** Per-transcription timing and encoder reuse; `reset` before, `release` after. */
export interface SessionTimer {
  reset(): void;
  /** Drops the cached encoder output (it is large: 1500 × d_model floats). */
  release(): void;
  totals(): { encoderMs: number | null; decoderMs: number | null };
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
  let cache: { features: unknown; output: Record<string, { location?: string }> } | null = null;
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
      return output;
    };
  }

  return {
    reset() {
      encoderMs = null;
      decoderMs = null;
      cache = null;
      active = true;
      lastYield = now();
    },
    release() {
      cache = null;
      active = false;
    },
    totals() {
      return { encoderMs, decoderMs };
    },
  };
}
