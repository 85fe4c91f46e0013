import { describe, it, expect } from 'vitest';
import {
  aggregateWordProbability,
  averageLogProb,
  collectingLogitsProcessor,
  compressionRatio,
  logSoftmax,
  logSumExp,
  TokenLogProbCollector,
  wordProbabilities,
  type TokenLogProb,
} from './confidence';

describe('logSoftmax', () => {
  it('gives log-probabilities that sum to one, even for huge logits', () => {
    const result = logSoftmax(new Float32Array([1000, 1001, 1002]));
    const total = [...result].reduce((sum, value) => sum + Math.exp(value), 0);
    expect(total).toBeCloseTo(1, 6);
    expect(result[2]).toBeGreaterThan(result[0] as number);
  });

  it('gives suppressed (-Infinity) tokens zero probability and ignores logits past vocabSize', () => {
    const result = logSoftmax(new Float32Array([0, -Infinity, 0, 50]), 3);
    expect(result.length).toBe(3);
    expect(Math.exp(result[1] as number)).toBe(0);
    expect(Math.exp(result[0] as number)).toBeCloseTo(0.5, 6);
  });

  it('returns -Infinity when every token is suppressed', () => {
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
  });
});

describe('TokenLogProbCollector fed by a logits processor', () => {
  const eot = 3;
  const tensor = (values: number[]) => ({ data: new Float32Array(values), dims: [1, values.length] });

  it('pairs each step with the token chosen at that step, resolving the last one on finish', () => {
    const collector = new TokenLogProbCollector();
    const processor = collectingLogitsProcessor(collector);
    const prompt = [10n, 11n];
    const step1 = tensor([2, 0, 0, 0, 0]);
    processor([prompt], step1);
    const step2 = tensor([0, 3, 0, 1, 0]);
    processor([[...prompt, 0n]], step2); // token 0 was chosen at step 1
    const tokens = collector.finish(eot); // step 2 ended with end-of-text
    expect(tokens.map((token) => token.id)).toEqual([0, eot]);
    expect(tokens[0]?.logprob).toBeCloseTo(logSoftmax(step1.data)[0] as number, 6);
    expect(tokens[1]?.logprob).toBeCloseTo(logSoftmax(step2.data)[eot] as number, 6);
  });

  it('measures the logits as later processors left them (what the sampler saw)', () => {
    const collector = new TokenLogProbCollector();
    const processor = collectingLogitsProcessor(collector);
    const logits = tensor([1, 1, 1, 1]);
    processor([[5n]], logits);
    // A later processor (e.g. timestamp rules) suppresses two tokens in place.
    logits.data[2] = -Infinity;
    logits.data[3] = -Infinity;
    const [token] = collector.finish(0);
    expect(Math.exp(token?.logprob ?? 0)).toBeCloseTo(0.5, 6);
  });

  it('normalises text log-probs over text tokens only when a bound is given', () => {
    const collector = new TokenLogProbCollector({ textVocabularyEnd: 2 });
    collector.recordStep(new Float32Array([0, 0, 0, 0]), 1);
    collector.recordStep(new Float32Array([0, 0, 0, 0]), 3);
    const [text, special] = collector.tokens();
    expect(Math.exp(text?.logprob ?? 0)).toBeCloseTo(0.25, 6);
    expect(Math.exp(text?.textLogprob ?? 0)).toBeCloseTo(0.5, 6);
    expect(special?.textLogprob).toBeNull();
  });

  it('refuses a second step before the first one has its token', () => {
    const collector = new TokenLogProbCollector();
    collector.observeLogits(new Float32Array([0, 0]));
    expect(() => collector.observeLogits(new Float32Array([0, 0]))).toThrow();
    collector.reset();
    expect(collector.tokens()).toEqual([]);
  });
});

describe('averageLogProb', () => {
  it('equals openai-whisper avg_logprob: sum over text tokens and end-of-text, divided by text tokens + 1', () => {
    const text = [{ logprob: -0.2 }, { logprob: -0.4 }, { logprob: -0.9 }];
    const endOfText = { logprob: -0.1 };
    const whisper = (-0.2 - 0.4 - 0.9 - 0.1) / (text.length + 1);
    expect(averageLogProb([...text, endOfText])).toBeCloseTo(whisper, 10);
  });
});

