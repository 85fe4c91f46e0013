import { describe, expect, it } from 'vitest';
import { FrameStretchCollector } from './frame-stretches';
import type { FrameProbabilities } from './utterance-segmenter';

const FRAME = 0.032;

function frames(start: number, count: number, first = 0): FrameProbabilities {
  return { start, frameSeconds: FRAME, probabilities: Float32Array.from({ length: count }, (_, index) => ((first + index) % 100) / 100) };
}

describe('FrameStretchCollector', () => {
  it('keeps every frame, in stretches of at most the given length that follow on without a gap', () => {
    const collector = new FrameStretchCollector(1);
    const stretches: FrameProbabilities[] = [];
    let at = 5;
    let count = 0;
    for (const size of [7, 20, 3, 40, 11, 30]) {
      stretches.push(...collector.add(frames(at, size, count)));
      at += size * FRAME;
      count += size;
    }
    stretches.push(collector.finish()!);
    expect(stretches.map((stretch) => stretch.probabilities.length)).toEqual([32, 32, 32, 15]);
    expect(stretches.flatMap((stretch) => [...stretch.probabilities])).toEqual([...frames(0, count).probabilities]);
    for (const [index, stretch] of stretches.entries()) expect(stretch.start).toBeCloseTo(5 + index * 32 * FRAME, 9);
    expect(collector.finish()).toBeNull();
  });

  it('starts a new stretch where the frames do not follow on (a pause), and not for a clock that moved by less than half a frame', () => {
    const collector = new FrameStretchCollector(10);
    expect(collector.add(frames(0, 10))).toEqual([]);
    // Re-anchored by 5 ms: the same stretch.
    expect(collector.add(frames(10 * FRAME + 0.005, 10))).toEqual([]);
    // Resumed after a pause.
    const [closed] = collector.add(frames(60, 4));
    expect(closed?.start).toBe(0);
    expect(closed?.probabilities).toHaveLength(20);
    expect(collector.finish()?.start).toBe(60);
  });
});
