import { describe, expect, it } from 'vitest';
import { detectDropouts, DropoutDetector, type DropoutSpan } from './dropouts';
import { concatenate, mixInto, noise, randomChunks, speechLike } from './test-signals';

const RATE = 16_000;

/** Five seconds of talk in a quiet room (never exactly zero). */
function conversation(): Float32Array {
  return mixInto(concatenate(speechLike(2, RATE, -25), noise(1, RATE, -70), speechLike(2, RATE, -25)), noise(5, RATE, -65));
}

describe('detectDropouts', () => {
  it('finds a 2-second hole of zeros at the right time (± 20 ms)', () => {
    const signal = concatenate(speechLike(3, RATE, -25), speechLike(4, RATE, -25));
    signal.fill(0, 2 * RATE, 4 * RATE);
    const spans = detectDropouts(signal, RATE);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.kind).toBe('digital-silence');
    expect(Math.abs(spans[0]!.start - 2)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(spans[0]!.end - 4)).toBeLessThanOrEqual(0.02);
  });

  it('ignores natural quiet pauses (low noise, not zeros)', () => {
    expect(detectDropouts(conversation(), RATE)).toEqual([]);
  });

  it('ignores digital silence before the first sound and after the last', () => {
    const signal = concatenate(new Float32Array(RATE), conversation(), new Float32Array(RATE));
    expect(detectDropouts(signal, RATE)).toEqual([]);
  });

  it('reports only runs of at least minMs', () => {
    const signal = conversation();
    signal.fill(0, RATE, RATE + 0.05 * RATE);
    expect(detectDropouts(signal, RATE)).toEqual([]);
    const spans = detectDropouts(signal, RATE, { minMs: 20 });
    expect(spans).toHaveLength(1);
    expect(spans[0]!.end - spans[0]!.start).toBeCloseTo(0.05, 3);
  });
});

describe('DropoutDetector (streaming)', () => {
  it('reports the hole in absolute seconds, and that it is ongoing while it lasts', () => {
    const signal = conversation();
    signal.fill(0, 1.5 * RATE, 3.5 * RATE);
    const detector = new DropoutDetector({ sampleRate: RATE });
    const spans: DropoutSpan[] = [];
    let offset = 0;
    let ongoing: number | null = null;
    for (const chunk of randomChunks(signal, 1500)) {
      spans.push(...detector.push(chunk, 60 + offset / RATE));
      offset += chunk.length;
      if (offset > 2.5 * RATE && offset < 3.4 * RATE) ongoing = detector.silentSince;
    }
    expect(ongoing).toBeCloseTo(61.5, 2);
    expect(detector.silentSince).toBeNull();
    expect(spans).toHaveLength(1);
    expect(spans[0]!.start).toBeCloseTo(61.5, 2);
    expect(spans[0]!.end).toBeCloseTo(63.5, 2);
  });

  it('reports a jump in the capture clock as a gap', () => {
    const detector = new DropoutDetector({ sampleRate: RATE });
    const block = speechLike(0.5, RATE, -25);
    expect(detector.push(block, 10)).toEqual([]);
    // The next block should start at 10.5 but arrives stamped 11.2: 0.7 s of audio never came.
    const spans = detector.push(block, 11.2);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ kind: 'gap' });
    expect(spans[0]!.start).toBeCloseTo(10.5, 6);
    expect(spans[0]!.end).toBeCloseTo(11.2, 6);
    // Small jitter is not a gap.
    expect(detector.push(block, 11.705)).toEqual([]);
  });
});
