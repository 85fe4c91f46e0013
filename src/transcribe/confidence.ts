/**
 * Token and word confidence for Whisper in transformers.js.
 *
 * transformers.js (4.3) returns neither token log-probabilities nor word
 * probabilities, so we collect them ourselves from the logits of each decoding
 * step and compute the same measures openai-whisper reports:
 * - `averageLogProb` as whisper/decoding.py's `avg_logprob`,
 * - `compressionRatio` as whisper/utils.py's `compression_ratio`,
 * - word probabilities as whisper-timestamped does (geometric mean of the
 *   word's token probabilities), with openai-whisper's arithmetic mean
 *   (whisper/timing.py) and the minimum as options.
 *
 * Everything here is pure and framework-free: the worker adapts a
 * transformers.js logits processor onto `TokenLogProbCollector`.
 */
import { zlibSync } from 'fflate';

/** One generated token with its log-probability under the model. */
export interface TokenLogProb {
  id: number;
  /** The token's text as incrementally decoded (see `wordProbabilities`). */
  text: string;
  /** Natural-log probability of this token at the step it was chosen. */
  logprob: number;
}

/** A word with absolute times, as the ASR pipeline returns it. */
export interface TimedWord {
  text: string;
  start: number;
  end: number;
}

/** A word with its probability; null when no token could be aligned to it. */
export interface WordWithProbability extends TimedWord {
  probability: number | null;
}

/** How a word's token log-probabilities become one word probability. */
export type WordProbabilityAggregation = 'geometric-mean' | 'arithmetic-mean' | 'minimum';

/** log(sum(exp(values[0..length)))), stable against large logits and -Infinity. */
export function logSumExp(values: ArrayLike<number>, length: number = values.length): number {
  let maximum = -Infinity;
  for (let index = 0; index < length; index++) {
    const value = values[index] as number;
    if (value > maximum) maximum = value;
  }
  // All entries suppressed (-Infinity): no probability mass anywhere.
  if (maximum === -Infinity) return -Infinity;
  let sum = 0;
  for (let index = 0; index < length; index++) {
    sum += Math.exp((values[index] as number) - maximum);
  }
  return maximum + Math.log(sum);
}

/** Log-softmax over the first `vocabSize` logits (the rest are ignored). */
export function logSoftmax(logits: Float32Array, vocabSize: number = logits.length): Float32Array {
  const size = Math.min(vocabSize, logits.length);
  const normaliser = logSumExp(logits, size);
  const result = new Float32Array(size);
  for (let index = 0; index < size; index++) {
    result[index] = (logits[index] as number) - normaliser;
  }
  return result;
}

/** A token the collector saw chosen, with its log-probability two ways. */
export interface CollectedToken {
  id: number;
  /** Normalised over the whole vocabulary, after all logits processors: decoding.py's measure. */
  logprob: number;
  /**
   * Normalised over text tokens only (ids below `textVocabularyEnd`): timing.py
   * computes word probabilities this way, so timestamp tokens do not take mass
   * from words. Null for non-text tokens or when no bound was configured.
   */
  textLogprob: number | null;
}

/** `logSumExp` of one step's logits, over all of them and over the text tokens (null: not known). */
export interface LogitNormalisers {
  all: number;
  text: number | null;
}

/** Options for `TokenLogProbCollector`. */
export interface CollectorOptions {
  /** Id of the first non-text token (Whisper's end-of-text id, 50257 multilingual). */
  textVocabularyEnd?: number;
}

/**
 * Collects the log-probability of each chosen token during one `generate` call.
 *
 * A transformers.js logits processor sees a step's logits before the token is
 * sampled, and learns the chosen token only at the next step (the last id of
 * `input_ids`). So the collector keeps the pending step's logits and resolves
 * them when the choice is known: `observeLogits` per step, `chooseToken` when
 * known, `finish` with the final token after generation.
 *
 * The pending logits are kept by reference, not copied: processors later in the
 * list (Whisper's timestamp rules, token suppression) edit the same buffer in
 * place, so at resolution we measure what the sampler saw — the same
 * post-filter log-probabilities openai-whisper sums in decoding.py.
 */
export class TokenLogProbCollector {
  /** Id of the first non-text token, if text log-probs are wanted. */
  readonly textVocabularyEnd: number | null;
  private pending: Float32Array | null = null;
  private pendingNormalisers: LogitNormalisers | null = null;
  private readonly collected: CollectedToken[] = [];

