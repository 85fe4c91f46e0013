/**
 * The normalisation both sides of an evaluation go through before words are
 * compared, so a score counts what was heard wrong and not how it was written:
 *
 * - Unicode NFC and lower case; æ, ø, å (and other letters) kept as they are.
 * - An unclear marker — `[uklart]`, `[uklart: gjetning?]`, `[unclear]`,
 *   `[otydligt]` — becomes one UNCLEAR token (a guess inside it is not a word).
 * - Other bracketed annotations, `[latter]`, `(kremter)`, and f4/MAXQDA time marks
 *   `#00:01:02-3#` are not speech: removed.
 * - Punctuation goes; a hyphen or apostrophe inside a word joins it ("e-post" →
 *   "epost"), so the two spellings of a word score the same.
 * - Number words from null to nittini, tens and compounds ("tjueto", "tjue to",
 *   "førtifem", "tredve"), hundre and tusen become digits, so "22" and "tjueto"
 *   agree. "en", "ei" and "ett" stay words: they are far more often articles.
 */

import { COMPOUND_UNIT_WORDS, TEEN_WORDS, TEN_WORDS, UNIT_WORDS } from '../../language/norwegian-numbers';

/** The token an unclear marker becomes. Not a word any transcript can contain. */
export const UNCLEAR_TOKEN = '⟨unclear⟩';

const UNCLEAR_LABELS = ['uklart', 'unclear', 'otydligt'];
const UNCLEAR_MARKER = new RegExp(`\\[\\s*(?:${UNCLEAR_LABELS.join('|')})(?:\\s*:[^\\]]*)?\\]`, 'giu');
const ANNOTATION = /\[[^\]]*\]|\([^)]*\)/gu;
const TIME_MARK = /#\d{1,2}:\d{2}:\d{2}(?:[-.,]\d+)?#/gu;
/** Keeps the unclear token whole while everything else is split on non-letters. */
const PLACEHOLDER = ' \u0001 ';

const UNITS: Readonly<Record<string, number>> = { null: 0, ...UNIT_WORDS, ...TEEN_WORDS };
const LARGE: Readonly<Record<string, number>> = { hundre: 100, tusen: 1000 };

/** The number a single number word stands for, or null. */
export function numberWordValue(word: string): number | null {
  if (word in UNITS) return UNITS[word]!;
  if (word in TEN_WORDS) return TEN_WORDS[word]!;
  if (word in LARGE) return LARGE[word]!;
  for (const [ten, value] of Object.entries(TEN_WORDS)) {
    if (word.startsWith(ten)) {
      const rest = word.slice(ten.length);
      if (rest in COMPOUND_UNIT_WORDS) return value + COMPOUND_UNIT_WORDS[rest]!;
    }
  }
  return null;
}

/** Number words → digits; a tens word followed by a unit word ("tjue to") is one number. */
function foldNumbers(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const value = numberWordValue(word);
    if (value === null) {
      out.push(word);
      continue;
    }
    const next = words[index + 1];
    if (word in TEN_WORDS && next !== undefined && next in COMPOUND_UNIT_WORDS && next !== 'en' && next !== 'ei' && next !== 'ett') {
      out.push(String(value + COMPOUND_UNIT_WORDS[next]!));
      index++;
      continue;
    }
    out.push(String(value));
  }
  return out;
}

/** The tokens of a transcript for scoring: normalised words and UNCLEAR_TOKEN for each unclear marker. */
export function scoringTokens(text: string): string[] {
  const marked = text
    .normalize('NFC')
    .replace(UNCLEAR_MARKER, PLACEHOLDER)
    .replace(ANNOTATION, ' ')
    .replace(TIME_MARK, ' ')
    .toLowerCase()
    .replace(/(?<=[\p{L}\p{N}])['’-](?=[\p{L}\p{N}])/gu, '');
  const tokens: string[] = [];
  // Each boundary between parts was one unclear marker.
  for (const part of marked.split(PLACEHOLDER)) {
    tokens.push(...foldNumbers(part.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0)), UNCLEAR_TOKEN);
  }
  tokens.pop();
  return tokens;
}

/** Words only: the scoring tokens without unclear markers (what word and character error rates compare). */
export function scoringWords(text: string): string[] {
  return scoringTokens(text).filter((token) => token !== UNCLEAR_TOKEN);
}
