/**
 * Suggestions of what to pseudonymise in a transcript: terms of the key list and
 * the parts of known names, capitalised words inside sentences, and numbers that
 * identify (ages, years, phone numbers, street addresses, postcodes; in digits or
 * spelled out), and nicknames named as such. Each comes
 * with its context, where it stands, a guess at its kind and a proposed fictive
 * name. The researcher decides; nothing here changes a transcript.
 */
import type { KeyListKind } from '../store/records';
import { findOccurrences, replacementFor, type Replacement } from './occurrences';
import { COMPOUND_UNIT_WORDS, TEEN_WORDS, TEN_WORDS, UNIT_WORDS, wordAlternation } from '../language/norwegian-numbers';
import { CAPITALISED_STOP_WORDS, INSTITUTION_ENDINGS, PLACE_PREPOSITIONS, DURATION_WORDS } from './norwegian';

export type SuggestionReason = 'key-list' | 'name-part' | 'capitalised' | 'nickname' | 'address' | 'postcode' | 'phone' | 'age' | 'year';

export interface Suggestion {
  /** `<segmentId>:<start>`: stable while the segment's text is. */
  id: string;
  segmentId: string;
  /** `[start, end)` in the segment's text. */
  start: number;
  end: number;
  /** The text found there. */
  text: string;
  /** A few words before and after, from the same segment. */
  before: string;
  after: string;
  kind: KeyListKind;
  reason: SuggestionReason;
  /** From the replacement list when the term is in it; empty for the researcher to type. */
  fictive: string;
}

export interface SuggestionInput {
  segments: readonly { id: string; text: string }[];
  /** The project's replacement list (the key list), every participant's entries and the project-wide ones. */
  replacements: readonly Replacement[];
  /** Words never to suggest (case-insensitive): the participant's pseudonym, words the researcher skipped "always". */
  ignore?: readonly string[];
}

const CONTEXT_WORDS = 5;

/** Earlier reasons win where suggestions overlap: a key-list hit carries a fictive name, the others do not. */
const PRIORITY: readonly SuggestionReason[] = ['key-list', 'name-part', 'address', 'postcode', 'phone', 'age', 'year', 'nickname', 'capitalised'];

/*
 * Numbers spelled out as a transcriber types them (the model writes digits):
 * 1–99 in one word ("tjueto", "tjue-to", "nitti"), for ages ("tjueto år",
 * "tjuetoåring") and years ("nittenåttifem", "nitten hundre og åttifem",
 * "totusenogfem", "tjuetjue").
 */
const UNITS = wordAlternation(UNIT_WORDS);
const TEENS = wordAlternation(TEEN_WORDS);
const TENS = wordAlternation(TEN_WORDS);
const TENS_WITH_UNIT = `${TENS}(?:-?${wordAlternation(COMPOUND_UNIT_WORDS)})?`;
const SPELLED_UP_TO_99 = `(?:${TENS_WITH_UNIT}|${TEENS}|${UNITS})`;
const SPELLED_YEAR = [
  `nitten(?:\\s?hundre(?:\\s?og)?)?[\\s-]?(?:${TENS_WITH_UNIT}|${TEENS}|null-?${UNITS})`,
  // "to tusen kroner" is money, not a year.
  `to\\s?tusen(?:\\s?og\\s?${SPELLED_UP_TO_99})?(?!\\s+(?:kroner|kr|dollar|euro|mennesker|personer|stykker|meter|kilometer|km))`,
  `tjue[\\s-]?(?:${TENS_WITH_UNIT}|${TEENS})`,
].join('|');

const NUMBER_PATTERNS: readonly { reason: SuggestionReason; kind: KeyListKind; pattern: RegExp }[] = [
  {
    reason: 'address',
    kind: 'place',
    pattern: /(?<![\p{L}\p{N}])\p{Lu}[\p{L}-]*(?:gata|gate|gaten|veien|vei|vegen|veg|plass|plassen|allé|alle|stien|sti|bakken|tunet|svingen|kroken|brygge|ringen)\s+\d{1,4}(?:\s?[A-Za-z](?![\p{L}]))?(?![\p{N}])/gu,
  },
  { reason: 'postcode', kind: 'place', pattern: /(?<![\p{L}\p{N}])\d{4}\s+\p{Lu}\p{L}+(?![\p{L}])/gu },
  // Norwegian numbers have eight digits, read in pairs or as 3-2-3, with or without +47.
  {
    reason: 'phone',
    kind: 'other',
    pattern: /(?<![\p{N}+])(?:\+47[\s-]?)?(?:\d{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}|\d{3}[\s-]?\d{2}[\s-]?\d{3})(?![\p{N}])/gu,
  },
  { reason: 'age', kind: 'other', pattern: /(?<![\p{L}\p{N}])\d{1,3}\s?(?:-\s?åring(?:en)?|år(?!\p{L})|åring(?:en)?)(?!\p{L})/gu },
  { reason: 'year', kind: 'other', pattern: /(?<![\p{L}\p{N}])(?:19|20)\d{2}(?![\p{N}])/gu },
  {
    reason: 'age',
    kind: 'other',
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])${SPELLED_UP_TO_99}(?:\\s?-?\\s?åring(?:en)?|\\s+år(?!\\p{L}))(?!\\p{L})`, 'giu'),
  },
  { reason: 'year', kind: 'other', pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${SPELLED_YEAR})(?![\\p{L}])`, 'giu') },
];

