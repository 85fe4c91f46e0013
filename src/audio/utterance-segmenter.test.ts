import { describe, expect, it } from 'vitest';
import { UtteranceSegmenter, type Utterance } from './utterance-segmenter';
import { rms } from './levels';
import type { VoiceActivityDetector } from './voice-activity';
import { concatenate, mixInto, noise, randomChunks, seededRandom, speechLike } from './test-signals';

const RATE = 16_000;
// One frame, plus a hair for floating point.
const FRAME = 0.03 + 1e-9;

/** Scripted detector: a frame is speech when it is louder than 0.05 RMS, so timings are exact. */
const loudnessDetector: VoiceActivityDetector = { process: (frame) => (rms(frame) > 0.05 ? 1 : 0), reset: () => {} };

function tone(seconds: number): Float32Array {
  return new Float32Array(Math.round(seconds * RATE)).fill(0.2);
}

function quiet(seconds: number): Float32Array {
  return new Float32Array(Math.round(seconds * RATE)).fill(0.001);
}

async function run(segmenter: UtteranceSegmenter, signal: Float32Array, chunkMaximum = 2000): Promise<Utterance[]> {
  const found: Utterance[] = [];
  for (const chunk of randomChunks(signal, chunkMaximum)) found.push(...(await segmenter.push(chunk)));
  return [...found, ...(await segmenter.flush())];
}

