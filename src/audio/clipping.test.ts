import { describe, expect, it } from 'vitest';
import { ClippingDetector, detectClipping } from './clipping';
import { sine } from './test-signals';

const RATE = 16_000;

describe('detectClipping', () => {
  it('finds each flattened peak of an overdriven sine', () => {
    const overdriven = sine(100, 0.1, RATE, 1.5).map((value) => Math.max(-1, Math.min(1, value)));
    const spans = detectClipping(overdriven, RATE);
    // 10 periods, two flat tops each.
    expect(spans).toHaveLength(20);
    expect(spans[0]!.start).toBeGreaterThan(0);
    expect(spans[0]!.sampleCount).toBeGreaterThanOrEqual(3);
  });

  it('does not count a clean sine or one or two full-scale samples', () => {
    expect(detectClipping(sine(100, 0.1, RATE, 0.9), RATE)).toEqual([]);
    expect(detectClipping(Float32Array.of(0, 1, 1, 0, -1, 0.5, -1, -1, 0), RATE)).toEqual([]);
    expect(detectClipping(Float32Array.of(0, 1, 1, 1, 0), RATE)).toHaveLength(1);
    // Alternating signs are not a flat top.
    expect(detectClipping(Float32Array.of(1, -1, 1, -1), RATE)).toEqual([]);
  });

  it('counts 16-bit full scale (32767 / 32768) and runs across chunk boundaries', () => {
    const detector = new ClippingDetector(RATE);
    const top = 32_767 / 32_768;
    const spans = [...detector.push(Float32Array.of(0, 0.2, top)), ...detector.push(Float32Array.of(top, top, top, 0.1))];
    expect(spans).toHaveLength(1);
    expect(spans[0]!.sampleCount).toBe(4);
    expect(spans[0]!.start).toBeCloseTo(2 / RATE, 9);
    expect(detector.clippedSamples).toBe(4);
  });
});
