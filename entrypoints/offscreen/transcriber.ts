import type { ModelInfo, RawTranscription, TranscriptionRequest } from '../../src/messages';
import { createTranscriptionClient } from '../../src/transcribe';

type TranscribeRequest = Omit<Extract<TranscriptionRequest, { type: 'transcribe' }>, 'type'>;

export interface SharedTranscriber {
  /** Loads `model` unless it is the one the worker holds (the worker holds one at a time). */
  load(model: string): Promise<ModelInfo>;
  transcribe(request: TranscribeRequest): Promise<RawTranscription>;
  /** Stops a queued or running transcription; its promise rejects with an AbortError. */
  cancel(id: string): void;
}

let shared: SharedTranscriber | null = null;

/** The offscreen document's one transcription worker, kept between recordings. */
export function sharedTranscriber(): SharedTranscriber {
  if (shared) return shared;
  const worker = new Worker(new URL('../../src/transcribe/worker/transcription.worker.ts', import.meta.url), {
    type: 'module',
  });
  const client = createTranscriptionClient(worker);
  // The worker holds one model at a time (loading another disposes it), so only the
  // latest load may be reused: after A, B, A the worker must load A again.
  let current: { model: string; info: Promise<ModelInfo> } | null = null;
  shared = {
    load(model) {
      if (current?.model === model) return current.info;
      const info = client.load(model, 'auto', () => undefined);
      const attempt = { model, info };
      current = attempt;
      // A failed load is tried again by the next recording.
      info.catch(() => {
        if (current === attempt) current = null;
      });
      return info;
    },
    async transcribe(request) {
      if (!current) throw new Error('No transcription model loaded');
      await current.info;
      return client.transcribe(request);
    },
    cancel(id) {
      client.cancel(id);
    },
  };
  return shared;
}
