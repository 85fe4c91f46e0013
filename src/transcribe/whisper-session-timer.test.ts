import { describe, expect, it } from 'vitest';
import { instrumentSessions, type OutputTensorLike, type SessionLike } from './whisper-session-timer';

/** Stands in for onnxruntime's Tensor class: transformers.js only wraps instances of it. */
class FakeTensor implements OutputTensorLike {
  readonly location = 'cpu';
  constructor(
    readonly type: string,
    readonly data: Float32Array,
    readonly dims: number[],
  ) {}
}

/** A decoder whose logits at position p, token t are 100 p + t. */
function decoder(positions: number, vocabulary: number): SessionLike {
  return {
    inputNames: ['input_ids', 'use_cache_branch'],
    outputNames: ['logits'],
    async run() {
      const data = new Float32Array(positions * vocabulary).map((_, index) => 100 * Math.floor(index / vocabulary) + (index % vocabulary));
      return { logits: new FakeTensor('float32', data, [1, positions, vocabulary]) };
    },
  };
}

const noCache = { use_cache_branch: { data: [false] } };
const options = { now: () => 0, yieldToEventLoop: async () => undefined };

describe('the decoder session wrapper', () => {
  it('hands generation the last position’s logits only, and keeps the start-of-transcript position’s', async () => {
    const session = decoder(4, 5);
    const timer = instrumentSessions({ decoder_model_merged: session }, options);
    timer.reset();
    const { logits } = await session.run(noCache);
    expect(logits).toBeInstanceOf(FakeTensor);
    expect(logits?.dims).toEqual([1, 1, 5]);
    expect(Array.from(logits?.data as Float32Array)).toEqual([300, 301, 302, 303, 304]);
    expect(Array.from(timer.startLogits() ?? [])).toEqual([0, 1, 2, 3, 4]);
  });

  it('leaves a one-position step’s logits as they came', async () => {
    const session = decoder(1, 3);
    const inner = await decoder(1, 3).run({});
    instrumentSessions({ decoder_model_merged: session }, options);
    const { logits } = await session.run({ use_cache_branch: { data: [true] } });
    expect(logits?.dims).toEqual([1, 1, 3]);
    expect(Array.from(logits?.data as Float32Array)).toEqual(Array.from(inner['logits']?.data as Float32Array));
  });
});
