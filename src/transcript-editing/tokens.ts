/**
 * A segment's text as timed tokens: the words the researcher reads (each with
 * the time it was said, for playing from it and highlighting it) and the
 * `[uklart]` markers (with their unclear span). Whisper's own words are not
 * shown: those inside an unclear span are the model's guesses, which the
 * transcript must not show as heard; the rest are matched to the text's words
 * for their times.
 */
import type { Segment, SegmentWord, UnclearSpan } from '../store/records';

/** Every marker label the transcriber writes (docs/uklart.md), with an optional guess. */
export const UNCLEAR_MARKER = /\[(?:uklart|unclear|otydligt)(?::\s*([^\]]*))?\]/iu;
const TOKEN = /\[(?:uklart|unclear|otydligt)(?::[^\]]*)?\]|[^\s[]+|\[/giu;

/** A piece of the text between spaces, or a marker; `from`/`to` are offsets in the text. */
export interface TextToken {
  text: string;
  from: number;
  to: number;
  marker: boolean;
}

export interface TimedWord extends TextToken {
  marker: false;
  start: number;
  end: number;
  probability: number;
}

export interface TimedMarker extends TextToken {
  marker: true;
  start: number;
  end: number;
  /** Which marker of the segment this is (0-based), and so which unclear span. */
  index: number;
  span: UnclearSpan;
}

export type TimedToken = TimedWord | TimedMarker;

/** Splits text into words (runs without spaces) and `[uklart]` markers, with their offsets. */
export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const from = match.index ?? 0;
    tokens.push({ text: match[0], from, to: from + match[0].length, marker: UNCLEAR_MARKER.test(match[0]) && match[0].length > 1 });
  }
  return tokens;
}

/** What two tokens must share to be the same word: letters and digits, case folded. */
export function tokenKey(token: Pick<TextToken, 'text' | 'marker'>): string {
  if (token.marker) return '\u0000marker';
  return token.text.toLocaleLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The guess a marker carries (`[uklart: ord?]` → `ord`), or null. */
export function markerGuess(marker: string): string | null {
  const guess = UNCLEAR_MARKER.exec(marker)?.[1]?.trim().replace(/\?+$/u, '').trim();
  return guess ? guess : null;
}

/**
 * Pairs of indexes (left, right) of the longest common subsequence of two key
 * lists; empty keys (punctuation alone) never pair. Segments hold tens of
 * words, so the quadratic table is small.
 */
export function alignKeys(left: readonly string[], right: readonly string[]): [number, number][] {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const table = new Uint16Array(rows * columns);
  for (let i = left.length - 1; i >= 0; i--) {
    for (let j = right.length - 1; j >= 0; j--) {
      table[i * columns + j] =
        left[i] !== '' && left[i] === right[j]
          ? (table[(i + 1) * columns + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * columns + j] ?? 0, table[i * columns + j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (left[i] !== '' && left[i] === right[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[(i + 1) * columns + j] ?? 0) >= (table[i * columns + j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

function inside(word: SegmentWord, span: UnclearSpan): boolean {
  const middle = (word.start + word.end) / 2;
  return middle >= span.start && middle <= span.end;
}

/** Known times of some tokens; the rest are spread evenly over the gaps between them (within the segment). */
function fillTimes(count: number, known: Map<number, { start: number; end: number }>, bounds: { start: number; end: number }) {
  const times: { start: number; end: number }[] = new Array(count);
  let index = 0;
  let previousEnd = bounds.start;
  while (index < count) {
    const fixed = known.get(index);
    if (fixed) {
      times[index] = fixed;
      previousEnd = fixed.end;
      index++;
      continue;
    }
    let next = index;
    while (next < count && !known.has(next)) next++;
    const gapEnd = Math.max(previousEnd, known.get(next)?.start ?? bounds.end);
    const step = (gapEnd - previousEnd) / (next - index);
    for (let k = index; k < next; k++) {
      times[k] = { start: previousEnd + step * (k - index), end: k === next - 1 ? gapEnd : previousEnd + step * (k - index + 1) };
    }
    index = next;
  }
  return times;
}

/** The segment's tokens with times: words matched to the transcriber's clear words, markers to their spans. */
export function timedTokens(segment: Pick<Segment, 'text' | 'words' | 'unclear' | 'start' | 'end'>): TimedToken[] {
  const tokens = tokenize(segment.text);
  const clearWords = segment.words.filter((word) => !segment.unclear.some((span) => inside(word, span)));
  const known = new Map<number, { start: number; end: number }>();
  const probability = new Map<number, number>();
  const wordIndexes = tokens.flatMap((token, index) => (token.marker ? [] : [index]));
  const pairs = alignKeys(
    wordIndexes.map((index) => tokenKey(tokens[index]!)),
    clearWords.map((word) => tokenKey({ text: word.text, marker: false })),
  );
  for (const [tokenAt, wordAt] of pairs) {
    const word = clearWords[wordAt]!;
    const index = wordIndexes[tokenAt]!;
    known.set(index, { start: word.start, end: word.end });
    probability.set(index, word.probability);
  }
  let markerIndex = 0;
  const spans = new Map<number, UnclearSpan>();
  tokens.forEach((token, index) => {
    if (!token.marker) return;
    const span = segment.unclear[markerIndex++];
    if (span) {
      spans.set(index, span);
      known.set(index, { start: span.start, end: span.end });
    }
  });
  const times = fillTimes(tokens.length, known, segment);
  markerIndex = 0;
  return tokens.map((token, index): TimedToken => {
    const { start, end } = times[index]!;
    if (token.marker) {
      const span = spans.get(index) ?? { start, end, guess: markerGuess(token.text) };
      return { ...token, marker: true, start, end, index: markerIndex++, span };
    }
    return { ...token, marker: false, start, end, probability: probability.get(index) ?? 1 };
  });
}
