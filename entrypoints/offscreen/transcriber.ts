import type { ModelInfo, RawTranscription, TranscriptionRequest } from '../../src/messages';
import { createTranscriptionClient, type TranscriptionClient } from '../../src/transcribe';

type TranscribeRequest = Omit<Extract<TranscriptionRequest, { type: 'transcribe' }>, 'type'>;

export interface SharedTranscriber {
  /**
   * Loads `model` unless it is the one the worker holds; starts a worker if none runs.
   * Another model (the final pass's after a call's, or the reverse) gets a fresh
   * worker: the old one is ended first (see `release`), so one model's memory is held at a time.
   */
  load(model: string): Promise<ModelInfo>;
  transcribe(request: TranscribeRequest): Promise<RawTranscription>;
  /** Stops a queued or running transcription; its promise rejects with an AbortError. */
  cancel(id: string): void;
  /**
   * Ends the worker, and with it all the memory the model held: its sessions and
   * onnxruntime's WebAssembly memory, which never shrinks, so disposing a model
   * inside a worker that goes on leaves that memory at its peak, and the next
   * model grows it further (base q8: 462 MB, then 665 MB; docs/transcription.md,
   * "Memory"). `load` calls it when another model is asked for. Queued and running transcriptions reject;
   * the next `load` starts a fresh worker.
   */
  release(): void;
}

let shared: SharedTranscriber | null = null;

/** The offscreen document's one transcription worker for recordings, kept between them until `release`. */
export function sharedTranscriber(): SharedTranscriber {
  shared ??= createTranscriber();
  return shared;
}

/**
 * A transcription worker of its own, started at the first `load`: the
 * full-quality pass runs one or two beside each other (docs/final-pass.md),
 * each with at most `threads` onnxruntime threads.
 */
export function createTranscriber(options: { threads?: number } = {}): SharedTranscriber {
  let client: TranscriptionClient | null = null;
  const running = (): TranscriptionClient =>
    (client ??= createTranscriptionClient(
      new Worker(new URL('../../src/transcribe/worker/transcription.worker.ts', import.meta.url), { type: 'module' }),
    ));
  // The worker holds one model at a time (loading another disposes it), so only the
  // latest load may be reused: after A, B, A the worker must load A again.
  let current: { model: string; info: Promise<ModelInfo> } | null = null;
  const transcriber: SharedTranscriber = {
    load(model) {
      if (current?.model === model) return current.info;
      if (current) transcriber.release();
      const info = running().load(model, 'auto', () => undefined, options.threads);
      const attempt = { model, info };
      current = attempt;
      // A failed load is tried again by the next recording.
      info.catch(() => {
        if (current === attempt) current = null;
      });
      return info;
    },
    async transcribe(request) {
      if (!current || !client) throw new Error('No transcription model loaded');
      const loaded = client;
      await current.info;
      return loaded.transcribe(request);
    },
    cancel(id) {
      client?.cancel(id);
    },
    release() {
      client?.dispose();
      client = null;
      current = null;
    },
  };
  return transcriber;
}