describe('UtteranceSegmenter timing (scripted detector)', () => {
  const signal = concatenate(quiet(1), tone(2), quiet(1), tone(1.5), quiet(2));

  it('cuts at pauses, padded by 200 ms on both sides (± one frame)', async () => {
    const utterances = await run(new UtteranceSegmenter({ detector: loudnessDetector }), signal);
    expect(utterances.map((utterance) => [utterance.start, utterance.end])).toHaveLength(2);
    const [first, second] = utterances as [Utterance, Utterance];
    expect(Math.abs(first.start - 0.8)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(first.end - 3.2)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(second.start - 3.8)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(second.end - 5.7)).toBeLessThanOrEqual(FRAME);
  });

  it('returns exactly the audio between start and end', async () => {
    const utterances = await run(new UtteranceSegmenter({ detector: loudnessDetector }), signal);
    for (const utterance of utterances) {
      expect(utterance.samples.length).toBe(Math.round((utterance.end - utterance.start) * RATE));
      const offset = Math.round(utterance.start * RATE);
      expect(Array.from(utterance.samples)).toEqual(Array.from(signal.subarray(offset, offset + utterance.samples.length)));
      expect(utterance.speechRatio).toBeGreaterThan(0.75);
      expect(utterance.speechRatio).toBeLessThan(1);
    }
  });

  it('keeps a pause shorter than minSilenceMs inside one utterance', async () => {
    const utterances = await run(new UtteranceSegmenter({ detector: loudnessDetector }), concatenate(quiet(1), tone(1), quiet(0.3), tone(1), quiet(1)));
    expect(utterances).toHaveLength(1);
    expect(Math.abs(utterances[0]!.end - 3.5)).toBeLessThanOrEqual(FRAME);
  });

  it('drops bursts shorter than minSpeechMs (a cough, a click)', async () => {
    expect(await run(new UtteranceSegmenter({ detector: loudnessDetector }), concatenate(quiet(1), tone(0.15), quiet(1)))).toHaveLength(0);
  });

  it('reports ongoing speech for provisional transcription', async () => {
    const segmenter = new UtteranceSegmenter({ detector: loudnessDetector });
    await segmenter.push(concatenate(quiet(1), tone(0.1)));
    // Speech shorter than minSpeechMs so far: not yet an utterance.
    expect(segmenter.isSpeaking).toBe(false);
    await segmenter.push(tone(0.5));
    expect(segmenter.isSpeaking).toBe(true);
    expect(Math.abs(segmenter.currentUtteranceStart! - 0.8)).toBeLessThanOrEqual(FRAME);
    expect(segmenter.currentUtteranceSamples()!.length).toBeGreaterThan(0.8 * RATE);
    const completed = await segmenter.push(quiet(1));
    expect(completed).toHaveLength(1);
    expect(segmenter.isSpeaking).toBe(false);
    expect(segmenter.currentUtteranceStart).toBeNull();
  });

  it('tells, once a pause has lasted the padding, exactly the utterance it will emit if the pause goes on', async () => {
    const segmenter = new UtteranceSegmenter({ detector: loudnessDetector });
    await segmenter.push(concatenate(quiet(1), tone(1)));
    expect(segmenter.settledUtterance()).toBeNull();
    await segmenter.push(quiet(0.1));
    // Less than the 200 ms padding of pause: the end is not known yet.
    expect(segmenter.settledUtterance()).toBeNull();
    await segmenter.push(quiet(0.2));
    const settled = segmenter.settledUtterance();
    expect(settled).not.toBeNull();
    const [emitted] = await segmenter.push(quiet(1));
    expect(emitted).toBeDefined();
    expect(settled!.start).toBe(emitted!.start);
    expect(Array.from(settled!.samples)).toEqual(Array.from(emitted!.samples));
  });

  it('takes back a settled utterance when speech resumes within the pause', async () => {
    const segmenter = new UtteranceSegmenter({ detector: loudnessDetector });
    await segmenter.push(concatenate(quiet(1), tone(1), quiet(0.3)));
    const early = segmenter.settledUtterance();
    expect(early).not.toBeNull();
    await segmenter.push(tone(0.5));
    expect(segmenter.settledUtterance()).toBeNull();
    const [emitted] = await segmenter.push(quiet(1));
    expect(emitted!.samples.length).toBeGreaterThan(early!.samples.length);
  });

  it('cuts speech longer than maxUtteranceMs at the quietest recent frame, losing nothing', async () => {
    // 40 s without a pause, with one short dip at 22 s (90 ms: too short to end an utterance).
    const signal = concatenate(quiet(1), tone(21), quiet(0.09), tone(17.91), quiet(1));
    const levels = signal.map((value, index) => value * (1 + 0.1 * Math.sin(index / 50)));
    const utterances = await run(new UtteranceSegmenter({ detector: loudnessDetector }), levels);
    expect(utterances).toHaveLength(2);
    const [first, second] = utterances as [Utterance, Utterance];
    expect(first.end - first.start).toBeLessThanOrEqual(25);
    expect(Math.abs(first.end - 22.07)).toBeLessThanOrEqual(2 * FRAME);
    expect(second.start).toBeCloseTo(first.end, 6);
    expect(Math.abs(second.end - 40.2)).toBeLessThanOrEqual(FRAME);
  });

  it('cuts at the cap when there is no quieter frame at all', async () => {
    const utterances = await run(new UtteranceSegmenter({ detector: loudnessDetector, maxUtteranceMs: 10_000 }), concatenate(tone(25), quiet(1)));
    expect(utterances.length).toBe(3);
    for (const utterance of utterances) expect(utterance.end - utterance.start).toBeLessThanOrEqual(10);
    expect(utterances.at(-1)!.end).toBeCloseTo(25.2, 1);
  });

  it('keeps a short end of speech that runs just past a forced cut', async () => {
    // Constant level: the cut falls on the last frame at the cap (0.79 s + 9.99 s), then 0.1 s of speech remains.
    const signal = concatenate(quiet(1), tone(9.88), quiet(1));
    const utterances = await run(new UtteranceSegmenter({ detector: loudnessDetector, maxUtteranceMs: 10_000 }), signal);
    expect(utterances).toHaveLength(2);
    expect(utterances[1]!.start).toBeCloseTo(utterances[0]!.end, 6);
    expect(Math.abs(utterances[1]!.end - 11.08)).toBeLessThanOrEqual(FRAME);
  });

  it('times utterances from the stream times the caller gives', async () => {
    const segmenter = new UtteranceSegmenter({ detector: loudnessDetector });
    const found = [...(await segmenter.push(quiet(1), 100)), ...(await segmenter.push(tone(1), 101)), ...(await segmenter.push(quiet(1), 102))];
    expect(found).toHaveLength(1);
    expect(Math.abs(found[0]!.start - 100.8)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(found[0]!.end - 102.2)).toBeLessThanOrEqual(FRAME);
  });

  it('flushes speech that runs to the end of the stream', async () => {
    const segmenter = new UtteranceSegmenter({ detector: loudnessDetector });
    expect(await segmenter.push(concatenate(quiet(1), tone(1.01)))).toHaveLength(0);
    const [last] = await segmenter.flush();
    expect(last).toBeDefined();
    expect(last!.end).toBeCloseTo(2.01, 6);
    // After flush the stream starts again at 0.
    expect((await run(segmenter, concatenate(quiet(0.5), tone(1), quiet(1))))[0]!.start).toBeCloseTo(0.29, 1);
  });
});

/** Probabilities that wander across both thresholds, from the frame's level: exercises the hysteresis. */
function graded(frame: Float32Array): number {
  return Math.min(1, rms(frame) * 8);
}

/** A 512-sample detector like Silero, answering synchronously or, like a model run, a little later. */
function scriptedDetector(answer: 'sync' | 'async'): VoiceActivityDetector & { calls: number } {
  const detector = {
    frameSize: 512,
    calls: 0,
    process(frame: Float32Array): number | Promise<number> {
      detector.calls++;
      const probability = graded(frame);
      if (answer === 'sync') return probability;
      return new Promise<number>((resolve) => setTimeout(() => resolve(probability), 0));
    },
    reset: () => {},
  };
  return detector;
}

