/**
 * Finding where real names (and places, workplaces, other details) occur in a
 * text: whole words only, any case, with the Norwegian genitive, longest term
 * first where terms overlap. The rules are written out in docs/pseudonymisation.md.
 */
import type { KeyListKind } from '../store/records';

/** One real → fictive pair of the replacement list (a key-list entry, seen from here). */
export interface Replacement {
  real: string;
  fictive: string;
  kind: KeyListKind;
}

/** Where one term occurs: `[start, end)` in the text, the suffix it carries ('s' in "Karis"). */
export interface Occurrence {
  start: number;
  end: number;
  /** The text as it stands there ("Karis", "KARI"). */
  matched: string;
  /** The inflection after the term itself: '', 's', "'s", '’s' or "'". */
  suffix: string;
  replacement: Replacement;
}

/**
 * A letter or digit before or after the term makes it part of another word
 * ("Karianne" is not "Kari"); so does a hyphen joined to a letter ("Kari-Anne" is a
 * different name). `\p{L}` and `\p{N}` cover æ, ø, å and every other script.
 */
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])(?<!\\p{L}-)';
const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}])(?!-\\p{L})';
/**
 * The genitive is the one inflection Norwegian gives names: "Karis", "Bergens",
 * "Lars'" and the English-style "Kari's" that transcribers and Whisper also write.
 */
const GENITIVE = "(s|['’]s|['’])?";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface TermPattern {
  pattern: RegExp;
  /** The first word, lower-cased: a text without it cannot hold the term, and `includes` is far cheaper than the pattern. */
  firstWord: string;
}

/**
 * Compiled once per term: a transcript of 1,500 segments against a list of 40
 * names would otherwise compile the same patterns a hundred thousand times.
 * `matchAll` copies a pattern, so sharing one is safe.
 */
const PATTERNS = new Map<string, TermPattern | null>();

/** A pattern for one term: its words with any whitespace between, then an optional genitive. */
function termPattern(real: string): TermPattern | null {
  const cached = PATTERNS.get(real);
  if (cached !== undefined) return cached;
  const words = real.trim().split(/\s+/).filter((word) => word !== '');
  const body = words.map(escapeRegExp).join('\\s+');
  const compiled = words.length === 0 ? null : { pattern: new RegExp(`${NOT_AFTER_WORD}(${body})${GENITIVE}${NOT_BEFORE_WORD}`, 'giu'), firstWord: words[0]!.toLocaleLowerCase('nb') };
  PATTERNS.set(real, compiled);
  return compiled;
}

/**
 * Every occurrence of every term, overlaps resolved: the longest match wins
 * ("Kari Nordmann" before "Kari"), then the earlier one. In text order.
 */
export function findOccurrences(text: string, replacements: readonly Replacement[]): Occurrence[] {
  const candidates: Occurrence[] = [];
  const lower = text.toLocaleLowerCase('nb');
  for (const replacement of replacements) {
    const term = termPattern(replacement.real);
    if (!term || !lower.includes(term.firstWord)) continue;
    for (const match of text.matchAll(term.pattern)) {
      const start = match.index ?? 0;
      let suffix = match[2] ?? '';
      // A lone apostrophe is a genitive only after s, x or z ("Hans'"); after "Kari" it closes a quotation.
      if ((suffix === "'" || suffix === '’') && !/[sxz]$/i.test(match[1] ?? '')) suffix = '';
      const matched = (match[1] ?? '') + suffix;
      candidates.push({ start, end: start + matched.length, matched, suffix, replacement });
    }
  }
  candidates.sort((left, right) => right.end - right.start - (left.end - left.start) || left.start - right.start);
  const kept: Occurrence[] = [];
  for (const candidate of candidates) {
    if (kept.every((other) => candidate.end <= other.start || candidate.start >= other.end)) kept.push(candidate);
  }
  return kept.sort((left, right) => left.start - right.start);
}

function isUpper(text: string): boolean {
  return text === text.toLocaleUpperCase('nb') && text !== text.toLocaleLowerCase('nb');
}

function isLower(text: string): boolean {
  return text === text.toLocaleLowerCase('nb') && text !== text.toLocaleUpperCase('nb');
}

/**
 * The fictive name in the capitalisation of the occurrence: "KARI" → "LINA",
 * "kari" → "lina", "Kari" → "Lina" (the list's own spelling otherwise, so
 * "McLean" stays as written).
 */
export function matchCase(occurrence: string, fictive: string): string {
  const letters = occurrence.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && isUpper(letters)) return fictive.toLocaleUpperCase('nb');
  if (isLower(letters)) return fictive.toLocaleLowerCase('nb');
  const first = letters.charAt(0);
  if (first !== '' && isUpper(first)) return fictive.charAt(0).toLocaleUpperCase('nb') + fictive.slice(1);
  return fictive;
}

/**
 * The genitive carried over to the fictive name, spelled as Norwegian spells it
 * for that name: "Karis" → "Linas", but "Karis" → "Lars'" and "Hans'" → "Linas".
 */
export function carrySuffix(fictive: string, suffix: string): string {
  if (suffix === '') return fictive;
  const endsInSibilant = /[sxz]$/i.test(fictive);
  if (suffix === 's' || suffix === "'") return fictive + (endsInSibilant ? "'" : 's');
  // "Kari's" is the writer's choice of style: keep it.
  return fictive + suffix;
}

/** What replaces one occurrence: the fictive name in its case, with its genitive. */
export function replacementFor(occurrence: Occurrence): string {
  const suffixText = occurrence.suffix;
  const termText = occurrence.matched.slice(0, occurrence.matched.length - suffixText.length);
  const suffix = isUpper(suffixText.replace(/[^\p{L}]/gu, '')) ? suffixText.toLocaleLowerCase('nb') : suffixText;
  return matchCase(termText, carrySuffix(occurrence.replacement.fictive, suffix));
}
