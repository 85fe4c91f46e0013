/**
 * Edits of transcript segments as pure functions: each takes segments as stored
 * and returns the segments to store (and ids to delete). An edited segment gets
 * `source: 'edited'` and keeps the machine's version in `original` (set once,
 * on the first edit), so the view can show what changed and no transcription
 * replaces it (src/store refuses).
 */
import type { Channel, Segment, SegmentOriginal, SegmentWord, UnclearSpan } from '../store/records';
import { formatUnclear, unclearLabel } from '../transcribe/unclear-policy';
import { alignKeys, markerGuess, timedTokens, tokenize, tokenKey, type TimedToken } from './tokens';

/** The machine's version of a segment: its `original` once edited, else itself. */
export function originalOf(segment: Segment): SegmentOriginal {
  return segment.original ?? { text: segment.text, words: segment.words, unclear: segment.unclear, channel: segment.channel };
}

function edited(segment: Segment, changes: Partial<Segment>): Segment {
  return { ...segment, ...changes, source: 'edited', original: originalOf(segment) };
}

/** Words and unclear spans from timed tokens (markers become spans, the rest words). */
function wordsAndSpans(tokens: readonly TimedToken[]): { words: SegmentWord[]; unclear: UnclearSpan[] } {
  const words: SegmentWord[] = [];
  const unclear: UnclearSpan[] = [];
  for (const token of tokens) {
    if (token.marker) unclear.push(token.span);
    else words.push({ text: token.text, start: token.start, end: token.end, probability: token.probability });
  }
  return { words, unclear };
}

/** Pinned times for the tokens in a stretch of the new text (what was typed over an unclear span). */
interface Pin {
  from: number;
  to: number;
  start: number;
  end: number;
}

/**
 * Retimes a segment for new text: tokens that stayed (longest common
 * subsequence of words and markers) keep their times and spans; new ones take
 * the time between their neighbours, or their pin's time when they were typed
 * over an unclear span.
 */
function retime(segment: Segment, text: string, pins: readonly Pin[] = []): { words: SegmentWord[]; unclear: UnclearSpan[] } {
  const before = timedTokens(segment);
  const after = tokenize(text);
  const pairs = new Map(alignKeys(before.map(tokenKey), after.map(tokenKey)).map(([left, right]) => [right, before[left]!]));
  const timed: TimedToken[] = [];
  // Tokens with no old counterpart are placed evenly between the known neighbours (or inside their pin).
  let index = 0;
  let previousEnd = segment.start;
  while (index < after.length) {
    const kept = pairs.get(index);
    const token = after[index]!;
    if (kept) {
      timed.push(kept.marker ? { ...kept, ...token, marker: true } : { ...kept, ...token, marker: false });
      previousEnd = kept.end;
      index++;
      continue;
    }
    let next = index;
    while (next < after.length && !pairs.has(next)) next++;
    const run = after.slice(index, next);
    const nextStart = Math.max(previousEnd, pairs.get(next)?.start ?? segment.end);
    run.forEach((newToken, offset) => {
      const pin = pins.find((candidate) => newToken.from >= candidate.from && newToken.to <= candidate.to);
      const pinned = pin ? run.filter((other) => other.from >= pin.from && other.to <= pin.to) : null;
      const slot = pinned ? pinned.indexOf(newToken) : offset;
      const count = pinned ? pinned.length : run.length;
      const from = pin ? pin.start : previousEnd;
      const to = pin ? pin.end : nextStart;
      const step = (to - from) / count;
      const start = from + step * slot;
      // The last one ends exactly at the gap's end: no drift from adding steps.
      const end = slot === count - 1 ? to : from + step * (slot + 1);
      if (newToken.marker) {
        timed.push({ ...newToken, marker: true, start, end, index: 0, span: { start, end, guess: markerGuess(newToken.text) } });
      } else timed.push({ ...newToken, marker: false, start, end, probability: 1 });
    });
    previousEnd = nextStart;
    index = next;
  }
  return wordsAndSpans(timed);
}

/** The segment with its text replaced by what the researcher typed. */
export function editText(segment: Segment, text: string): Segment {
  const cleaned = text.replace(/[ \t]*\n[ \t]*/gu, ' ');
  if (cleaned === segment.text) return segment;
  return edited(segment, { text: cleaned, ...retime(segment, cleaned) });
}

/** What the researcher decided about one `[uklart]` span after listening again. */
export type UnclearResolution =
  /** It was heard: the marker becomes these words, timed within the span. */
  | { kind: 'heard'; text: string }
  /** It stays unclear, with a guess marked as one (`[uklart: ord?]`) or none; no longer counted as left. */
  | { kind: 'kept'; guess: string | null };

