import type { ModelInfo, RawTranscription, TranscriptionRequest } from '../../src/messages';
import { createTranscriptionClient } from '../../src/transcribe/worker/transcription-client';

type TranscribeRequest = Omit<Extract<TranscriptionRequest, { type: 'transcribe' }>, 'type'>;

export interface SharedTranscriber {
  /** Loads the model once; later calls return the same model. */
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
  const loaded = new Map<string, Promise<ModelInfo>>();
  let current: Promise<ModelInfo> | null = null;
  shared = {
    load(model) {
      let promise = loaded.get(model);
      if (!promise) {
        promise = client.load(model, 'auto', () => undefined);
        loaded.set(model, promise);
      }
      current = promise;
      return promise;
    },
    async transcribe(request) {
      if (!current) throw new Error('No transcription model loaded');
      await current;
      return client.transcribe(request);
    },
    cancel(id) {
      client.cancel(id);
    },
  };
  return shared;
}
