/**
 * The offscreen document's shared transcriber over a fake Worker: a model is
 * loaded once per worker, and `release` ends the worker (the only way to give
 * back onnxruntime's WebAssembly memory), after which a load starts a new one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelInfo, RawTranscription, TranscriptionEvent, TranscriptionRequest } from '../../src/messages';

const info = (name: string): ModelInfo => ({
  name,
  displayName: name,
  kind: 'test',
  device: 'wasm',
  dtype: 'q8',
  threads: 1,
  wordTimestamps: false,
  audioContext: 'full',
});

const result: RawTranscription = {
  text: 'hei',
  words: [],
  chunks: [{ text: 'hei', start: 0, end: 1 }],
  avgLogProb: -0.1,
  compressionRatio: 1,
  noSpeechProb: 0,
  tokenCount: 1,
  timing: { encoderMs: 1, decoderMs: 1, totalMs: 2 },
};

/** Answers load with ready and transcribe with final, asynchronously, until terminated. */
class FakeWorker {
  static started: FakeWorker[] = [];
  readonly received: TranscriptionRequest[] = [];
  terminated = false;
  private readonly listeners: ((event: MessageEvent<TranscriptionEvent>) => void)[] = [];

  constructor() {
    FakeWorker.started.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent<TranscriptionEvent>) => void): void {
    if (type === 'message') this.listeners.push(listener);
  }

  postMessage(message: TranscriptionRequest): void {
    this.received.push(message);
    const answer: TranscriptionEvent | null =
      message.type === 'load'
        ? { status: 'ready', model: info(message.model) }
        : message.type === 'transcribe'
          ? { status: 'final', id: message.id, result }
          : null;
    if (!answer) return;
    setTimeout(() => {
      if (!this.terminated) for (const listener of this.listeners) listener({ data: answer } as MessageEvent<TranscriptionEvent>);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

const request = (id: string) => ({ id, samples: new Float32Array(16_000), offset: 0, language: 'no' as const, wordTimestamps: false });

// Each test imports the module afresh, so the shared transcriber starts anew over fake workers.
beforeEach(() => {
  FakeWorker.started = [];
  vi.resetModules();
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sharedTranscriber', () => {
  it('loads a model once and transcribes with it in one worker', async () => {
    const { sharedTranscriber } = await import('./transcriber');
    const transcriber = sharedTranscriber();
    await transcriber.load('base');
    await transcriber.load('base');
    await expect(transcriber.transcribe(request('u1'))).resolves.toMatchObject({ text: 'hei' });
    expect(FakeWorker.started).toHaveLength(1);
    expect(FakeWorker.started[0]!.received.filter((message) => message.type === 'load')).toHaveLength(1);
  });

  it('release ends the worker; the next load starts a new one and loads the model again', async () => {
    const { sharedTranscriber } = await import('./transcriber');
    const transcriber = sharedTranscriber();
    await transcriber.load('base');
    transcriber.release();
    expect(FakeWorker.started[0]!.terminated).toBe(true);
    await expect(transcriber.transcribe(request('u1'))).rejects.toThrow('No transcription model loaded');

    await expect(transcriber.load('base')).resolves.toMatchObject({ name: 'base' });
    expect(FakeWorker.started).toHaveLength(2);
    await expect(transcriber.transcribe(request('u2'))).resolves.toMatchObject({ text: 'hei' });
    expect(sharedTranscriber()).toBe(transcriber);
  });

  it('another model gets a fresh worker, the old one ended, so two models never share one worker\'s memory', async () => {
    const { sharedTranscriber } = await import('./transcriber');
    const transcriber = sharedTranscriber();
    await transcriber.load('live-model');
    await transcriber.load('final-model');
    expect(FakeWorker.started).toHaveLength(2);
    expect(FakeWorker.started[0]!.terminated).toBe(true);
    expect(FakeWorker.started[1]!.received.filter((message) => message.type === 'load').map((message) => message.type === 'load' && message.model)).toEqual(['final-model']);
    await expect(transcriber.transcribe(request('u1'))).resolves.toMatchObject({ text: 'hei' });
  });

  it('a transcription still waiting when the worker is released rejects instead of hanging', async () => {
    const { sharedTranscriber } = await import('./transcriber');
    const transcriber = sharedTranscriber();
    void transcriber.load('base').catch(() => undefined);
    const waiting = transcriber.transcribe(request('u1'));
    transcriber.release();
    await expect(waiting).rejects.toThrow();
  });
});

describe('createTranscriber (the full-quality pass’s lanes)', () => {
  it('gives each transcriber a worker of its own, asked for at most the threads it was made with', async () => {
    const { createTranscriber, sharedTranscriber } = await import('./transcriber');
    const lanes = [createTranscriber({ threads: 1 }), createTranscriber({ threads: 1 })];
    await Promise.all(lanes.map((lane) => lane.load('final-model')));
    expect(FakeWorker.started).toHaveLength(2);
    for (const worker of FakeWorker.started) {
      expect(worker.received.filter((message) => message.type === 'load')).toEqual([
        { type: 'load', model: 'final-model', device: 'auto', threads: 1 },
      ]);
    }
    await expect(Promise.all(lanes.map((lane, index) => lane.transcribe(request(`w${index}`))))).resolves.toHaveLength(2);
    expect(sharedTranscriber()).not.toBe(lanes[0]);

    lanes[0]!.release();
    expect(FakeWorker.started.map((worker) => worker.terminated)).toEqual([true, false]);
  });

  it('leaves the thread count to the worker when not given one', async () => {
    const { sharedTranscriber } = await import('./transcriber');
    await sharedTranscriber().load('live-model');
    expect(FakeWorker.started[0]!.received[0]).toEqual({ type: 'load', model: 'live-model', device: 'auto' });
  });
});
