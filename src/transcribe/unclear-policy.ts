/**
 * The `[uklart]` policy: the one place that decides which words of a
 * transcribed utterance the researcher sees as text and which as `[uklart]`.
 *
 * The product's promise is that the transcript never shows a guess without
 * marking it. So the rules below err towards marking: a word is shown only when
 * the model was confident, its audio arrived whole, and nothing suggests the
 * text was invented. The words' own text is always kept in the result, so the
 * researcher can resolve a marker against the audio; only the display changes.
 * Rules and default thresholds are explained for researchers in docs/uklart.md.
 */
import {
  DEFAULT_HALLUCINATION_THRESHOLDS,
  detectHallucination,
  detectNoSpeech,
  rejectsWholeSegment,
  type HallucinationReason,
  type HallucinationThresholds,
} from './hallucination';

/** Why a word or span is unclear. */
export type UnclearReason =
  /** The word's probability is under `wordProbability`. */
  | 'low-probability'
  /** The channel's audio dropped out under (or right beside) the word. */
  | 'dropout'
  /** Both speakers talked at once and the word's probability is under `overlapWordProbability`. */
  | 'overlap'
  /** No word probability: the segment's average log-prob is under `segmentAverageLogProb`. */
  | 'low-segment-confidence'
  /** The text looks invented by the model (see `segmentRejected` / hallucination.ts). */
  | 'hallucination'
  /** The VAD heard speech but the model wrote nothing: something said is missing. */
  | 'untranscribed-speech';

/** All limits of the policy; defaults in DEFAULT_UNCLEAR_THRESHOLDS, justified in docs/uklart.md. */
export interface UnclearThresholds extends HallucinationThresholds {
  /** A word under this probability becomes unclear. */
  wordProbability: number;
  /** Inside overlapping speech a word needs at least this probability. */
  overlapWordProbability: number;
  /** Without word probabilities, a segment under this average log-prob becomes unclear. */
  segmentAverageLogProb: number;
  /** Seconds a dropout is widened by on each side; word timings are approximate. */
  dropoutMarginSeconds: number;
}

export const DEFAULT_UNCLEAR_THRESHOLDS: Readonly<UnclearThresholds> = Object.freeze({
  ...DEFAULT_HALLUCINATION_THRESHOLDS,
  wordProbability: 0.4,
  overlapWordProbability: 0.6,
  segmentAverageLogProb: -1.0,
  dropoutMarginSeconds: 0.1,
});

/** A time range in absolute seconds. */
export interface TimeSpan {
  start: number;
  end: number;
}

/** One word as the transcription worker produced it. */
export interface PolicyWordInput extends TimeSpan {
  text: string;
  /** 0–1; null when no token could be aligned to the word (judged by the segment instead). */
  probability: number | null;
}

/** Segment-level measures of one decoded utterance. */
export interface PolicySegmentInput extends TimeSpan {
  text: string;
  avgLogProb: number;
  /** Null when the worker could not measure it; the no-speech rule is then skipped. */
  noSpeechProb: number | null;
  /** Computed from the text when not given. */
  compressionRatio?: number;
}

export interface UnclearPolicyInput {
  /** The utterance's words in time order; empty when the model gave no word timings. */
  words: readonly PolicyWordInput[];
  segment: PolicySegmentInput;
  /** Share of VAD speech frames in the utterance (0–1); null when unknown. */
  speechRatio: number | null;
  /** Audio dropouts on this channel; those outside the segment are ignored. */
  dropouts: readonly TimeSpan[];
  /** Times when both channels spoke at once. */
  overlaps: readonly TimeSpan[];
  /** Show the model's words inside the marker: `[uklart: ord?]`. */
  keepGuesses: boolean;
  /** Language of the transcript (BCP 47); picks the marker label. Default 'nb'. */
  language?: string;
}

export interface PolicyWord extends PolicyWordInput {
  unclear: boolean;
  reasons: UnclearReason[];
}

/** A run of unclear words (or lost audio) shown as one marker; times let the editor jump there. */
export interface UnclearSpan extends TimeSpan {
  /** The model's words, only when guesses are kept and there were words. */
  guess: string | null;
  reasons: UnclearReason[];
}

export interface PolicyResult {
  words: PolicyWord[];
  unclear: UnclearSpan[];
  /** Display text with `[uklart]` / `[uklart: ord?]` markers. */
  text: string;
  /** Why the whole segment was judged invented, or null. */
  segmentRejected: HallucinationReason[] | null;
}