describe('UtteranceSegmenter with a detector that answers asynchronously', () => {
  const random = seededRandom(21);
  const signal = mixInto(
    concatenate(quiet(1), speechLike(2.4, RATE, -22, random), quiet(1.3), speechLike(0.2, RATE, -22, random), quiet(1), speechLike(3, RATE, -28, random), quiet(1)),
    noise(9.9, RATE, -60, random),
  );

  it('cuts exactly the same utterances as when the same probabilities come synchronously', async () => {
    const synchronous = await run(new UtteranceSegmenter({ detector: scriptedDetector('sync') }), signal, 700);
    const asynchronous = await run(new UtteranceSegmenter({ detector: scriptedDetector('async') }), signal, 700);
    expect(synchronous.length).toBe(2);
    expect(asynchronous.map(({ start, end, speechRatio }) => ({ start, end, speechRatio }))).toEqual(
      synchronous.map(({ start, end, speechRatio }) => ({ start, end, speechRatio })),
    );
    expect(asynchronous.map((utterance) => Array.from(utterance.samples))).toEqual(synchronous.map((utterance) => Array.from(utterance.samples)));
  });

  it('reports ongoing speech only after the detector has answered for the whole chunk', async () => {
    const detector = scriptedDetector('async');
    const segmenter = new UtteranceSegmenter({ detector });
    const pending = segmenter.push(concatenate(quiet(1), tone(0.6)));
    expect(segmenter.isSpeaking).toBe(false);
    await pending;
    expect(segmenter.isSpeaking).toBe(true);
    expect(detector.calls).toBe(Math.floor(1.6 * RATE / 512));
  });

  it("works in the detector's 32 ms frames: padding and pauses in whole frames of 512 samples", async () => {
    const segmenter = new UtteranceSegmenter({ detector: { frameSize: 512, process: (frame) => (rms(frame) > 0.05 ? 1 : 0), reset: () => {} } });
    expect(segmenter.frameSize).toBe(512);
    const [utterance] = await run(segmenter, concatenate(quiet(1.024), tone(1.024), quiet(1.024)));
    // Speech covers frames 32..63 exactly; 200 ms of padding rounds to 6 frames (192 ms).
    expect(utterance!.start).toBeCloseTo(1.024 - 0.192, 6);
    expect(utterance!.end).toBeCloseTo(2.048 + 0.192, 6);
    expect(utterance!.samples.length).toBe(44 * 512);
  });

  it("tells each push's frame answers with the stream time of their first frame, so they can be kept and used again", async () => {
    const segmenter = new UtteranceSegmenter({ detector: scriptedDetector('sync') });
    const kept: number[] = [];
    let expectedStart = 100;
    for (const chunk of randomChunks(signal, 700)) {
      await segmenter.push(chunk, expectedStart);
      const frames = segmenter.lastPushFrames();
      expectedStart += chunk.length / RATE;
      if (!frames) continue;
      expect(frames.frameSeconds).toBe(0.032);
      // The first frame of this push starts where the frames before it ended.
      expect(frames.start).toBeCloseTo(100 + kept.length * 0.032, 6);
      kept.push(...frames.probabilities);
    }
    expect(kept).toHaveLength(Math.floor(signal.length / 512));
    expect(kept.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, frame) => Math.fround(graded(signal.subarray(frame * 512, (frame + 1) * 512)))));
    await segmenter.flush();
    expect(segmenter.lastPushFrames()).toBeNull();
  });

  it('refuses a frame length that the detector cannot take', () => {
    expect(() => new UtteranceSegmenter({ frameMs: 30, detector: scriptedDetector('sync') })).toThrow(/512 samples/);
  });
});

describe('UtteranceSegmenter with the built-in detector', () => {
  it('finds speech-like bursts in room noise at the right times', async () => {
    const signal = mixInto(
      concatenate(new Float32Array(RATE), speechLike(2, RATE, -22), new Float32Array(RATE), speechLike(1.5, RATE, -28), new Float32Array(2 * RATE)),
      noise(7.5, RATE, -62),
    );
    const utterances = await run(new UtteranceSegmenter(), signal);
    expect(utterances).toHaveLength(2);
    const [first, second] = utterances as [Utterance, Utterance];
    // The bursts open at their quietest point, so allow two frames at the onset.
    expect(Math.abs(first.start - 0.8)).toBeLessThanOrEqual(2 * FRAME);
    expect(Math.abs(first.end - 3.2)).toBeLessThanOrEqual(2 * FRAME);
    expect(Math.abs(second.start - 3.8)).toBeLessThanOrEqual(2 * FRAME);
    expect(Math.abs(second.end - 5.7)).toBeLessThanOrEqual(2 * FRAME);
    expect(first.speechRatio).toBeGreaterThan(0.7);
  });
});