  constructor(options: CollectorOptions = {}) {
    this.textVocabularyEnd = options.textVocabularyEnd ?? null;
  }

  /** True while a step's logits wait for their chosen token. */
  get hasPendingStep(): boolean {
    return this.pending !== null;
  }

  /**
   * Records one decoding step's logits; the previous step must be resolved first.
   * `normalisers`, when the caller already summed these logits as they will be
   * sampled (whisper-logits.ts), saves summing them again; they must equal what
   * `logSumExp` gives, or the log-probs change.
   */
  observeLogits(logits: Float32Array, normalisers: LogitNormalisers | null = null): void {
    if (this.pending !== null) {
      throw new Error('TokenLogProbCollector: previous step has no chosen token yet');
    }
    this.pending = logits;
    this.pendingNormalisers = normalisers;
  }

  /** Resolves the pending step with the token the sampler chose. */
  chooseToken(tokenId: number): void {
    const logits = this.pending;
    if (logits === null) {
      throw new Error('TokenLogProbCollector: chooseToken without observed logits');
    }
    const normalisers = this.pendingNormalisers;
    this.pending = null;
    this.pendingNormalisers = null;
    const chosen = logits[tokenId];
    if (chosen === undefined) {
      throw new RangeError(`TokenLogProbCollector: token ${tokenId} outside logits of ${logits.length}`);
    }
    const logprob = chosen - (normalisers?.all ?? logSumExp(logits));
    let textLogprob: number | null = null;
    if (this.textVocabularyEnd !== null && tokenId < this.textVocabularyEnd) {
      textLogprob = chosen - (normalisers?.text ?? logSumExp(logits, Math.min(this.textVocabularyEnd, logits.length)));
    }
    this.collected.push({ id: tokenId, logprob, textLogprob });
  }

  /** Step recorded when logits and choice are both known (e.g. a custom decoder loop). */
  recordStep(logits: Float32Array, chosenTokenId: number): void {
    this.observeLogits(logits);
    this.chooseToken(chosenTokenId);
  }

  /** Resolves the last step (usually end-of-text) and returns all collected tokens. */
  finish(lastTokenId: number | null): CollectedToken[] {
    if (this.pending !== null) {
      if (lastTokenId === null) {
        this.pending = null;
        this.pendingNormalisers = null;
      } else this.chooseToken(lastTokenId);
    }
    return this.tokens();
  }

  /** The tokens collected so far, in generation order. */
  tokens(): CollectedToken[] {
    return this.collected.slice();
  }

  /** Forgets everything, for the next `generate` call. */
  reset(): void {
    this.pending = null;
    this.pendingNormalisers = null;
    this.collected.length = 0;
  }
}

/** The part of a transformers.js Tensor a logits processor needs. */
export interface LogitsTensorLike {
  data: Float32Array;
  dims: readonly number[];
}

/**
 * A function usable as a transformers.js logits processor that feeds `collector`
 * for one batch row (batch size 1 in our worker). It returns the logits
 * unchanged. Call `collector.finish(lastGeneratedId)` after `generate` returns.
 */
export function collectingLogitsProcessor(
  collector: TokenLogProbCollector,
  batchIndex = 0,
): (inputIds: bigint[][], logits: LogitsTensorLike) => LogitsTensorLike {
  return (inputIds, logits) => {
    const vocabularySize = logits.dims[logits.dims.length - 1] ?? logits.data.length;
    if (collector.hasPendingStep) {
      const previous = inputIds[batchIndex]?.at(-1);
      if (previous !== undefined) collector.chooseToken(Number(previous));
    }
    const offset = batchIndex * vocabularySize;
    collector.observeLogits(logits.data.subarray(offset, offset + vocabularySize));
    return logits;
  };
}

/**
 * Mean log-probability over a decoded sequence, as whisper/decoding.py's
 * `avg_logprob`: it divides the summed log-probs by `len(text tokens) + 1`,
 * the +1 being the end-of-text token whose log-prob is in the sum. Pass the
 * text tokens plus the end-of-text token and this is the same number.
 */
export function averageLogProb(tokens: readonly { logprob: number }[]): number {
  if (tokens.length === 0) return -Infinity;
  let sum = 0;
  for (const token of tokens) sum += token.logprob;
  return sum / tokens.length;
}