describe('compressionRatio', () => {
  it('flags a looping text above openai-whisper’s 2.4 and keeps ordinary speech well below', () => {
    expect(compressionRatio('jeg vet ikke '.repeat(20))).toBeGreaterThan(2.4);
    expect(compressionRatio('Det var egentlig ganske vanskelig å snakke om det med familien min den gangen.')).toBeLessThan(1.5);
  });

  it('counts UTF-8 bytes, so æøå weigh two bytes each', () => {
    expect(compressionRatio('æøå'.repeat(30))).toBeGreaterThan(compressionRatio('aoa'.repeat(30)));
    expect(compressionRatio('')).toBe(0);
  });
});

describe('wordProbabilities', () => {
  const tokens: TokenLogProb[] = [
    { id: 50258, text: '<|startoftranscript|>', logprob: 0 },
    { id: 1, text: ' Jeg', logprob: -0.1 },
    { id: 2, text: ' bod', logprob: -0.2 },
    { id: 3, text: 'de', logprob: -2.0 },
    { id: 4, text: ' i', logprob: -0.05 },
    { id: 5, text: ' Bergen', logprob: -0.3 },
    { id: 6, text: '.', logprob: -4.0 },
    { id: 50257, text: '<|endoftext|>', logprob: -0.01 },
  ];
  const words = [
    { text: ' Jeg', start: 0, end: 0.3 },
    { text: ' bodde', start: 0.3, end: 0.7 },
    { text: ' i', start: 0.7, end: 0.8 },
    { text: ' Bergen.', start: 0.8, end: 1.4 },
  ];

  it('gives a multi-token word the geometric mean of its tokens by default', () => {
    const [jeg, bodde] = wordProbabilities(tokens, words);
    expect(jeg?.probability).toBeCloseTo(Math.exp(-0.1), 6);
    expect(bodde?.probability).toBeCloseTo(Math.exp((-0.2 - 2.0) / 2), 6);
    expect(bodde).toMatchObject({ text: ' bodde', start: 0.3, end: 0.7 });
  });

  it('offers openai-whisper’s arithmetic mean and the strict minimum', () => {
    const arithmetic = wordProbabilities(tokens, words, { aggregation: 'arithmetic-mean' })[1]?.probability;
    const minimum = wordProbabilities(tokens, words, { aggregation: 'minimum' })[1]?.probability;
    const geometric = wordProbabilities(tokens, words)[1]?.probability ?? 0;
    expect(arithmetic).toBeCloseTo((Math.exp(-0.2) + Math.exp(-2.0)) / 2, 6);
    expect(minimum).toBeCloseTo(Math.exp(-2.0), 6);
    expect(geometric).toBeLessThan(arithmetic ?? 0);
    expect(geometric).toBeGreaterThan(minimum ?? 1);
  });

  it('leaves an unsure trailing full stop out of the word’s confidence', () => {
    const bergen = wordProbabilities(tokens, words)[3];
    expect(bergen?.probability).toBeCloseTo(Math.exp(-0.3), 6);
  });

  it('gives a character split over byte-level tokens to the word it belongs to', () => {
    const split: TokenLogProb[] = [
      { id: 1, text: ' bl', logprob: -0.1 },
      { id: 2, text: '\uFFFD', logprob: -1.0 },
      { id: 3, text: 'åbær', logprob: -0.1 },
      { id: 4, text: ' og', logprob: -0.2 },
    ];
    const result = wordProbabilities(split, [
      { text: 'blåbær', start: 0, end: 0.5 },
      { text: 'og', start: 0.5, end: 0.6 },
    ]);
    expect(result[0]?.probability).toBeCloseTo(Math.exp(-1.2 / 3), 6);
    expect(result[1]?.probability).toBeCloseTo(Math.exp(-0.2), 6);
  });

  it('returns null for a word no token matched, rather than inventing a confidence', () => {
    const result = wordProbabilities([{ id: 1, text: ' ja', logprob: -0.1 }], [
      { text: 'ja', start: 0, end: 0.2 },
      { text: 'nei', start: 0.2, end: 0.4 },
    ]);
    expect(result[1]?.probability).toBeNull();
    expect(aggregateWordProbability([])).toBeNull();
  });
});
