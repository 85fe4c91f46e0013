/**
 * Whisper's logits rules for one `generate` call and the confidence collector,
 * in one logits processor that makes one pass over the vocabulary a step.
 *
 * transformers.js (4.3) applies the timestamp rules with its
 * `WhisperTimeStampLogitsProcessor`, which log-softmaxes the whole 51 865-token
 * vocabulary into a new array every step (a maximum, a sum of exponentials, a
 * subtraction into a copy, then a maximum over the text tokens), and our
 * collector then summed exponentials over the vocabulary twice more per token
 * (once over all tokens, once over the text tokens). On tiny that was a few
 * milliseconds of each ~10 ms decoder step: plain latency on the live text
 * (docs/transcription.md, "Short-context decoding").
 *
 * This computes the same decisions from one maximum pass and one sum of
 * exponentials, and hands the collector the normalisers of the logits the
 * sampler will see, so it sums nothing again. Equal bit for bit to
 * transformers.js's processors followed by `collectingLogitsProcessor`
 * (whisper-logits.test.ts compares them): the sums run in the same order, and
 * the float32 roundings of transformers.js's log-softmax array are repeated
 * where they decide.
 *
 * It must be the last processor of the chain, or the normalisers would
 * describe logits a later processor still changes: `WhisperTranscriber` asks
 * for generation without transformers.js's timestamp rules and begin
 * suppression (`return_timestamps: false`, `begin_suppress_tokens: null`, the
 * prompt tokens given) and lets this apply them.
 */
import type { LogitNormalisers, LogitsTensorLike, TokenLogProbCollector } from './confidence';

export interface WhisperLogitsOptions {
  /** Prompt tokens before the first generated one (start of transcript, language, task); no `<|notimestamps|>`. */
  promptLength: number;
  /** `<|endoftext|>`: the first non-text token. */
  endOfText: number;
  /** `<|notimestamps|>`; timestamps start right after it. */
  noTimestamps: number;
  /** Suppressed at the first generated position only (generation config's `begin_suppress_tokens`). */
  beginSuppressTokens: readonly number[];
}

/**
 * The processor for one `generate` call (batch of one). Per step, as
 * transformers.js does with `return_timestamps: true`:
 * - begin suppression at the first generated position;
 * - `<|notimestamps|>` never; at the first position only timestamps;
 * - timestamps in pairs: after two timestamps (or one right after the prompt)
 *   no timestamp, after a lone timestamp no text token below `<|endoftext|>`;
 * - if the timestamps together are likelier than the likeliest text token
 *   (log-softmax over the whole vocabulary), only timestamps.
 * transformers.js leaves openai-whisper's `max_initial_timestamp` unapplied
 * (its check sits after the first position's early exit), and so does this.
 */
