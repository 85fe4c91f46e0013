/**
 * Detectors for Whisper hallucination: text the model produced that was not
 * said. Each detector returns the reasons it found (empty when none), as plain
 * data the segment can store and the editor can show ("why is this [uklart]?").
 *
 * Sources for the rules and numbers (see docs/uklart.md):
 * - openai-whisper transcribe.py: compression ratio > 2.4 means a failed
 *   (looping) decode; no-speech probability > 0.6 with avg log-prob <= -1.0
 *   means silence.
 * - Known silence hallucinations are subtitle credits and video sign-offs that
 *   Whisper learnt from broadcast and YouTube captions ("Teksting av Nicolai
 *   Winther", "Undertexter från Amara.org-gemenskapen", "Thank you for
 *   watching"); the list below gathers those reported for nb/nn, da, sv and en.
 */
import { compressionRatio as computeCompressionRatio } from './confidence';

/** Why a text looks hallucinated; stored with the segment. */
export type HallucinationReason =
  | { kind: 'repetition'; phrase: string; repeats: number; firstWordIndex: number }
  | { kind: 'compression-ratio'; ratio: number; threshold: number }
  | { kind: 'boilerplate'; phrase: string; start: number; end: number; wholeText: boolean }
  | { kind: 'low-speech-ratio'; speechRatio: number; threshold: number }
  | { kind: 'no-speech'; noSpeechProbability: number; averageLogProbability: number };

/** Tunable limits of the detectors; defaults in DEFAULT_HALLUCINATION_THRESHOLDS. */
export interface HallucinationThresholds {
  /** openai-whisper `compression_ratio_threshold`: above this the text is a loop. */
  compressionRatio: number;
  /** openai-whisper `no_speech_threshold`. */
  noSpeechProbability: number;
  /** openai-whisper `logprob_threshold`: no-speech counts only at or below this avg log-prob. */
  noSpeechAverageLogProb: number;
  /** Below this share of VAD speech frames in the utterance, its text is not trusted. */
  minimumSpeechRatio: number;
  /** A single word repeated this many times in a row is a loop ("jeg jeg jeg jeg jeg"). */
  repeatedWordMinimum: number;
  /** A phrase of 2+ words repeated this many times in a row is a loop. */
  repeatedPhraseMinimum: number;
  /** Longest phrase (in words) the repetition detector looks for. */
  repetitionMaximumPhraseWords: number;
}

export const DEFAULT_HALLUCINATION_THRESHOLDS: Readonly<HallucinationThresholds> = Object.freeze({
  compressionRatio: 2.4,
  noSpeechProbability: 0.6,
  noSpeechAverageLogProb: -1.0,
  minimumSpeechRatio: 0.2,
  repeatedWordMinimum: 5,
  repeatedPhraseMinimum: 3,
  repetitionMaximumPhraseWords: 8,
});

/** One entry of the boilerplate list. */
export interface BoilerplatePhrase {
  /** The phrase as it appears in the list (lower case). */
  phrase: string;
  language: 'no' | 'da' | 'sv' | 'en' | 'any';
  /**
   * 'credit': a subtitle credit or address, not interview speech: counts at the
   * start of any sentence (addresses anywhere) and takes the rest of that
   * sentence. 'sign-off': could in principle be said, so it counts only when
   * it is the whole utterance.
   */
  scope: 'credit' | 'sign-off';
}

/**
 * Known Whisper hallucinations on silence and noise. Sources: Norwegian
 * "Teksting av Nicolai Winther" and its variants, the Swedish/Danish Amara.org
 * credits and the English YouTube sign-offs as collected in public
 * hallucination block lists (e.g. Vexa-ai/vexa issue #155). Extend with care:
 * every entry marks real words [uklart] if a participant ever says them.
 */
