import { describe, expect, it } from 'vitest';
import { LevelMeter, peakDbfs, rms, rmsDbfs, SILENCE_DBFS } from './levels';
import { FrameAccumulator, FRAME_SIZE, splitIntoFrames } from './frames';
import { randomChunks, seededRandom, sine } from './test-signals';

describe('levels', () => {
  it('measures RMS and dBFS of a sine', () => {
    const tone = sine(1000, 1, 16_000, 0.5);
    expect(rms(tone)).toBeCloseTo(0.5 / Math.SQRT2, 3);
    expect(rmsDbfs(sine(1000, 1, 16_000, 1))).toBeCloseTo(-3.01, 1);
    expect(peakDbfs(tone)).toBeCloseTo(-6.02, 1);
  });

  it('reports digital silence as a finite floor that survives JSON', () => {
    const silence = new Float32Array(480);
    expect(rmsDbfs(silence)).toBe(SILENCE_DBFS);
    expect(JSON.parse(JSON.stringify({ level: peakDbfs(silence) })).level).toBe(SILENCE_DBFS);
  });

  it('measures a sub-range only', () => {
    const samples = new Float32Array(960);
    samples.fill(0.5, 480);
    expect(rms(samples, 0, 480)).toBe(0);
    expect(rms(samples, 480, 960)).toBeCloseTo(0.5, 6);
  });
});

describe('LevelMeter', () => {
  const loud = sine(1000, 0.03, 16_000, 1);
  const quiet = new Float32Array(480);

  it('rises at once, falls gradually, and holds the peak', () => {
    const meter = new LevelMeter();
    expect(meter.update(quiet).level).toBe(0);
    const hit = meter.update(loud);
    // -3 dBFS on a -60..0 scale.
    expect(hit.level).toBeCloseTo(57 / 60, 2);
    // Half a second later (about 16 frames) it has fallen about 12 dB, the peak marker has not moved.
    let reading = hit;
    for (let frame = 0; frame < 16; frame++) reading = meter.update(quiet);
    expect(reading.level).toBeGreaterThan(0.7);
    expect(reading.level).toBeLessThan(0.8);
    expect(reading.peak).toBeCloseTo(hit.level, 5);
    // After the hold time the marker falls too, and after enough silence the bar is empty.
    for (let frame = 0; frame < 50; frame++) reading = meter.update(quiet);
    expect(reading.peak).toBeLessThan(hit.level);
    for (let frame = 0; frame < 100; frame++) reading = meter.update(quiet);
    expect(reading.level).toBe(0);
    expect(reading.peak).toBe(0);
  });

  it('flags frames that hit full scale', () => {
    const meter = new LevelMeter();
    expect(meter.update(sine(1000, 0.03, 16_000, 0.5)).clipped).toBe(false);
    const clipped = sine(1000, 0.03, 16_000, 2).map((value) => Math.max(-1, Math.min(1, value)));
    expect(meter.update(clipped).clipped).toBe(true);
  });
});

describe('frames', () => {
  it('splits a signal into full frames with a hop', () => {
    const samples = Float32Array.from({ length: 1000 }, (_, index) => index);
    const frames = splitIntoFrames(samples, 480, 240);
    expect(frames.map((frame) => frame[0])).toEqual([0, 240, 480]);
    expect(splitIntoFrames(samples).length).toBe(2);
    expect(FRAME_SIZE).toBe(480);
  });

  for (const hop of [480, 160, 600]) {
    it(`re-blocks random chunks into the same frames as one-shot splitting (hop ${hop})`, () => {
      const random = seededRandom(9);
      const samples = Float32Array.from({ length: 10_000 }, () => random());
      const expected = splitIntoFrames(samples, 480, hop);
      const seen: { first: number; start: number }[] = [];
      const accumulator = new FrameAccumulator(480, hop);
      for (const chunk of randomChunks(samples, 700)) {
        accumulator.push(chunk, (frame, start) => {
          expect(Array.from(frame)).toEqual(Array.from(samples.subarray(start, start + 480)));
          seen.push({ first: frame[0]!, start });
        });
      }
      expect(seen.map((frame) => frame.first)).toEqual(expected.map((frame) => frame[0]));
      expect(seen.map((frame) => frame.start)).toEqual(expected.map((_, index) => index * hop));
    });
  }

  it('hands back the samples no frame has covered', () => {
    const accumulator = new FrameAccumulator(480, 240);
    const samples = Float32Array.from({ length: 800 }, (_, index) => index);
    accumulator.push(samples, () => {});
    // Frames at 0 and 240 cover up to 720; 80 samples are new.
    expect(accumulator.pending).toBe(80);
    expect(Array.from(accumulator.pendingSamples())).toEqual(Array.from(samples.subarray(720)));
  });
});