export function whisperLogitsProcessor(
  options: WhisperLogitsOptions,
  collector: TokenLogProbCollector,
): (inputIds: bigint[][], logits: LogitsTensorLike) => LogitsTensorLike {
  const { promptLength, endOfText, noTimestamps, beginSuppressTokens } = options;
  const timestampBegin = noTimestamps + 1;
  const textEnd = collector.textVocabularyEnd;
  if (textEnd !== null && textEnd > timestampBegin) throw new RangeError('whisperLogitsProcessor: text tokens must come before the timestamps');
  return (inputIds, logits) => {
    const ids = inputIds[0];
    if (!ids || inputIds.length !== 1) throw new Error('whisperLogitsProcessor: generation of one sequence only');
    if (collector.hasPendingStep) {
      const previous = ids.at(-1);
      if (previous !== undefined) collector.chooseToken(Number(previous));
    }
    const vocabulary = logits.dims[logits.dims.length - 1] ?? logits.data.length;
    const data = logits.data.subarray(0, vocabulary);

    if (ids.length === promptLength) {
      for (const id of beginSuppressTokens) data[id] = -Infinity;
    }
    data[noTimestamps] = -Infinity;
    if (ids.length === promptLength) {
      data.fill(-Infinity, 0, timestampBegin);
      collector.observeLogits(data, timestampNormalisers(data, timestampBegin));
      return logits;
    }
    const generated = ids.length - promptLength;
    const lastWasTimestamp = generated >= 1 && Number(ids[ids.length - 1]) >= timestampBegin;
    const penultimateWasTimestamp = generated < 2 || Number(ids[ids.length - 2]) >= timestampBegin;
    if (lastWasTimestamp) {
      if (penultimateWasTimestamp) data.fill(-Infinity, timestampBegin);
      else data.fill(-Infinity, 0, endOfText);
    }

    const sums = vocabularySums(data, timestampBegin, textEnd);
    // transformers.js's log_softmax stores each log-probability in a Float32Array
    // and the timestamp exponentials in another: the same roundings here.
    let timestampMass = 0;
    for (let index = timestampBegin; index < data.length; index++) {
      timestampMass += Math.fround(Math.exp(Math.fround((data[index] as number) - sums.maximum - sums.logSum)));
    }
    const timestampLogprob = Math.log(timestampMass);
    const bestTextLogprob = Math.fround(sums.beforeTimestampsMaximum - sums.maximum - sums.logSum);
    if (timestampLogprob > bestTextLogprob) {
      data.fill(-Infinity, 0, timestampBegin);
      collector.observeLogits(data, timestampNormalisers(data, timestampBegin));
      return logits;
    }
    collector.observeLogits(data, {
      all: sums.maximum === -Infinity ? -Infinity : sums.maximum + sums.logSum,
      // logSumExp over the text tokens sums the same terms when their maximum is the overall one.
      text: sums.textMaximum === sums.maximum && sums.maximum !== -Infinity ? sums.maximum + Math.log(sums.textSum) : null,
    });
    return logits;
  };
}

/**
 * `logSumExp` of logits whose every token before the timestamps is -Infinity: each of
 * those adds exp(-Infinity) = 0 to the sum, which leaves it as it was, so summing the
 * timestamps alone gives the same number. The text normaliser is left to the collector
 * (a text token cannot be chosen here).
 */
function timestampNormalisers(data: Float32Array, timestampBegin: number): LogitNormalisers {
  let maximum = -Infinity;
  for (let index = timestampBegin; index < data.length; index++) {
    const value = data[index] as number;
    if (value > maximum) maximum = value;
  }
  if (maximum === -Infinity) return { all: -Infinity, text: null };
  let sum = 0;
  for (let index = timestampBegin; index < data.length; index++) sum += Math.exp((data[index] as number) - maximum);
  return { all: maximum + Math.log(sum), text: null };
}

interface VocabularySums {
  /** Largest logit (as transformers.js's `max`: from the first, strictly greater). */
  maximum: number;
  /** log Σ exp(logit − maximum) over the whole vocabulary, summed in index order. */
  logSum: number;
  /** Largest logit before the timestamps. */
  beforeTimestampsMaximum: number;
  /** Largest text logit (below `textEnd`), and Σ exp(logit − maximum) over them, the first terms of the whole sum. */
  textMaximum: number;
  textSum: number;
}

function vocabularySums(data: Float32Array, timestampBegin: number, textEnd: number | null): VocabularySums {
  const textLength = Math.min(textEnd ?? 0, data.length);
  const timestampStart = Math.min(timestampBegin, data.length);
  let maximum = data[0] as number;
  let textMaximum = -Infinity;
  let beforeTimestampsMaximum = data[0] as number;
  for (let index = 0; index < textLength; index++) {
    const value = data[index] as number;
    if (value > textMaximum) textMaximum = value;
  }
  if (textMaximum > beforeTimestampsMaximum) beforeTimestampsMaximum = textMaximum;
  for (let index = textLength; index < timestampStart; index++) {
    const value = data[index] as number;
    if (value > beforeTimestampsMaximum) beforeTimestampsMaximum = value;
  }
  maximum = beforeTimestampsMaximum;
  for (let index = timestampStart; index < data.length; index++) {
    const value = data[index] as number;
    if (value > maximum) maximum = value;
  }
  let sum = 0;
  for (let index = 0; index < textLength; index++) sum += Math.exp((data[index] as number) - maximum);
  const textSum = sum;
  for (let index = textLength; index < data.length; index++) sum += Math.exp((data[index] as number) - maximum);
  return { maximum, logSum: Math.log(sum), beforeTimestampsMaximum, textMaximum, textSum };
}