export const BOILERPLATE_PHRASES: readonly BoilerplatePhrase[] = Object.freeze([
  // Norwegian (bokmål/nynorsk): broadcast subtitle credits.
  { phrase: 'teksting av', language: 'no', scope: 'credit' },
  { phrase: 'tekstet av', language: 'no', scope: 'credit' },
  { phrase: 'undertekster av', language: 'no', scope: 'credit' },
  { phrase: 'undertekst av', language: 'no', scope: 'credit' },
  { phrase: 'undertekstet av', language: 'no', scope: 'credit' },
  { phrase: 'norske tekster', language: 'no', scope: 'credit' },
  { phrase: 'nicolai winther', language: 'no', scope: 'credit' },
  { phrase: 'abonner på kanalen', language: 'no', scope: 'credit' },
  { phrase: 'takk for at du så på', language: 'no', scope: 'sign-off' },
  { phrase: 'takk for at dere så på', language: 'no', scope: 'sign-off' },
  { phrase: 'takk for at du har sett på', language: 'no', scope: 'sign-off' },
  // Danish.
  { phrase: 'danske tekster', language: 'da', scope: 'credit' },
  { phrase: 'tekster af', language: 'da', scope: 'credit' },
  { phrase: 'tekstning af', language: 'da', scope: 'credit' },
  { phrase: 'undertekster af', language: 'da', scope: 'credit' },
  { phrase: 'tak fordi du så med', language: 'da', scope: 'sign-off' },
  { phrase: 'tak for at se med', language: 'da', scope: 'sign-off' },
  // Swedish.
  { phrase: 'undertexter från amara.org-gemenskapen', language: 'sv', scope: 'credit' },
  { phrase: 'undertexter av', language: 'sv', scope: 'credit' },
  { phrase: 'svensktextning.nu', language: 'sv', scope: 'credit' },
  { phrase: 'textning.nu', language: 'sv', scope: 'credit' },
  { phrase: 'tack för att du tittade', language: 'sv', scope: 'sign-off' },
  { phrase: 'tack för att ni tittade', language: 'sv', scope: 'sign-off' },
  // English.
  { phrase: 'subtitles by', language: 'en', scope: 'credit' },
  { phrase: 'subtitled by', language: 'en', scope: 'credit' },
  { phrase: 'captions by', language: 'en', scope: 'credit' },
  { phrase: 'captioning by', language: 'en', scope: 'credit' },
  { phrase: 'transcription by', language: 'en', scope: 'credit' },
  { phrase: 'please subscribe', language: 'en', scope: 'credit' },
  { phrase: 'like and subscribe', language: 'en', scope: 'credit' },
  { phrase: 'thank you for watching', language: 'en', scope: 'sign-off' },
  { phrase: 'thanks for watching', language: 'en', scope: 'sign-off' },
  { phrase: 'see you in the next video', language: 'en', scope: 'sign-off' },
  // Any language: caption-community and web addresses.
  { phrase: 'amara.org', language: 'any', scope: 'credit' },
  { phrase: 'www.', language: 'any', scope: 'credit' },
  { phrase: 'http://', language: 'any', scope: 'credit' },
  { phrase: 'https://', language: 'any', scope: 'credit' },
] satisfies BoilerplatePhrase[]);

const letterOrDigit = '[\\p{L}\\p{N}]';
const separator = '[\\s\\p{P}]+';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function phrasePattern(entry: BoilerplatePhrase): RegExp {
  const body = entry.phrase.split(' ').map(escapeRegExp).join(separator);
  if (entry.scope === 'sign-off') {
    return new RegExp(`^[\\s\\p{P}]*(${body})[\\s\\p{P}]*$`, 'giu');
  }
  const address = entry.phrase.includes('.') || entry.phrase.includes('/');
  if (address) {
    // An address matches inside a word ("www.example.no") and runs to the next space.
    return new RegExp(`(${body}\\S*)`, 'giu');
  }
  // A word credit counts only where a sentence starts: "Jeg tekstet av og til"
  // (I texted now and then) is speech, "Tekstet av Nicolai Winther." is not.
  // It takes the rest of its sentence with it: the name is invented too.
  return new RegExp(`(?:^|(?<=[.!?]\\s*))[\\s\\p{P}]*?(${body}(?!${letterOrDigit})[^.!?\\n]*[.!?]?)`, 'giu');
}

const compiledPhrases = BOILERPLATE_PHRASES.map((entry) => ({ entry, pattern: phrasePattern(entry) }));

const nothingLeftPattern = /^[\s\p{P}\p{S}]*$/u;

/**
 * Boilerplate in `text`: credits and addresses anywhere (with the rest of their
 * sentence), sign-offs only as the whole text. Offsets are character offsets in
 * `text`; `wholeText` is true on every match when together they leave nothing
 * but spaces and punctuation.
 */
export function detectBoilerplate(text: string): HallucinationReason[] {
  const found: { phrase: string; start: number; end: number }[] = [];
  for (const { entry, pattern } of compiledPhrases) {
    for (const match of text.matchAll(pattern)) {
      const matched = match[1] ?? match[0];
      const start = (match.index ?? 0) + match[0].indexOf(matched);
      found.push({ phrase: entry.phrase, start, end: start + matched.length });
    }
  }
  if (found.length === 0) return [];
  let remainder = '';
  let cursor = 0;
  for (const range of [...found].sort((first, second) => first.start - second.start)) {
    if (range.start > cursor) remainder += text.slice(cursor, range.start);
    cursor = Math.max(cursor, range.end);
  }
  remainder += text.slice(cursor);
  const wholeText = nothingLeftPattern.test(remainder);
  return found.map((range) => ({ kind: 'boilerplate', ...range, wholeText }));
}

