import { describe, expect, it } from 'vitest';
import { attentionSteps, transformersTimestamps } from './attention-test-signals';
import { dynamicTimeWarping, tokenTimestamps } from './token-timestamps';

describe('token times from cross-attention', () => {
  it('equals transformers.js bit for bit, for a 5 s utterance and for a full window', () => {
    for (const [numFrames, generated, seed] of [
      [250, 30, 1],
      [null, 60, 2],
      [1000, 12, 3],
    ] as const) {
      const initTokens = 3;
      const steps = attentionSteps({ layers: 2, heads: 4, initTokens, generated, frames: 1500, seed });
      const heads: [number, number][] = [
        [1, 0],
        [1, 2],
        [0, 3],
      ];
      const sequenceLength = initTokens + generated;
      const ours = tokenTimestamps(steps, { alignmentHeads: heads, numFrames, medianFilterWidth: 7, initTokenCount: initTokens, sequenceLength });
      expect(Array.from(ours)).toEqual(Array.from(transformersTimestamps(steps, heads, numFrames, initTokens, sequenceLength)));
    }
  });

  it('places tokens forward in time where their attention peaks, init tokens at zero', () => {
    const steps = attentionSteps({ layers: 1, heads: 2, initTokens: 3, generated: 20, frames: 500, seed: 7 });
    const times = tokenTimestamps(steps, { alignmentHeads: [[0, 0], [0, 1]], numFrames: 500, medianFilterWidth: 7, initTokenCount: 3, sequenceLength: 23 });
    expect(Array.from(times.subarray(0, 3))).toEqual([0, 0, 0]);
    const generated = Array.from(times.subarray(3));
    expect(generated).toEqual([...generated].sort((a, b) => a - b));
    // 500 frames are 10 s; the peaks spread over them.
    expect(generated.at(-1)).toBeGreaterThan(7);
  });

  it('refuses an alignment head the model does not have', () => {
    const steps = attentionSteps({ layers: 1, heads: 2, initTokens: 3, generated: 4, frames: 100, seed: 9 });
    expect(() => tokenTimestamps(steps, { alignmentHeads: [[3, 0]], numFrames: null, medianFilterWidth: 7, initTokenCount: 3, sequenceLength: 7 })).toThrow(/out of bounds/);
  });
});

describe('dynamic time warping', () => {
  it('follows the cheap diagonal and breaks ties towards time', () => {
    const cost = Float32Array.from([0, 9, 9, 9, 0, 9, 9, 9, 0]);
    expect(dynamicTimeWarping(cost, 3, 3)).toEqual([
      [0, 1, 2],
      [0, 1, 2],
    ]);
    // All equal: every tie goes to the left move first, so time runs ahead of text.
    const [text, time] = dynamicTimeWarping(new Float32Array(4), 2, 2);
    expect(text.length).toBe(time.length);
    expect(time.at(-1)).toBe(1);
  });
});
