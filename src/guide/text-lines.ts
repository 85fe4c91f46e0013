/**
 * Undoes what copying out of a PDF or Word does to a guide's text before it is
 * read for structure: hard line breaks inside sentences, words hyphenated at a
 * line end, page numbers and running headers/footers between pages.
 */
import { extractHeadingMinutes, hasLetters, isAllCaps, splitCondition, splitListMarker, splitProbeLabel, startsLowercase } from './text-patterns';

/** One line of the pasted text, numbered as the researcher sees it (1-based); `text` keeps its indentation. */
export interface SourceLine {
  line: number;
  text: string;
}

export interface CleanedText {
  /** The lines left to read, wrapped lines joined (a joined line keeps the number of its first line); blank lines kept. */
  lines: SourceLine[];
  /** Line numbers dropped as page numbers or repeated page headers/footers. */
  dropped: number[];
}

const PAGE_NUMBER_PATTERNS = [
  /^[-–—]?\s*\d{1,3}\s*[-–—]?$/,
  /^(?:side|s\.|page|p\.|pg\.?)\s*\d{1,3}(?:\s*(?:av|of|\/)\s*\d{1,3})?$/i,
  /^\d{1,3}\s*(?:av|of|\/)\s*\d{1,3}$/i,
];

// A running header may sit up to this many text lines from a page break (a
// title line plus a date line, say).
const HEADER_DISTANCE = 3;

interface RawLine {
  line: number;
  text: string;
  formFeed: boolean;
  pageNumber: boolean;
}

/** Normalises line endings and invisible characters, drops page artefacts and joins hard-wrapped lines. */
export function cleanExtractedText(text: string): CleanedText {
  const raw: RawLine[] = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((content, index) => {
      const cleaned = content
        .replace(/[\u00A0\u2007\u202F]/g, ' ')
        .replace(/[\u200B\u200C\u200D\uFEFF]/g, '')
        .replace(/\s+$/, '');
      const withoutFormFeed = cleaned.replace(/\f/g, '');
      return {
        line: index + 1,
        text: withoutFormFeed.trim() === '' ? '' : withoutFormFeed,
        formFeed: cleaned.includes('\f'),
        pageNumber: PAGE_NUMBER_PATTERNS.some((pattern) => pattern.test(withoutFormFeed.trim())),
      };
    });
  const headerLines = findRunningHeaders(raw);
  const dropped = raw.filter((entry) => entry.pageNumber || headerLines.has(entry.line)).map((entry) => entry.line);
  const droppedSet = new Set(dropped);
  const hasPageBreaks = raw.some((entry) => entry.formFeed || entry.pageNumber);
  return { lines: joinWrappedLines(raw, droppedSet, hasPageBreaks), dropped };
}