/*
 * A nickname is named as one ("vi kalte ham Pølsa", "kallenavnet hennes var
 * snuppa"), often in lower case, where no capital gives it away: the word after.
 */
const NICKNAME = /(?<![\p{L}])(?:kalt|kalte|kaller|kalles|kallenavnet|kallenavn|oppnavnet|klengenavnet)(?:\s+(?:ham|han|henne|hun|meg|oss|dem|deg|hverandre|hans|hennes|mitt|hennes|sitt|deres|bare|for|alltid|aldri))*(?:\s+(?:var|er|ble))?\s+[«"“]?(\p{L}[\p{L}'’-]+)/giu;

const CAPITALISED_RUN = /(?<![\p{L}\p{N}'’-])\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*/gu;

function lastWords(text: string, count: number): string {
  return text.trimEnd().split(/\s+/).filter(Boolean).slice(-count).join(' ');
}

function firstWords(text: string, count: number): string {
  return text.trimStart().split(/\s+/).filter(Boolean).slice(0, count).join(' ');
}

/** True where a sentence starts: the segment's start, or after . ! ? … : (and any quote or dash). */
function atSentenceStart(text: string, start: number): boolean {
  return /(?:^|[.!?…:]["'»”)]*\s)[\s"'«“(–-]*$/u.test(text.slice(0, start));
}

/** The word before `start`, lower-cased. */
function previousWord(text: string, start: number): string {
  return (text.slice(0, start).match(/([\p{L}]+)\s*$/u)?.[1] ?? '').toLocaleLowerCase('nb');
}

interface Candidate {
  start: number;
  end: number;
  kind: KeyListKind;
  reason: SuggestionReason;
  fictive: string;
}

/** The key list's terms, plus each word of a multi-word name on its own ("Kari" of "Kari Nordmann"). */
function knownTerms(replacements: readonly Replacement[], skip: ReadonlySet<string>): { terms: Replacement[]; parts: Set<Replacement> } {
  const whole = replacements.filter((entry) => entry.real.trim() !== '');
  const wholeReal = new Set(whole.map((entry) => entry.real.trim().toLocaleLowerCase('nb')));
  const parts = new Set<Replacement>();
  for (const entry of whole) {
    if (entry.kind !== 'name') continue;
    const realWords = entry.real.trim().split(/\s+/);
    if (realWords.length < 2) continue;
    const fictiveWords = entry.fictive.trim().split(/\s+/);
    realWords.forEach((word, index) => {
      // A part that is itself a fictive name ("Kari Nordmann" → "Kari") is what pseudonymising left there.
      const key = word.toLocaleLowerCase('nb');
      if (word.length < 2 || wholeReal.has(key) || skip.has(key)) return;
      // "Kari Nordmann" → "Lina Berg": "Kari" → "Lina", when the two line up word for word.
      const fictive = fictiveWords.length === realWords.length ? fictiveWords[index]! : '';
      parts.add({ real: word, fictive, kind: 'name' });
    });
  }
  return { terms: [...whole, ...parts], parts };
}

function capitalisedCandidates(text: string, recurring: ReadonlySet<string>, skip: ReadonlySet<string>): Candidate[] {
  const candidates: Candidate[] = [];
  for (const match of text.matchAll(CAPITALISED_RUN)) {
    let start = match.index ?? 0;
    const words = [...match[0].matchAll(/\S+/gu)].map((word) => ({ start: start + (word.index ?? 0), text: word[0] }));
    const wanted = (word: { text: string }) => {
      const key = word.text.replace(/['’]s?$/u, '').toLocaleLowerCase('nb');
      return word.text.length > 1 && !CAPITALISED_STOP_WORDS.has(key) && !skip.has(key);
    };
    // A capitalised word that starts a sentence is an ordinary word, unless it is capitalised inside sentences too.
    if (words[0] && atSentenceStart(text, words[0].start) && !recurring.has(words[0].text.toLocaleLowerCase('nb'))) words.shift();
    while (words[0] && !wanted(words[0])) words.shift();
    while (words.length > 0 && !wanted(words[words.length - 1]!)) words.pop();
    if (words.length === 0) continue;
    start = words[0]!.start;
    const last = words[words.length - 1]!;
    let end = last.start + last.text.length;
    // "Fjellheim skole", "Bodø kommune": the institution word after the name belongs to it.
    const following = text.slice(end).match(/^\s+(\p{Ll}+)(?![\p{L}])/u);
    if (following && INSTITUTION_ENDINGS.includes(following[1]!)) end += following[0].length;
    const phrase = text.slice(start, end).toLocaleLowerCase('nb');
    const lastWord = phrase.split(/\s+/).pop() ?? '';
    // Short endings ("as", "nav", "lag") only as whole words: "Tomas" is no company.
    const institution = INSTITUTION_ENDINGS.some((ending) => lastWord === ending || (ending.length >= 5 && lastWord.endsWith(ending)));
    const kind: KeyListKind = institution
      ? 'institution'
      : PLACE_PREPOSITIONS.has(previousWord(text, start))
        ? 'place'
        : 'name';
    candidates.push({ start, end, kind, reason: 'capitalised', fictive: '' });
  }
  return candidates;
}

function numberCandidates(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const { reason, kind, pattern } of NUMBER_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      // "i 20 år", "for 20 år siden": a duration, not an age.
      if (reason === 'age' && /år$/u.test(match[0]) && DURATION_WORDS.has(previousWord(text, start))) continue;
      candidates.push({ start, end: start + match[0].length, kind, reason, fictive: '' });
    }
  }
  return candidates;
}

function nicknameCandidates(text: string, skip: ReadonlySet<string>): Candidate[] {
  const candidates: Candidate[] = [];
  for (const match of text.matchAll(NICKNAME)) {
    const word = match[1]!;
    const key = word.toLocaleLowerCase('nb');
    if (skip.has(key) || CAPITALISED_STOP_WORDS.has(key) || NICKNAME_FILLERS.has(key)) continue;
    const start = (match.index ?? 0) + match[0].length - word.length;
    candidates.push({ start, end: start + word.length, kind: 'name', reason: 'nickname', fictive: '' });
  }
  return candidates;
}

/** Words after "kalt …" that name no one ("kalt inn", "kalles opp"). */
const NICKNAME_FILLERS: ReadonlySet<string> = new Set(['inn', 'opp', 'ut', 'til', 'på', 'det', 'den', 'noe', 'et', 'en', 'ei', 'at', 'som', 'så', 'og', 'i', 'av', 'etter', 'seg']);

/** Capitalised words seen inside sentences anywhere in the transcript (lower-cased). */
function capitalisedInsideSentences(segments: SuggestionInput['segments']): Set<string> {
  const seen = new Set<string>();
  for (const { text } of segments) {
    for (const match of text.matchAll(/(?<![\p{L}\p{N}'’-])\p{Lu}[\p{L}'’-]*/gu)) {
      if (!atSentenceStart(text, match.index ?? 0)) seen.add(match[0].toLocaleLowerCase('nb'));
    }
  }
  return seen;
}

/** Suggestions for a transcript, in segment and text order, none overlapping another. */
export function suggestReplacements(input: SuggestionInput): Suggestion[] {
  // Fictive names in the text were put there by pseudonymising: each of their words is skipped too.
  const fictiveWords = input.replacements.flatMap((entry) => [entry.fictive, ...entry.fictive.split(/\s+/)]);
  const skip = new Set([...(input.ignore ?? []), ...fictiveWords].map((word) => word.trim().toLocaleLowerCase('nb')).filter(Boolean));
  const { terms, parts } = knownTerms(input.replacements, skip);
  const recurring = capitalisedInsideSentences(input.segments);
  const suggestions: Suggestion[] = [];
  for (const segment of input.segments) {
    const { text } = segment;
    const known: Candidate[] = findOccurrences(text, terms).map((occurrence) => ({
      start: occurrence.start,
      end: occurrence.end,
      kind: occurrence.replacement.kind,
      reason: parts.has(occurrence.replacement) ? 'name-part' : 'key-list',
      fictive: occurrence.replacement.fictive === '' ? '' : replacementFor(occurrence),
    }));
    const all = [...known, ...numberCandidates(text), ...nicknameCandidates(text, skip), ...capitalisedCandidates(text, recurring, skip)].sort(
      (left, right) => PRIORITY.indexOf(left.reason) - PRIORITY.indexOf(right.reason) || right.end - right.start - (left.end - left.start),
    );
    const kept: Candidate[] = [];
    for (const candidate of all) {
      if (kept.every((other) => candidate.end <= other.start || candidate.start >= other.end)) kept.push(candidate);
    }
    kept.sort((left, right) => left.start - right.start);
    for (const candidate of kept) {
      suggestions.push({
        id: `${segment.id}:${candidate.start}`,
        segmentId: segment.id,
        start: candidate.start,
        end: candidate.end,
        text: text.slice(candidate.start, candidate.end),
        before: lastWords(text.slice(0, candidate.start), CONTEXT_WORDS),
        after: firstWords(text.slice(candidate.end), CONTEXT_WORDS),
        kind: candidate.kind,
        reason: candidate.reason,
        fictive: candidate.fictive,
      });
    }
  }
  return suggestions;
}
