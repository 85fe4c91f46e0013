/** Replacing found occurrences in one text, keeping where each change landed. */
import type { KeyListKind } from '../store/records';
import { findOccurrences, replacementFor, type Replacement } from './occurrences';

/** One change to a text: `[start, end)` of the text before is replaced by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  kind: KeyListKind;
}

/**
 * One replaced stretch, in both texts. `real` holds what was there: keep it in
 * memory only (to show the change); the real name is stored in the key list alone.
 */
export interface ReplacedSpan {
  /** `[start, end)` in the text before. */
  start: number;
  end: number;
  /** `[newStart, newEnd)` in the text after. */
  newStart: number;
  newEnd: number;
  real: string;
  fictive: string;
  kind: KeyListKind;
}

export interface ReplacedText {
  text: string;
  /** In text order; empty when nothing changed. */
  spans: ReplacedSpan[];
}

/** Applies edits that do not overlap (overlapping ones after the first are dropped). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): ReplacedText {
  const sorted = [...edits].sort((left, right) => left.start - right.start);
  const spans: ReplacedSpan[] = [];
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end > text.length || edit.start > edit.end) continue;
    result += text.slice(cursor, edit.start);
    const newStart = result.length;
    result += edit.text;
    spans.push({ start: edit.start, end: edit.end, newStart, newEnd: result.length, real: text.slice(edit.start, edit.end), fictive: edit.text, kind: edit.kind });
    cursor = edit.end;
  }
  result += text.slice(cursor);
  return { text: result, spans };
}

/** The edits that put the replacement list's fictive names into `text`. */
export function replacementEdits(text: string, replacements: readonly Replacement[]): TextEdit[] {
  return findOccurrences(text, replacements)
    .filter((occurrence) => occurrence.replacement.fictive.trim() !== '')
    .map((occurrence) => ({ start: occurrence.start, end: occurrence.end, text: replacementFor(occurrence), kind: occurrence.replacement.kind }));
}

/** `text` with every real term of the list replaced by its fictive one ("Karis" → "Linas"). */
export function pseudonymiseText(text: string, replacements: readonly Replacement[]): ReplacedText {
  return applyTextEdits(text, replacementEdits(text, replacements));
}