function headerKey(text: string): string {
  return text.trim().toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

/** Lines repeated next to page breaks: running headers and footers. The very first line is kept: it is usually the title. */
function findRunningHeaders(raw: RawLine[]): Set<number> {
  const textLines = raw.filter((entry) => entry.text !== '');
  const boundaries: number[] = [-0.5, textLines.length - 0.5];
  textLines.forEach((entry, ordinal) => {
    if (entry.pageNumber) boundaries.push(ordinal);
    if (entry.formFeed) boundaries.push(ordinal - 0.5);
  });
  if (boundaries.length === 2) return new Set();
  const occurrences = new Map<string, number[]>();
  textLines.forEach((entry, ordinal) => {
    const trimmed = entry.text.trim();
    if (entry.pageNumber || trimmed.includes('?') || !hasLetters(trimmed) || trimmed.length > 120) return;
    if (splitListMarker(trimmed) || splitProbeLabel(trimmed) !== null || splitCondition(trimmed)) return;
    const key = headerKey(trimmed);
    occurrences.set(key, [...(occurrences.get(key) ?? []), ordinal]);
  });
  const headers = new Set<number>();
  for (const ordinals of occurrences.values()) {
    if (ordinals.length < 2) continue;
    const nearBreak = ordinals.every((ordinal) => boundaries.some((boundary) => Math.abs(boundary - ordinal) <= HEADER_DISTANCE));
    if (!nearBreak) continue;
    for (const ordinal of ordinals) {
      const entry = textLines[ordinal];
      if (entry && ordinal !== 0) headers.add(entry.line);
    }
  }
  return headers;
}

const TERMINAL = /[.?!:;]["'»”’)\]]*$/;

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

function joinWrappedLines(raw: RawLine[], dropped: Set<number>, hasPageBreaks: boolean): SourceLine[] {
  const kept = raw.filter((entry) => !dropped.has(entry.line));
  const textLengths = kept.filter((entry) => entry.text !== '').map((entry) => entry.text.trim().length);
  const wrapWidth = percentile(textLengths, 0.9);
  const lowercaseContinuations = kept.filter((entry, index) => {
    const next = kept[index + 1];
    return entry.text !== '' && next !== undefined && !TERMINAL.test(entry.text) && startsLowercase(next.text) && !splitListMarker(next.text.trim());
  }).length;
  // Only text that shows signs of a fixed line width (pages, several
  // mid-sentence breaks) has its capitalised continuation lines joined; Word
  // copies keep one paragraph per line and must not be merged.
  const hardWrapped = hasPageBreaks || lowercaseContinuations >= 3;

  const output: SourceLine[] = [];
  let blanks: SourceLine[] = [];
  let crossedPage = false;
  let previous: SourceLine | null = null;
  for (const entry of raw) {
    if (dropped.has(entry.line) || entry.formFeed) crossedPage = true;
    if (dropped.has(entry.line)) continue;
    if (entry.text === '') {
      blanks.push({ line: entry.line, text: '' });
      continue;
    }
    const joined: string | null =
      previous && (blanks.length === 0 || crossedPage) ? joinIfWrapped(previous.text, entry.text, hardWrapped, wrapWidth) : null;
    if (previous && joined !== null) {
      previous.text = joined;
    } else {
      previous = { line: entry.line, text: entry.text };
      output.push(...blanks, previous);
    }
    blanks = [];
    crossedPage = false;
  }
  output.push(...blanks);
  return output;
}

/** The two lines as one when the first was broken mid-sentence; null when they are separate lines. */
function joinIfWrapped(previous: string, next: string, hardWrapped: boolean, wrapWidth: number): string | null {
  const before = previous.trimEnd();
  const after = next.trim();
  // End-anchored patterns are tried on the tail only: a paragraph can grow
  // long through many joins, and scanning all of it each time is quadratic.
  const tail = before.slice(-80);
  if (before.trimStart().startsWith('#') || splitListMarker(after)) return null;
  if (before.endsWith('\u00AD')) return before.slice(0, -1) + after;
  const hyphenated = /(\p{L}+)[-‐]$/u.exec(tail);
  if (hyphenated && /^[\p{L}\d]/u.test(after)) {
    // "intervju-/guide" is one word broken by the layout; "NAV-/kontoret" and
    // "Covid-/19" keep their hyphen, as does a break before a capital.
    const keepHyphen = isAllCaps(hyphenated[1] ?? '') || /^\p{Lu}+$/u.test(hyphenated[1] ?? '') || !startsLowercase(after);
    return keepHyphen ? before + after : before.slice(0, -1) + after;
  }
  if (TERMINAL.test(tail)) return null;
  if (startsLowercase(after)) return `${before} ${after}`;
  const looksLikeHeading = isAllCaps(after) || extractHeadingMinutes(after).minutes !== null || extractHeadingMinutes(tail).minutes !== null;
  const startsOwnLine = splitProbeLabel(after) !== null || splitCondition(after) !== null || looksLikeHeading;
  // A capital after a break mid-sentence is a name ("hos / NAV?"): join only
  // when the line stops on a lower-case word or a comma at the wrap width.
  const stopsMidSentence = /[\p{Ll},]$/u.test(tail);
  if (hardWrapped && stopsMidSentence && before.trim().length >= wrapWidth * 0.75 && !startsOwnLine) return `${before} ${after}`;
  return null;
}
