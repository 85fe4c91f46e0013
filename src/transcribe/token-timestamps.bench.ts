/**
 * `npx vitest bench --run src/transcribe`: word timing from cross-attention at
 * whisper-base's size (6 layers, 8 heads, 1500 frames, 6 alignment heads),
 * ours against transformers.js's `_extract_token_timestamps`.
 */
import { bench, describe } from 'vitest';
import { attentionSteps, transformersTimestamps } from './attention-test-signals';
import { tokenTimestamps } from './token-timestamps';

const HEADS: [number, number][] = [[3, 1], [4, 2], [4, 3], [4, 7], [5, 1], [5, 2]];

for (const [label, generated, numFrames] of [
  ['5 s utterance, 30 tokens', 30, 250],
  ['30 s window, 100 tokens', 100, 1500],
] as const) {
  describe(label, () => {
    const steps = attentionSteps({ layers: 6, heads: 8, initTokens: 3, generated, frames: 1500, seed: 1 });
    const sequenceLength = 3 + generated;
    bench('token-timestamps.ts', () => {
      tokenTimestamps(steps, { alignmentHeads: HEADS, numFrames, medianFilterWidth: 7, initTokenCount: 3, sequenceLength });
    });
    bench('transformers.js', () => {
      transformersTimestamps(steps, HEADS, numFrames, 3, sequenceLength);
    });
  });
}
