/**
 * whisperLogitsProcessor against what it replaces: transformers.js's own
 * Whisper timestamp rules and begin suppression followed by our collector.
 * Every processed logit and every collected log-probability must be the same
 * number, bit for bit: the live text may not change with the speed-up.
 */
import { SuppressTokensAtBeginLogitsProcessor, Tensor, WhisperTimeStampLogitsProcessor } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { collectingLogitsProcessor, TokenLogProbCollector, type CollectedToken, type LogitsTensorLike } from './confidence';
import { whisperLogitsProcessor } from './whisper-logits';

// A small Whisper-shaped vocabulary: text, <|endoftext|> and other specials, <|notimestamps|>, timestamps.
const END_OF_TEXT = 40;
const NO_TIMESTAMPS = 47;
const VOCABULARY = 90; // timestamps 48..89
const PROMPT = [41n, 42n, 43n];
const BEGIN_SUPPRESS = [5, END_OF_TEXT];

type Processor = (inputIds: bigint[][], logits: LogitsTensorLike) => LogitsTensorLike;

/** transformers.js's chain as `generate` built it with `return_timestamps: true` and our collector. */
function transformersChain(collector: TokenLogProbCollector): Processor {
  const timestamps = new WhisperTimeStampLogitsProcessor(
    { eos_token_id: END_OF_TEXT, no_timestamps_token_id: NO_TIMESTAMPS, max_initial_timestamp_index: 5 } as never,
    PROMPT.map(Number),
  ) as unknown as Processor;
  const beginSuppress = new SuppressTokensAtBeginLogitsProcessor(BEGIN_SUPPRESS, PROMPT.length) as unknown as Processor;
  const collecting = collectingLogitsProcessor(collector);
  return (inputIds, logits) => [beginSuppress, collecting, timestamps, beginSuppress].reduce((current, step) => step(inputIds, current), logits);
}

/** Greedy decoding of random logits through `processor`; returns every processed step's logits and the collected tokens. */
function decode(processor: Processor, collector: TokenLogProbCollector, seed: number, steps: number, timestampBias: number) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const ids = [...PROMPT];
  const seen: Float32Array[] = [];
  for (let step = 0; step < steps; step++) {
    const data = new Float32Array(VOCABULARY);
    for (let index = 0; index < VOCABULARY; index++) {
      data[index] = 8 * random() - 4 + (index > NO_TIMESTAMPS ? timestampBias * random() : 0);
    }
    // Some steps with a clear favourite, some with suppressed tokens, as real logits have.
    if (random() < 0.3) data[Math.floor(random() * VOCABULARY)] = 12;
    if (random() < 0.3) data[Math.floor(random() * END_OF_TEXT)] = -Infinity;
    const processed = processor([ids], new Tensor('float32', data, [1, VOCABULARY]) as unknown as LogitsTensorLike);
    const values = processed.data.slice(0, VOCABULARY);
    seen.push(values);
    let best = 0;
    for (let index = 1; index < VOCABULARY; index++) if ((values[index] as number) > (values[best] as number)) best = index;
    ids.push(BigInt(best));
  }
  const tokens: CollectedToken[] = collector.finish(Number(ids.at(-1)));
  return { ids, seen, tokens };
}

describe('whisperLogitsProcessor', () => {
  it('processes logits and collects log-probabilities exactly as transformers.js’s rules and our collector did', () => {
    let forcedTimestamps = 0;
    let text = 0;
    let timestamps = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const bias = (seed % 4) * 1.5;
      const expectedCollector = new TokenLogProbCollector({ textVocabularyEnd: END_OF_TEXT });
      const expected = decode(transformersChain(expectedCollector), expectedCollector, seed, 24, bias);
      const collector = new TokenLogProbCollector({ textVocabularyEnd: END_OF_TEXT });
      const processor = whisperLogitsProcessor(
        { promptLength: PROMPT.length, endOfText: END_OF_TEXT, noTimestamps: NO_TIMESTAMPS, beginSuppressTokens: BEGIN_SUPPRESS },
        collector,
      );
      const actual = decode(processor, collector, seed, 24, bias);
      expect(actual.ids).toEqual(expected.ids);
      actual.seen.forEach((values, step) => expect(Array.from(values), `seed ${seed}, step ${step}`).toEqual(Array.from(expected.seen[step] ?? [])));
      expect(actual.tokens.length).toBe(expected.tokens.length);
      actual.tokens.forEach((token, index) => {
        const reference = expected.tokens[index];
        expect(token.id).toBe(reference?.id);
        expect(Object.is(token.logprob, reference?.logprob), `logprob, seed ${seed}, token ${index}`).toBe(true);
        expect(Object.is(token.textLogprob, reference?.textLogprob), `textLogprob, seed ${seed}, token ${index}`).toBe(true);
      });
      // The cases that matter were met: text, timestamps, and timestamps forced by their summed probability.
      for (const [step, values] of actual.seen.entries()) {
        const id = Number(actual.ids[PROMPT.length + step]);
        if (id < END_OF_TEXT) text++;
        if (id > NO_TIMESTAMPS) timestamps++;
        if (step > 0 && values.subarray(0, NO_TIMESTAMPS + 1).every((value) => value === -Infinity)) forcedTimestamps++;
      }
    }
    expect(text).toBeGreaterThan(100);
    expect(timestamps).toBeGreaterThan(100);
    expect(forcedTimestamps).toBeGreaterThan(20);
  });

  it('refuses a batch of more than one sequence', () => {
    const processor = whisperLogitsProcessor(
      { promptLength: 1, endOfText: END_OF_TEXT, noTimestamps: NO_TIMESTAMPS, beginSuppressTokens: [] },
      new TokenLogProbCollector({ textVocabularyEnd: END_OF_TEXT }),
    );
    expect(() => processor([[1n], [1n]], { data: new Float32Array(2 * VOCABULARY), dims: [2, VOCABULARY] })).toThrow();
  });
});