/** Words of `text` for comparison: lower case, punctuation stripped, empties dropped. */
export function comparableWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/u)
    .map((word) => word.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''))
    .filter((word) => word.length > 0);
}

/** The longest run of one word or phrase repeated back to back, if it reaches the loop thresholds. */
export function detectRepetition(
  text: string,
  thresholds: Pick<HallucinationThresholds, 'repeatedWordMinimum' | 'repeatedPhraseMinimum' | 'repetitionMaximumPhraseWords'> =
    DEFAULT_HALLUCINATION_THRESHOLDS,
): HallucinationReason[] {
  const words = comparableWords(text);
  let best: { phrase: string; repeats: number; firstWordIndex: number; covered: number } | null = null;
  for (let size = 1; size <= thresholds.repetitionMaximumPhraseWords; size++) {
    const minimum = size === 1 ? thresholds.repeatedWordMinimum : thresholds.repeatedPhraseMinimum;
    for (let start = 0; start + size * minimum <= words.length; start++) {
      let repeats = 1;
      while (sameWords(words, start, start + repeats * size, size)) repeats++;
      if (repeats >= minimum && (best === null || repeats * size > best.covered)) {
        best = {
          phrase: words.slice(start, start + size).join(' '),
          repeats,
          firstWordIndex: start,
          covered: repeats * size,
        };
      }
    }
  }
  if (best === null) return [];
  return [{ kind: 'repetition', phrase: best.phrase, repeats: best.repeats, firstWordIndex: best.firstWordIndex }];
}

function sameWords(words: readonly string[], first: number, second: number, size: number): boolean {
  if (second + size > words.length) return false;
  for (let offset = 0; offset < size; offset++) {
    if (words[first + offset] !== words[second + offset]) return false;
  }
  return true;
}

/** Compression ratio above the threshold (openai-whisper's "failed decode" rule). */
export function detectHighCompression(
  ratio: number,
  threshold: number = DEFAULT_HALLUCINATION_THRESHOLDS.compressionRatio,
): HallucinationReason[] {
  return ratio > threshold ? [{ kind: 'compression-ratio', ratio, threshold }] : [];
}

/** Text over audio the VAD heard little speech in; null ratio means unknown and passes. */
export function detectLowSpeechRatio(
  speechRatio: number | null,
  threshold: number = DEFAULT_HALLUCINATION_THRESHOLDS.minimumSpeechRatio,
): HallucinationReason[] {
  if (speechRatio === null) return [];
  return speechRatio < threshold ? [{ kind: 'low-speech-ratio', speechRatio, threshold }] : [];
}

/**
 * openai-whisper's silence rule: no-speech probability above its threshold and
 * the decode not confident (avg log-prob at or below its threshold). A null
 * no-speech probability (not measured) never triggers it.
 */
export function detectNoSpeech(
  noSpeechProbability: number | null,
  averageLogProbability: number,
  thresholds: Pick<HallucinationThresholds, 'noSpeechProbability' | 'noSpeechAverageLogProb'> =
    DEFAULT_HALLUCINATION_THRESHOLDS,
): HallucinationReason[] {
  if (noSpeechProbability === null) return [];
  const silent =
    noSpeechProbability > thresholds.noSpeechProbability &&
    !(averageLogProbability > thresholds.noSpeechAverageLogProb);
  return silent ? [{ kind: 'no-speech', noSpeechProbability, averageLogProbability }] : [];
}

/** What `detectHallucination` looks at for one segment. */
export interface HallucinationInput {
  text: string;
  averageLogProbability: number;
  /** Null when the worker could not measure it. */
  noSpeechProbability: number | null;
  /** Computed from `text` when not given. */
  compressionRatio?: number;
  /** Share of VAD speech in the utterance (0–1); null when unknown. */
  speechRatio: number | null;
}

/** Runs every detector on one segment and returns all reasons found. */
export function detectHallucination(
  input: HallucinationInput,
  thresholds: HallucinationThresholds = DEFAULT_HALLUCINATION_THRESHOLDS,
): HallucinationReason[] {
  const ratio = input.compressionRatio ?? computeCompressionRatio(input.text);
  return [
    ...detectRepetition(input.text, thresholds),
    ...detectHighCompression(ratio, thresholds.compressionRatio),
    ...detectBoilerplate(input.text),
    ...detectLowSpeechRatio(input.speechRatio, thresholds.minimumSpeechRatio),
    ...detectNoSpeech(input.noSpeechProbability, input.averageLogProbability, thresholds),
  ];
}

/** True when the reasons condemn the whole segment (not just some boilerplate words in it). */
export function rejectsWholeSegment(reasons: readonly HallucinationReason[]): boolean {
  return reasons.some((reason) => reason.kind !== 'boilerplate' || reason.wholeText);
}
