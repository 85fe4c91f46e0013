/**
 * The client and the worker's request queue, wired together through a fake
 * worker, with a fake model: the order, cancellation and error paths a caller sees.
 */
import { describe, expect, it } from 'vitest';
import type { ModelInfo, RawTranscription, TranscriptionEvent, TranscriptionRequest } from '../../messages/transcription-protocol';
import { createTranscriptionClient, type WorkerLike } from './transcription-client';
import { createRequestHandler, type LoadedTranscriber } from './transcription-queue';

const info: ModelInfo = {
  name: 'intervju-test-tiny',
  displayName: 'Test model',
  kind: 'test',
  device: 'wasm',
  dtype: 'fp32',
  threads: 1,
  wordTimestamps: true,
  audioContext: 'full',
};

function resultFor(samples: Float32Array, offset: number): RawTranscription {
  const end = offset + samples.length / 16_000;
  return {
    text: `heard ${samples.length}`,
    words: [{ text: 'heard', start: offset, end, probability: 0.9 }],
    chunks: [{ text: `heard ${samples.length}`, start: offset, end }],
    avgLogProb: -0.1,
    compressionRatio: 1,
    noSpeechProb: 0.01,
    tokenCount: 3,
    timing: { encoderMs: 1, decoderMs: 1, totalMs: 2 },
  };
}

/** A model that takes `delayMs` per utterance and notes how many ran at once. */
function fakeTranscriber(delayMs: number, log: string[]): LoadedTranscriber {
  let running = 0;
  return {
    info,
    async transcribe(samples, options) {
      running++;
      log.push(`start ${samples.length} (running ${running})${options.shortContext ? ' short context' : ''}`);
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, delayMs);
          options.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new DOMException('aborted', 'AbortError'));
          });
        });
        return resultFor(samples, options.offset);
      } finally {
        running--;
      }
    },
  };
}

/** A fake Worker whose other end is the real request handler, asynchronous like postMessage. */
function connectedWorker(options: { delayMs?: number; failLoad?: boolean } = {}) {
  const log: string[] = [];
  const loads: string[] = [];
  const listeners: ((event: MessageEvent<TranscriptionEvent>) => void)[] = [];
  const handle = createRequestHandler({
    async loadModel({ model, device, threads }, onProgress) {
      loads.push(`load ${model} on ${device}${threads === undefined ? '' : ` with at most ${threads} threads`}`);
      onProgress(0.5);
      if (options.failLoad) throw new Error('manifest missing');
      return fakeTranscriber(options.delayMs ?? 20, log);
    },
    post: (event) => setTimeout(() => listeners.forEach((listener) => listener({ data: event } as MessageEvent<TranscriptionEvent>))),
  });
  const worker: WorkerLike = {
    postMessage: (message: TranscriptionRequest) => setTimeout(() => handle(message)),
    addEventListener: ((type: string, listener: (event: MessageEvent<TranscriptionEvent>) => void) => {
      if (type === 'message') listeners.push(listener);
    }) as WorkerLike['addEventListener'],
    terminate: () => log.push('terminated'),
  };
  return { worker, log, loads };
}

const utterance = (id: string, seconds: number, offset = 0) => ({
  id,
  samples: new Float32Array(16_000 * seconds),
  offset,
  language: 'no' as const,
  wordTimestamps: true,
});

describe('the transcription client', () => {
  it('loads a model, reporting progress, and resolves with what was loaded', async () => {
    const { worker } = connectedWorker();
    const client = createTranscriptionClient(worker);
    const progress: number[] = [];
    await expect(client.load('intervju-test-tiny', 'auto', (fraction) => progress.push(fraction))).resolves.toEqual(info);
    expect(progress).toEqual([0, 0.5]);
  });

  it("passes a load's thread limit through to the worker's model loading", async () => {
    const { worker, loads } = connectedWorker();
    const client = createTranscriptionClient(worker);
    await client.load('intervju-test-tiny', 'wasm', undefined, 1);
    await client.load('intervju-test-tiny', 'auto');
    expect(loads).toEqual(['load intervju-test-tiny on wasm with at most 1 threads', 'load intervju-test-tiny on auto']);
  });

  it('rejects a load that fails, with the reason', async () => {
    const client = createTranscriptionClient(connectedWorker({ failLoad: true }).worker);
    await expect(client.load('missing', 'wasm')).rejects.toThrow(/manifest missing/);
  });

  it('refuses to transcribe before a model is loaded', async () => {
    const client = createTranscriptionClient(connectedWorker().worker);
    await expect(client.transcribe(utterance('u1', 1))).rejects.toThrow(/No transcription model loaded/);
  });

  it("hands the live path's short-context request to the model, and no other", async () => {
    const { worker, log } = connectedWorker();
    const client = createTranscriptionClient(worker);
    await client.load('intervju-test-tiny', 'wasm');
    await client.transcribe({ ...utterance('live', 1), shortContext: true });
    await client.transcribe(utterance('import', 2));
    expect(log).toEqual(['start 16000 (running 1) short context', 'start 32000 (running 1)']);
  });

  it('transcribes utterances one at a time, in order, each answered by its own id', async () => {
    const { worker, log } = connectedWorker();
    const client = createTranscriptionClient(worker);
    await client.load('intervju-test-tiny', 'wasm');
    const results = await Promise.all([client.transcribe(utterance('a', 1, 5)), client.transcribe(utterance('b', 2, 9))]);
    expect(results.map((result) => result.text)).toEqual(['heard 16000', 'heard 32000']);
    expect(results[1]?.words[0]?.start).toBe(9);
    expect(log).toEqual(['start 16000 (running 1)', 'start 32000 (running 1)']);
  });

  it('cancels a waiting utterance and a running one, and goes on with the next', async () => {
    const { worker, log } = connectedWorker({ delayMs: 200 });
    const client = createTranscriptionClient(worker);
    await client.load('intervju-test-tiny', 'wasm');
    const running = client.transcribe(utterance('running', 1));
    const waiting = client.transcribe(utterance('waiting', 2));
    const next = client.transcribe(utterance('next', 3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.cancel('waiting');
    client.cancel('running');
    const [runningOutcome, waitingOutcome, nextOutcome] = await Promise.allSettled([running, waiting, next]);
    expect(runningOutcome).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    expect(waitingOutcome).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    expect(nextOutcome).toMatchObject({ status: 'fulfilled', value: { text: 'heard 48000' } });
    expect(log).toEqual(['start 16000 (running 1)', 'start 48000 (running 1)']);
  });

  it('leaves the caller\'s buffer alone when the samples are a view into it', async () => {
    const posted: TranscriptionRequest[] = [];
    const worker: WorkerLike = {
      postMessage: (message: TranscriptionRequest) => posted.push(message),
      addEventListener: (() => undefined) as WorkerLike['addEventListener'],
      terminate: () => undefined,
    };
    const recording = new Float32Array(48_000);
    const client = createTranscriptionClient(worker);
    void client.transcribe({ ...utterance('view', 1), samples: recording.subarray(16_000, 32_000) });
    const sent = posted[0];
    expect(sent?.type === 'transcribe' && sent.samples.buffer).not.toBe(recording.buffer);
  });

  it('rejects what is pending when disposed, and stops the worker', async () => {
    const { worker, log } = connectedWorker({ delayMs: 200 });
    const client = createTranscriptionClient(worker);
    await client.load('intervju-test-tiny', 'wasm');
    const pending = client.transcribe(utterance('late', 1));
    client.dispose();
    await expect(pending).rejects.toThrow(/disposed/);
    expect(log).toContain('terminated');
  });
});
