/**
 * Marking a passage as a quote: from a start and an end in the transcript (a
 * segment and a character offset each) to the passage's text, with a little of
 * what was said before and after so the participant reads it in context.
 */
import type { QuoteAnchor, Segment } from '../store/records';

/** Words of context kept on each side: about a sentence. */
export const CONTEXT_WORDS = 15;

export interface MarkedPassage {
  start: QuoteAnchor;
  end: QuoteAnchor;
  /** Seconds from session start where the first segment begins. */
  time: number;
  text: string;
  contextBefore: string;
  contextAfter: string;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

function joinTexts(texts: readonly string[]): string {
  return texts.map((text) => text.trim()).filter((text) => text !== '').join(' ');
}

/**
 * The passage between two anchors in `segments` (a session's, in time order);
 * anchors given the wrong way round are swapped. Null when an anchor names no
 * segment or the passage is empty. Offsets are clamped to the segment's text
 * and widened to whole words, so a sloppy selection never cuts a word in half.
 */
export function markPassage(segments: readonly Segment[], from: QuoteAnchor, to: QuoteAnchor, contextWords = CONTEXT_WORDS): MarkedPassage | null {
  let first = segments.findIndex((segment) => segment.id === from.segmentId);
  let last = segments.findIndex((segment) => segment.id === to.segmentId);
  if (first < 0 || last < 0) return null;
  // A collapsed selection (a click) is no passage, even inside a word.
  if (first === last && from.offset === to.offset) return null;
  let startOffset = from.offset;
  let endOffset = to.offset;
  if (first > last || (first === last && startOffset > endOffset)) {
    [first, last] = [last, first];
    [startOffset, endOffset] = [endOffset, startOffset];
  }
  const firstText = segments[first]!.text;
  const lastText = segments[last]!.text;
  startOffset = clamp(startOffset, 0, firstText.length);
  endOffset = clamp(endOffset, 0, lastText.length);
  while (startOffset > 0 && /[\p{L}\p{N}]/u.test(firstText[startOffset - 1]!)) startOffset -= 1;
  while (endOffset < lastText.length && /[\p{L}\p{N}]/u.test(lastText[endOffset]!)) endOffset += 1;
  const parts =
    first === last
      ? [firstText.slice(startOffset, endOffset)]
      : [firstText.slice(startOffset), ...segments.slice(first + 1, last).map((segment) => segment.text), lastText.slice(0, endOffset)];
  const text = joinTexts(parts);
  if (text === '') return null;
  const before = joinTexts([...segments.slice(0, first).map((segment) => segment.text), firstText.slice(0, startOffset)]);
  const after = joinTexts([lastText.slice(endOffset), ...segments.slice(last + 1).map((segment) => segment.text)]);
  return {
    start: { segmentId: segments[first]!.id, offset: startOffset },
    end: { segmentId: segments[last]!.id, offset: endOffset },
    time: segments[first]!.start,
    text,
    contextBefore: before.split(/\s+/).filter(Boolean).slice(-contextWords).join(' '),
    contextAfter: after.split(/\s+/).filter(Boolean).slice(0, contextWords).join(' '),
  };
}
