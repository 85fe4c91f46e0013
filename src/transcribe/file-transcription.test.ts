import { describe, expect, it } from 'vitest';
import type { RawTranscription } from '../messages';
import { transcribeRecording, type FileTranscriptionProgress } from './file-transcription';
import { speechLikeRecording } from './test-audio';

const RATE = 16000;

const recording = (parts: Parameters<typeof speechLikeRecording>[1]) => speechLikeRecording(RATE, parts);

const fakeTranscribe = async (request: { id: string; samples: Float32Array; offset: number }): Promise<RawTranscription> => {
  const duration = request.samples.length / RATE;
  const words = ['ord', 'for', 'ord'].map((text, index) => ({
    text,
    start: request.offset + (duration * index) / 3,
    end: request.offset + (duration * (index + 1)) / 3,
    probability: 0.9,
  }));
  return {
    text: 'ord for ord',
    words,
    chunks: [{ text: 'ord for ord', start: request.offset, end: request.offset + duration }],
    avgLogProb: -0.1,
    compressionRatio: 1,
    noSpeechProb: null,
    tokenCount: 3,
    timing: { encoderMs: null, decoderMs: null, totalMs: 1 },
  };
};

describe('transcribing a recording file', () => {
  it('gives one segment per utterance in time order, with progress up to the end', async () => {
    const progress: FileTranscriptionProgress[] = [];
    const segments = await transcribeRecording({
      sessionId: 's',
      samples: recording([
        { speech: false, seconds: 1 },
        { speech: true, seconds: 2 },
        { speech: false, seconds: 1.5 },
        { speech: true, seconds: 2 },
        { speech: false, seconds: 1 },
      ]),
      language: 'no',
      transcribe: fakeTranscribe,
      onProgress: (step) => progress.push(step),
    });
    expect(segments).toHaveLength(2);
    expect(segments[0]!.start).toBeLessThan(segments[1]!.start);
    expect(segments[0]!.start).toBeGreaterThan(0.6);
    expect(segments[1]!.start).toBeGreaterThan(4);
    expect(progress.at(-1)).toMatchObject({ fraction: 1, done: 2, total: 2 });
    // The bar moves while the file is cut, before anything is transcribed, and never goes back.
    expect(progress[0]).toMatchObject({ done: 0 });
    expect(progress[0]!.fraction).toBeGreaterThan(0);
    const fractions = progress.map((step) => step.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('marks lost audio inside speech as [uklart]', async () => {
    const segments = await transcribeRecording({
      sessionId: 's',
      samples: recording([
        { speech: false, seconds: 0.5 },
        { speech: true, seconds: 1.5 },
        { speech: true, seconds: 2, zeros: true },
        { speech: true, seconds: 1.5 },
        { speech: false, seconds: 1 },
      ]),
      language: 'no',
      transcribe: fakeTranscribe,
    });
    const unclear = segments.flatMap((segment) => segment.unclear);
    expect(unclear.some((span) => span.start <= 2.1 && span.end >= 3.9)).toBe(true);
    expect(segments.map((segment) => segment.text).join(' ')).toContain('[uklart]');
  });

  it('stops when cancelled, keeping what was already done', async () => {
    const controller = new AbortController();
    const kept: string[] = [];
    const job = transcribeRecording({
      sessionId: 's',
      samples: recording([
        { speech: true, seconds: 1.5 },
        { speech: false, seconds: 1.5 },
        { speech: true, seconds: 1.5 },
        { speech: false, seconds: 1.5 },
      ]),
      language: 'no',
      transcribe: async (request) => {
        const result = await fakeTranscribe(request);
        controller.abort();
        return result;
      },
      onSegment: (segment) => void kept.push(segment.id),
      signal: controller.signal,
    });
    await expect(job).rejects.toThrow(/abort/i);
    expect(kept).toHaveLength(1);
  });

  it('cuts the file with the detector it is given, even one that answers asynchronously', async () => {
    const samples = recording([
      { speech: false, seconds: 1 },
      { speech: true, seconds: 2 },
      { speech: false, seconds: 1 },
    ]);
    const hearsNothing = { frameSize: 512, process: async () => 0, reset: () => {} };
    expect(await transcribeRecording({ sessionId: 's', samples, language: 'no', transcribe: fakeTranscribe, detector: hearsNothing })).toHaveLength(0);
    const hearsEverything = { frameSize: 512, process: async () => 1, reset: () => {} };
    const [whole] = await transcribeRecording({ sessionId: 's', samples, language: 'no', transcribe: fakeTranscribe, detector: hearsEverything });
    expect(whole!.start).toBe(0);
    expect(whole!.end).toBeCloseTo(4, 1);
  });
});
