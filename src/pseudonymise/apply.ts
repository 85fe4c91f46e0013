/**
 * Applying replacements to transcript segments: the text, and the word list so
 * the word times survive where the replaced text lines up with words. A word
 * list that cannot be lined up with the text is dropped rather than kept, since
 * it would still spell out the real name.
 */
import type { KeyListKind, Note, Segment, SegmentWord } from '../store/records';
import type { Replacement } from './occurrences';
import { applyTextEdits, pseudonymiseText, replacementEdits, type ReplacedSpan, type TextEdit } from './replace';

/** One accepted suggestion: the stretch `[start, end)` of a segment's text becomes `fictive`. */
export interface AcceptedReplacement {
  segmentId: string;
  start: number;
  end: number;
  fictive: string;
  kind: KeyListKind;
}

/** A segment after replacing: the new record to store, the one it replaces, and what changed. */
export interface ChangedSegment<S extends Segment = Segment> {
  segment: S;
  previous: S;
  spans: ReplacedSpan[];
  /** False when the words could not be lined up with the text and were dropped (their times with them). */
  wordsKept: boolean;
}

/** Each word's `[start, end)` in the text (its text trimmed), found in order; null if one is missing. */
function locateWords(text: string, words: readonly SegmentWord[]): { start: number; end: number }[] | null {
  const ranges: { start: number; end: number }[] = [];
  let cursor = 0;
  for (const word of words) {
    const needle = word.text.trim();
    if (needle === '') {
      ranges.push({ start: cursor, end: cursor });
      continue;
    }
    const start = text.indexOf(needle, cursor);
    if (start < 0) return null;
    ranges.push({ start, end: start + needle.length });
    cursor = start + needle.length;
  }
  return ranges;
}

/**
 * The words after the edits: words an edit touches become one word (the first's
 * start time, the last's end time) holding the new text of that stretch; the rest
 * are kept as they were.
 */
function rewriteWords(oldText: string, newText: string, words: readonly SegmentWord[], spans: readonly ReplacedSpan[]): SegmentWord[] | null {
  const ranges = locateWords(oldText, words);
  if (!ranges) return null;
  const shift = (position: number) => {
    let delta = 0;
    for (const span of spans) if (span.end <= position) delta += span.newEnd - span.newStart - (span.end - span.start);
    return position + delta;
  };
  const touches = (range: { start: number; end: number }, span: ReplacedSpan) => range.start < span.end && span.start < range.end;
  const result: SegmentWord[] = [];
  let index = 0;
  while (index < words.length) {
    const range = ranges[index]!;
    if (!spans.some((span) => touches(range, span))) {
      result.push(words[index]!);
      index += 1;
      continue;
    }
    // Grow a group over every word linked to it through an edit.
    let groupStart = range.start;
    let groupEnd = range.end;
    let last = index;
    for (;;) {
      const covering = spans.filter((span) => span.start < groupEnd && groupStart < span.end);
      for (const span of covering) {
        groupStart = Math.min(groupStart, span.start);
        groupEnd = Math.max(groupEnd, span.end);
      }
      const next = ranges[last + 1];
      if (next && next.start < groupEnd) {
        last += 1;
        groupEnd = Math.max(groupEnd, next.end);
        continue;
      }
      break;
    }
    const first = words[index]!;
    const leading = first.text.match(/^\s*/)?.[0] ?? '';
    result.push({ text: leading + newText.slice(shift(groupStart), shift(groupEnd)), start: first.start, end: words[last]!.end, probability: 1 });
    index = last + 1;
  }
  return result;
}

/**
 * The unclear spans with `list` applied to their guesses: a kept guess
 * ("[uklart: Gjøvik?]") may name someone as much as the text does, and is stored
 * beside it even when the text shows no guess. Null when no guess changed.
 */
function replaceInGuesses(unclear: Segment['unclear'], list: readonly Replacement[]): Segment['unclear'] | null {
  let changed = false;
  const result = unclear.map((span) => {
    if (span.guess === null) return span;
    const { text, spans } = pseudonymiseText(span.guess, list);
    if (spans.length === 0) return span;
    changed = true;
    return { ...span, guess: text };
  });
  return changed ? result : null;
}

/**
 * One segment with the edits applied (and `guessList` applied to its unclear
 * guesses); null when nothing changed.
 */
export function applyEditsToSegment<S extends Segment>(segment: S, edits: readonly TextEdit[], guessList: readonly Replacement[] = []): ChangedSegment<S> | null {
  const { text, spans } = applyTextEdits(segment.text, edits);
  // The stretches replaced in the text are replaced in the guesses too ("Karis" → "Linas").
  const pairs = [...guessList, ...spans.map((span) => ({ real: span.real, fictive: span.fictive, kind: span.kind }))];
  const unclear = replaceInGuesses(segment.unclear, pairs);
  if (spans.length === 0 && unclear === null) return null;
  const words = segment.words.length === 0 || spans.length === 0 ? segment.words : rewriteWords(segment.text, text, segment.words, spans);
  const changed: S = { ...segment, text, words: words ?? [], unclear: unclear ?? segment.unclear, source: 'edited' };
  return { segment: changed, previous: segment, spans, wordsKept: words !== null };
}

/** Applies accepted suggestions; returns only the segments that changed, in the order given. */
export function applyAcceptedReplacements<S extends Segment>(segments: readonly S[], accepted: readonly AcceptedReplacement[]): ChangedSegment<S>[] {
  const changed: ChangedSegment<S>[] = [];
  for (const segment of segments) {
    const edits = accepted
      .filter((replacement) => replacement.segmentId === segment.id)
      .map(({ start, end, fictive, kind }) => ({ start, end, text: fictive, kind }));
    const result = edits.length === 0 ? null : applyEditsToSegment(segment, edits);
    if (result) changed.push(result);
  }
  return changed;
}

/** Applies the whole replacement list everywhere ("always"), unclear guesses included; returns only the segments that changed. */
export function applyReplacementList<S extends Segment>(segments: readonly S[], replacements: readonly Replacement[]): ChangedSegment<S>[] {
  const changed: ChangedSegment<S>[] = [];
  for (const segment of segments) {
    const result = applyEditsToSegment(segment, replacementEdits(segment.text, replacements), replacements);
    if (result) changed.push(result);
  }
  return changed;
}

/** What an export reads that holds what was said: an `ExportSession` (src/export) is one. */
export interface TranscriptContent {
  segments: readonly Segment[];
  notes: readonly Note[];
}

/**
 * The input with the replacement list applied to every segment and note, for an
 * export: every exporter is handed this unless the researcher chose, and the
 * choice was logged (`logRealNameExport`), to export real names. The rest of the
 * input is passed through; nothing is stored. Usage: `exportDocx(pseudonymiseTranscript(input, list))`.
 */
export function pseudonymiseTranscript<T extends TranscriptContent>(
  input: T,
  replacements: readonly Replacement[],
): T & { segments: T['segments'][number][]; notes: T['notes'][number][] } {
  const changed = new Map(applyReplacementList(input.segments, replacements).map((entry) => [entry.segment.id, entry.segment]));
  const segments = input.segments.map((segment) => changed.get(segment.id) ?? segment);
  const notes = input.notes.map((note) => {
    const { text, spans } = applyTextEdits(note.text, replacementEdits(note.text, replacements));
    return spans.length === 0 ? note : { ...note, text };
  });
  return { ...input, segments, notes };
}
