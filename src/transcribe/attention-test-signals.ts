/**
 * Cross-attention shaped like a Whisper decoder's, for the token-timestamp
 * tests and benchmark, and transformers.js's own extraction to compare with.
 */
import { Tensor, WhisperForConditionalGeneration } from '@huggingface/transformers';
import type { AttentionLike } from './token-timestamps';

/** A deterministic pseudo-random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Cross-attention as a decoder produces it: a first step over the init tokens,
 * then one token a step; each token's attention peaks on a frame that moves
 * forward in time, as it does when speech is aligned.
 */
export function attentionSteps(options: { layers: number; heads: number; initTokens: number; generated: number; frames: number; seed: number }) {
  const next = random(options.seed);
  const steps: AttentionLike[][] = [];
  let token = 0;
  const stepSizes = [options.initTokens, ...new Array<number>(options.generated - 1).fill(1)];
  for (const size of stepSizes) {
    const layers: AttentionLike[] = [];
    for (let layer = 0; layer < options.layers; layer++) {
      const data = new Float32Array(options.heads * size * options.frames);
      for (let head = 0; head < options.heads; head++) {
        for (let row = 0; row < size; row++) {
          const peak = ((token + row) / (options.initTokens + options.generated)) * options.frames;
          for (let frame = 0; frame < options.frames; frame++) {
            data[(head * size + row) * options.frames + frame] = Math.exp(-(((frame - peak) / 6) ** 2)) + 0.3 * next();
          }
        }
      }
      layers.push({ dims: [1, options.heads, size, options.frames], data });
    }
    steps.push(layers);
    token += size;
  }
  return steps;
}

/** transformers.js's own extraction, on the same input. */
export function transformersTimestamps(steps: AttentionLike[][], heads: [number, number][], numFrames: number | null, initTokens: number, sequenceLength: number): Float32Array {
  const extract = (WhisperForConditionalGeneration.prototype as unknown as {
    _extract_token_timestamps(this: unknown, outputs: unknown, alignmentHeads: unknown, numFrames: number | null, precision: number, init: number): { data: Float32Array };
  })._extract_token_timestamps;
  const outputs = {
    cross_attentions: steps.map((layers) => layers.map((layer) => new Tensor('float32', layer.data, [...layer.dims]))),
    sequences: new Tensor('int64', new BigInt64Array(sequenceLength), [1, sequenceLength]),
  };
  const self = { config: { decoder_layers: steps[0]?.length ?? 0, median_filter_width: 7 } };
  return extract.call(self, outputs, heads, numFrames, 0.02, initTokens).data;
}