const labels: Record<string, string> = { nb: 'uklart', nn: 'uklart', no: 'uklart', da: 'uklart', en: 'unclear', sv: 'otydligt' };

/** The marker word for a transcript language: nb/nn/no/da `uklart`, en `unclear`, sv `otydligt`; others `unclear`. */
export function unclearLabel(language: string): string {
  const primary = language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return labels[primary] ?? 'unclear';
}

/** `[uklart]`, or `[uklart: ord?]` when a guess is kept. */
export function formatUnclear(label: string, guess?: string | null): string {
  const cleaned = guess?.trim().replace(/\?+$/u, '').trim();
  return cleaned ? `[${label}: ${cleaned}?]` : `[${label}]`;
}

const trailingPunctuation = /[.,!?;:…]+$/u;

function intersects(first: TimeSpan, second: TimeSpan, margin = 0): boolean {
  return first.start < second.end + margin && second.start - margin < first.end;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Applies the `[uklart]` rules to one utterance: per-word flags, merged spans and display text. */
export function applyUnclearPolicy(
  input: UnclearPolicyInput,
  thresholds: UnclearThresholds = DEFAULT_UNCLEAR_THRESHOLDS,
): PolicyResult {
  const label = unclearLabel(input.language ?? 'nb');
  const { segment } = input;
  const pieces = input.words.map((word) => word.text.trim());
  // Boilerplate offsets are mapped onto words, so detect on the words' text when we have words.
  const checkedText = input.words.length > 0 ? pieces.join(' ') : segment.text;
  const hallucination = detectHallucination(
    {
      text: checkedText,
      averageLogProbability: segment.avgLogProb,
      noSpeechProbability: segment.noSpeechProb,
      ...(segment.compressionRatio === undefined ? {} : { compressionRatio: segment.compressionRatio }),
      speechRatio: input.speechRatio,
    },
    thresholds,
  );

  if (checkedText.trim() === '') {
    return applyEmptyDecode(input, thresholds, label);
  }

  if (rejectsWholeSegment(hallucination)) {
    const span: UnclearSpan = {
      start: Math.min(segment.start, ...input.words.map((word) => word.start)),
      end: Math.max(segment.end, ...input.words.map((word) => word.end)),
      // A rejected text is a known failure, not a guess at what was said: never shown.
      guess: null,
      reasons: ['hallucination'],
    };
    return {
      words: input.words.map((word) => ({ ...word, unclear: true, reasons: ['hallucination'] })),
      unclear: [span],
      text: formatUnclear(label),
      segmentRejected: hallucination,
    };
  }

  const segmentDropouts = input.dropouts.filter((dropout) => intersects(dropout, segment));
  if (input.words.length === 0) {
    return applySegmentLevel(input, segmentDropouts, hallucination, thresholds, label);
  }

  // Character offsets of each word in `checkedText`, to map boilerplate matches onto words.
  const offsets: number[] = [];
  pieces.reduce((offset, piece) => (offsets.push(offset), offset + piece.length + 1), 0);
  const boilerplate = hallucination.filter((reason) => reason.kind === 'boilerplate');

  const words: PolicyWord[] = input.words.map((word, index) => {
    const reasons: UnclearReason[] = [];
    let probability = word.probability;
    if (probability === null) {
      probability = Math.exp(segment.avgLogProb);
      if (segment.avgLogProb < thresholds.segmentAverageLogProb) reasons.push('low-segment-confidence');
    } else if (probability < thresholds.wordProbability) {
      reasons.push('low-probability');
    }
    for (const dropout of segmentDropouts) {
      if (intersects(word, dropout, thresholds.dropoutMarginSeconds)) {
        if (!reasons.includes('dropout')) reasons.push('dropout');
      }
    }
    const inOverlap = input.overlaps.some((overlap) => intersects(word, overlap));
    if (inOverlap && probability < thresholds.overlapWordProbability) reasons.push('overlap');
    const wordStart = offsets[index] ?? 0;
    const wordEnd = wordStart + (pieces[index]?.length ?? 0);
    if (boilerplate.some((match) => match.start < wordEnd && wordStart < match.end)) reasons.push('hallucination');
    return { ...word, unclear: reasons.length > 0, reasons };
  });

  // Lost audio is marked over its whole length (within the segment), merged with the
  // words it touches: a marker must say how much was lost, not only where a word
  // happened to be. Where no word lies, the gap is a marker of its own, since the
  // model may have dropped what was said there.
  const gaps = segmentDropouts.map((dropout) => ({
    start: Math.max(dropout.start, segment.start),
    end: Math.min(dropout.end, segment.end),
  }));
  return assemble(words, gaps, input.keepGuesses, label, hallucination);
}

type Item = { kind: 'word'; word: PolicyWord } | { kind: 'gap'; span: TimeSpan };

function assemble(
  words: PolicyWord[],
  gaps: readonly TimeSpan[],
  keepGuesses: boolean,
  label: string,
  hallucination: HallucinationReason[],
): PolicyResult {
  const items: Item[] = words.map((word) => ({ kind: 'word', word }));
  for (const span of [...gaps].sort((first, second) => first.start - second.start)) {
    const at = items.findIndex((item) => item.kind === 'word' && item.word.start >= span.start);
    items.splice(at === -1 ? items.length : at, 0, { kind: 'gap', span });
  }

  const parts: string[] = [];
  const unclear: UnclearSpan[] = [];
  let run: Item[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const runWords = run.flatMap((item) => (item.kind === 'word' ? [item.word] : []));
    const lastItem = run[run.length - 1];
    const tail = lastItem?.kind === 'word' ? (lastItem.word.text.trim().match(trailingPunctuation)?.[0] ?? '') : '';
    const guessText = runWords.map((word) => word.text.trim()).join(' ').replace(trailingPunctuation, '');
    const guess = keepGuesses && guessText !== '' ? guessText : null;
    unclear.push({
      start: Math.min(...run.map((item) => (item.kind === 'word' ? item.word.start : item.span.start))),
      end: Math.max(...run.map((item) => (item.kind === 'word' ? item.word.end : item.span.end))),
      guess,
      reasons: unique(run.flatMap((item) => (item.kind === 'word' ? item.word.reasons : ['dropout' as const]))),
    });
    // Sentence punctuation after the last unclear word stays readable outside the marker.
    parts.push(formatUnclear(label, guess) + tail);
    run = [];
  };
  for (const item of items) {
    if (item.kind === 'gap' || item.word.unclear) {
      run.push(item);
    } else {
      flush();
      parts.push(item.word.text.trim());
    }
  }
  flush();
  return {
    words,
    unclear,
    text: parts.filter((part) => part !== '').join(' '),
    segmentRejected: rejectsWholeSegment(hallucination) ? hallucination : null,
  };
}

/** Without word timings only the whole segment can be judged and marked. */
function applySegmentLevel(
  input: UnclearPolicyInput,
  dropouts: readonly TimeSpan[],
  hallucination: HallucinationReason[],
  thresholds: UnclearThresholds,
  label: string,
): PolicyResult {
  const { segment } = input;
  const reasons: UnclearReason[] = [];
  if (segment.avgLogProb < thresholds.segmentAverageLogProb) reasons.push('low-segment-confidence');
  if (dropouts.length > 0) reasons.push('dropout');
  const inOverlap = input.overlaps.some((overlap) => intersects(segment, overlap));
  if (inOverlap && Math.exp(segment.avgLogProb) < thresholds.overlapWordProbability) reasons.push('overlap');
  // Boilerplate inside a longer text cannot be located without word timings.
  if (hallucination.some((reason) => reason.kind === 'boilerplate')) reasons.push('hallucination');
  const text = segment.text.trim();
  if (reasons.length === 0 || text === '') {
    return { words: [], unclear: [], text, segmentRejected: null };
  }
  const guess = input.keepGuesses ? text.replace(trailingPunctuation, '') : null;
  return {
    words: [],
    unclear: [{ start: segment.start, end: segment.end, guess, reasons }],
    text: formatUnclear(label, guess),
    segmentRejected: null,
  };
}

/**
 * An empty decode over audio the VAD called speech: verbatim transcripts must
 * not silently lose what was said, so it becomes a marker — unless the model
 * itself judged the audio silent by openai-whisper's rule, or the VAD heard
 * too little speech (a cough, a door).
 */
function applyEmptyDecode(input: UnclearPolicyInput, thresholds: UnclearThresholds, label: string): PolicyResult {
  const { segment } = input;
  const heardSpeech = input.speechRatio !== null && input.speechRatio >= thresholds.minimumSpeechRatio;
  const modelSaysSilence = detectNoSpeech(segment.noSpeechProb, segment.avgLogProb, thresholds).length > 0;
  if (!heardSpeech || modelSaysSilence || segment.end <= segment.start) {
    return { words: [], unclear: [], text: '', segmentRejected: null };
  }
  return {
    words: [],
    unclear: [{ start: segment.start, end: segment.end, guess: null, reasons: ['untranscribed-speech'] }],
    text: formatUnclear(label),
    segmentRejected: null,
  };
}
