/**
 * A typed client for the transcription worker: promises instead of events.
 * Used by the offscreen document (live utterances) and the workspace (file
 * imports); both create the worker themselves so Vite bundles it:
 *
 *   createTranscriptionClient(new Worker(new URL('../../src/transcribe/worker/transcription.worker.ts', import.meta.url), { type: 'module' }))
 */
import type {
  ModelInfo,
  RawTranscription,
  TranscriptionEvent,
  TranscriptionRequest,
} from '../../messages/transcription-protocol';

/** A transcribe request as the client takes it: the protocol's, without `type`. */
export type ClientTranscribeRequest = Omit<Extract<TranscriptionRequest, { type: 'transcribe' }>, 'type'>;

/** The part of a Worker the client uses (a MessagePort-like fake works in tests). */
export interface WorkerLike {
  postMessage(message: TranscriptionRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TranscriptionEvent>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface TranscriptionClient {
  /**
   * Loads (or re-selects) a model; resolves with what was loaded. `threads` caps
   * onnxruntime's threads in this worker, from its first load on (the protocol's `load`).
   */
  load(model: string, device: 'auto' | 'wasm' | 'webgpu', onProgress?: (fraction: number) => void, threads?: number): Promise<ModelInfo>;
  /** Queues one utterance; rejects with an AbortError when cancelled. The samples are transferred. */
  transcribe(request: ClientTranscribeRequest): Promise<RawTranscription>;
  /** Cancels a queued or running transcription by id. */
  cancel(id: string): void;
  /** Stops the worker; pending promises reject. */
  dispose(): void;
}

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

/** Wraps `worker` (already created by the caller) in promises. */
export function createTranscriptionClient(worker: WorkerLike): TranscriptionClient {
  const transcriptions = new Map<string, Pending<RawTranscription>>();
  const loads: (Pending<ModelInfo> & { onProgress?: (fraction: number) => void })[] = [];
  let disposed = false;

  const failAll = (error: Error) => {
    for (const pending of transcriptions.values()) pending.reject(error);
    transcriptions.clear();
    for (const pending of loads.splice(0)) pending.reject(error);
  };

  worker.addEventListener('message', (event: MessageEvent<TranscriptionEvent>) => {
    const message = event.data;
    switch (message.status) {
      case 'loading':
        loads[0]?.onProgress?.(message.progress);
        return;
      case 'ready':
        loads.shift()?.resolve(message.model);
        return;
      case 'partial':
        return;
      case 'final':
        transcriptions.get(message.id)?.resolve(message.result);
        transcriptions.delete(message.id);
        return;
      case 'cancelled':
        transcriptions.get(message.id)?.reject(new DOMException('Transcription cancelled', 'AbortError'));
        transcriptions.delete(message.id);
        return;
      case 'error':
        if (message.id === null) {
          loads.shift()?.reject(new Error(message.message));
        } else {
          transcriptions.get(message.id)?.reject(new Error(message.message));
          transcriptions.delete(message.id);
        }
        return;
    }
  });
  worker.addEventListener('error', (event: ErrorEvent) => {
    // A worker that failed to start (bad bundle, CSP) or crashed answers nothing again.
    failAll(new Error(`Transcription worker failed: ${event.message}`));
  });

  return {
    load(model, device, onProgress, threads) {
      if (disposed) return Promise.reject(new Error('Transcription client disposed'));
      return new Promise<ModelInfo>((resolve, reject) => {
        loads.push({ resolve, reject, onProgress });
        worker.postMessage({ type: 'load', model, device, ...(threads !== undefined && { threads }) });
      });
    },
    transcribe(request) {
      if (disposed) return Promise.reject(new Error('Transcription client disposed'));
      if (transcriptions.has(request.id)) return Promise.reject(new Error(`Duplicate transcription id ${request.id}`));
      // Transfer, don't copy; but only a buffer the samples own whole, or the caller's other data would vanish.
      const owned = request.samples.byteOffset === 0 && request.samples.byteLength === request.samples.buffer.byteLength;
      const samples = owned ? request.samples : request.samples.slice();
      return new Promise<RawTranscription>((resolve, reject) => {
        transcriptions.set(request.id, { resolve, reject });
        worker.postMessage({ type: 'transcribe', ...request, samples }, [samples.buffer]);
      });
    },
    cancel(id) {
      if (!disposed) worker.postMessage({ type: 'cancel', id });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      worker.terminate();
      failAll(new Error('Transcription client disposed'));
    },
  };
}
