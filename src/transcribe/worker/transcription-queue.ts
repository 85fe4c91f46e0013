/**
 * The worker's request handling, without the worker: requests run one at a
 * time in arrival order (one model, one onnxruntime session: transformers.js
 * cannot run two generations at once), and `cancel` removes a waiting request
 * or aborts the running one. Every request ends in exactly one event.
 */
import type {
  ModelInfo,
  RawTranscription,
  TranscriptionEvent,
  TranscriptionRequest,
  WhisperLanguage,
} from '../../messages/transcription-protocol';

/** What the queue needs of a loaded model. */
export interface LoadedTranscriber {
  readonly info: ModelInfo;
  transcribe(
    samples: Float32Array,
    options: { offset: number; language: WhisperLanguage; wordTimestamps: boolean; shortContext?: boolean; signal?: AbortSignal },
  ): Promise<RawTranscription>;
  dispose?(): Promise<void>;
}

export interface QueueEnvironment {
  /** Loads `request.model` as the request says (device, threads, token bound). */
  loadModel(request: LoadRequest, onProgress: (fraction: number) => void): Promise<LoadedTranscriber>;
  post(event: TranscriptionEvent): void;
}

type TranscribeRequest = Extract<TranscriptionRequest, { type: 'transcribe' }>;
type LoadRequest = Extract<TranscriptionRequest, { type: 'load' }>;

/** Returns the function to call with each incoming request. */
export function createRequestHandler(environment: QueueEnvironment): (request: TranscriptionRequest) => void {
  const waiting: (TranscribeRequest | LoadRequest)[] = [];
  let running: { id: string; controller: AbortController } | null = null;
  let busy = false;
  let transcriber: LoadedTranscriber | null = null;
  let loadedKey: string | null = null;

  async function load(request: LoadRequest): Promise<void> {
    const key = `${request.model}\u0000${request.device}`;
    if (transcriber && loadedKey === key) {
      environment.post({ status: 'ready', model: transcriber.info });
      return;
    }
    try {
      environment.post({ status: 'loading', model: request.model, progress: 0 });
      const next = await environment.loadModel(request, (progress) => environment.post({ status: 'loading', model: request.model, progress }));
      await transcriber?.dispose?.();
      transcriber = next;
      loadedKey = key;
      environment.post({ status: 'ready', model: next.info });
    } catch (error) {
      environment.post({ status: 'error', id: null, message: `Could not load model ${request.model}: ${messageOf(error)}` });
    }
  }

  async function transcribe(request: TranscribeRequest): Promise<void> {
    if (!transcriber) {
      environment.post({ status: 'error', id: request.id, message: 'No transcription model loaded' });
      return;
    }
    const controller = new AbortController();
    running = { id: request.id, controller };
    try {
      const result = await transcriber.transcribe(request.samples, {
        offset: request.offset,
        language: request.language,
        wordTimestamps: request.wordTimestamps,
        shortContext: request.shortContext === true,
        signal: controller.signal,
      });
      environment.post({ status: 'final', id: request.id, result });
    } catch (error) {
      if (controller.signal.aborted) environment.post({ status: 'cancelled', id: request.id });
      else environment.post({ status: 'error', id: request.id, message: messageOf(error) });
    } finally {
      running = null;
    }
  }

  async function drain(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      for (let next = waiting.shift(); next; next = waiting.shift()) {
        if (next.type === 'load') await load(next);
        else await transcribe(next);
      }
    } finally {
      busy = false;
    }
  }

  return (request) => {
    switch (request.type) {
      case 'load':
      case 'transcribe':
        waiting.push(request);
        void drain();
        return;
      case 'cancel': {
        const index = waiting.findIndex((entry) => entry.type === 'transcribe' && entry.id === request.id);
        if (index >= 0) {
          waiting.splice(index, 1);
          environment.post({ status: 'cancelled', id: request.id });
        } else if (running?.id === request.id) {
          running.controller.abort();
        }
        return;
      }
    }
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