/** Resolves the `index`-th marker of the segment (0-based, in text order). */
export function resolveUnclear(segment: Segment, index: number, resolution: UnclearResolution, language: string): Segment {
  const marker = timedTokens(segment).filter((token) => token.marker)[index];
  if (!marker || !marker.marker) throw new RangeError(`Segment ${segment.id} has no [uklart] number ${index + 1}.`);
  if (resolution.kind === 'kept') {
    const replacement = formatUnclear(unclearLabel(language), resolution.guess);
    const text = segment.text.slice(0, marker.from) + replacement + segment.text.slice(marker.to);
    const unclear = segment.unclear.map((span, at) => (at === index ? { ...span, guess: resolution.guess?.trim() || null, kept: true } : span));
    return edited(segment, { text, unclear });
  }
  const heard = resolution.text.trim().replace(/\s+/gu, ' ');
  const text = (segment.text.slice(0, marker.from) + heard + segment.text.slice(marker.to)).replace(/ {2,}/gu, ' ').trim();
  const pin = { from: marker.from, to: marker.from + heard.length, start: marker.span.start, end: marker.span.end };
  return edited(segment, { text, ...retime(segment, text, heard ? [pin] : []) });
}

/** The segment spoken by someone else (a channel heard the other speaker; `mixed` made clear). */
export function setSpeaker(segment: Segment, channel: Channel): Segment {
  return segment.channel === channel ? segment : edited(segment, { channel });
}

/** Marked checked (read and listened to), or not. Does not make it `edited`: the text is the machine's still. */
export function setChecked(segment: Segment, checked: boolean): Segment {
  const { checked: _checked, ...rest } = segment;
  return checked ? { ...rest, checked: true } : rest;
}

/**
 * Splits a segment at an offset in its text: the first part keeps the id, the
 * second gets `newId`; the time between them is where the first part's last
 * word ends. Both keep the whole segment's `original`. Null if either part
 * would be empty.
 */
export function splitSegment(segment: Segment, offset: number, newId: string): [Segment, Segment] | null {
  const headText = segment.text.slice(0, offset).trim();
  const tailText = segment.text.slice(offset).trim();
  if (!headText || !tailText) return null;
  const tokens = timedTokens(segment);
  const head = tokens.filter((token) => token.to <= offset || token.from < offset);
  const tail = tokens.filter((token) => !head.includes(token));
  const cut = Math.min(Math.max(head.at(-1)?.end ?? segment.start, segment.start), segment.end);
  const base = { ...segment, source: 'edited' as const, original: originalOf(segment) };
  return [
    { ...base, end: cut, text: headText, ...wordsAndSpans(head) },
    { ...base, id: newId, start: cut, text: tailText, ...wordsAndSpans(tail) },
  ];
}

/**
 * One segment from two of the same speaker (the first keeps its id; the second
 * is to be deleted). Null when the speakers differ: change one's speaker first.
 */
export function mergeSegments(first: Segment, second: Segment): Segment | null {
  if (first.channel !== second.channel || first.sessionId !== second.sessionId) return null;
  const [earlier, later] = first.start <= second.start ? [first, second] : [second, first];
  const a = originalOf(earlier);
  const b = originalOf(later);
  const { checked: _checked, ...base } = earlier;
  return {
    ...base,
    id: first.id,
    start: Math.min(earlier.start, later.start),
    end: Math.max(earlier.end, later.end),
    text: `${earlier.text.trim()} ${later.text.trim()}`.trim(),
    words: [...earlier.words, ...later.words],
    unclear: [...earlier.unclear, ...later.unclear],
    source: 'edited',
    original: { text: `${a.text.trim()} ${b.text.trim()}`.trim(), words: [...a.words, ...b.words], unclear: [...a.unclear, ...b.unclear], channel: a.channel },
    ...(earlier.checked && later.checked ? { checked: true } : {}),
  };
}

/** The researcher takes the full-quality pass's reading kept beside their text: it becomes the text (an edit of theirs). */
export function takeFinalReading(segment: Segment): Segment {
  const reading = segment.finalReading;
  if (!reading) return segment;
  const { finalReading: _taken, ...rest } = edited(segment, { text: reading.text, words: reading.words, unclear: reading.unclear });
  return rest;
}

/** The researcher dismisses the pass's reading: their text stays as it was. */
export function dismissFinalReading(segment: Segment): Segment {
  if (!segment.finalReading) return segment;
  const { finalReading: _dismissed, ...rest } = segment;
  return rest;
}