/**
 * gzip-style compression ratio of `text`, as whisper/utils.py computes it:
 * UTF-8 byte length divided by the zlib-compressed length. Looping output
 * compresses well, so a high ratio (> 2.4 by openai-whisper's default) flags it.
 * fflate's `zlibSync` is synchronous and gives the same bytes in Node and
 * browsers; its deflate can differ from CPython's zlib by a byte or two on
 * short texts, which moves the ratio by a few percent at most.
 */
export function compressionRatio(text: string): number {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length === 0) return 0;
  return bytes.length / zlibSync(bytes, { level: 6 }).length;
}

const specialTokenPattern = /^<\|.*\|>$/;
// whisper-timestamped leaves trailing punctuation tokens out of a word's
// confidence: the model is often unsure of punctuation, not of the word.
const punctuationOnlyPattern = /^[\s"'“”«»¿¡([{)\]}.,!?:;…\-–—。，！？、]+$/u;
const whitespacePattern = /\s/u;

/** Options for `wordProbabilities`. */
export interface WordProbabilityOptions {
  /** Default 'geometric-mean' (exp of the mean log-prob); see docs/uklart.md. */
  aggregation?: WordProbabilityAggregation;
  /** Tokens with id at or above this are special (timestamps, end-of-text) and skipped. */
  specialTokenStart?: number;
}

/**
 * Maps token log-probabilities onto words by matching their non-space
 * characters in order. Token text should be the incremental decode (what a
 * streamer emits), so a character split over two byte-level tokens belongs to
 * the token that completes it; a token decoding only to U+FFFD (an incomplete
 * byte sequence) is given to the word whose next character it begins.
 * Returns each word with its probability, or null when no token matched it.
 */
export function wordProbabilities(
  tokens: readonly TokenLogProb[],
  words: readonly TimedWord[],
  options: WordProbabilityOptions = {},
): WordWithProbability[] {
  const aggregation = options.aggregation ?? 'geometric-mean';
  const characters: { character: string; wordIndex: number }[] = [];
  words.forEach((word, wordIndex) => {
    for (const character of word.text) {
      if (!whitespacePattern.test(character)) characters.push({ character, wordIndex });
    }
  });

  // For each word: the tokens aligned to it, in order.
  const wordTokens: TokenLogProb[][] = words.map(() => []);
  let position = 0;
  const lookahead = 4;
  for (const token of tokens) {
    if (specialTokenPattern.test(token.text)) continue;
    if (options.specialTokenStart !== undefined && token.id >= options.specialTokenStart) continue;
    const assigned = new Set<number>();
    let tokenCharacters = [...token.text].filter((character) => !whitespacePattern.test(character));
    if (tokenCharacters.length > 0 && tokenCharacters.every((character) => character === '\uFFFD')) {
      const next = characters[position];
      if (next !== undefined) assigned.add(next.wordIndex);
      tokenCharacters = [];
    }
    for (const character of tokenCharacters) {
      if (character === '\uFFFD') continue;
      // Tolerate small mismatches (normalised quotes, merged punctuation) by
      // looking a few characters ahead before giving up on this character.
      for (let offset = 0; offset < lookahead; offset++) {
        const candidate = characters[position + offset];
        if (candidate === undefined) break;
        if (candidate.character === character) {
          for (let skipped = position; skipped <= position + offset; skipped++) {
            const entry = characters[skipped];
            if (entry !== undefined) assigned.add(entry.wordIndex);
          }
          position += offset + 1;
          break;
        }
      }
    }
    for (const wordIndex of assigned) wordTokens[wordIndex]?.push(token);
  }

  return words.map((word, wordIndex) => ({
    text: word.text,
    start: word.start,
    end: word.end,
    probability: aggregateWordProbability(wordTokens[wordIndex] ?? [], aggregation),
  }));
}

/** One word probability from its tokens' log-probs; null without tokens. */
export function aggregateWordProbability(
  tokens: readonly TokenLogProb[],
  aggregation: WordProbabilityAggregation = 'geometric-mean',
): number | null {
  if (tokens.length === 0) return null;
  const content = tokens.filter((token) => !punctuationOnlyPattern.test(token.text));
  const used = content.length > 0 ? content : tokens;
  const logprobs = used.map((token) => token.logprob);
  switch (aggregation) {
    case 'geometric-mean':
      return Math.exp(logprobs.reduce((sum, value) => sum + value, 0) / logprobs.length);
    case 'arithmetic-mean':
      return logprobs.reduce((sum, value) => sum + Math.exp(value), 0) / logprobs.length;
    case 'minimum':
      return Math.exp(Math.min(...logprobs));
  }
}
