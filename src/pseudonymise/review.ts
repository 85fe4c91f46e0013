/**
 * What one decision in the review does: "replace here" changes the one
 * occurrence, "always" every occurrence of the pair in the transcript; either way
 * a pair the list lacks is to be added to it, since the real name is kept only
 * there. Pure: the caller stores the entry and the segments.
 */
import type { KeyListKind, Segment } from '../store/records';
import { applyAcceptedReplacements, applyReplacementList, type ChangedSegment } from './apply';
import { replacementConflict, type ReplacementConflict } from './conflicts';
import { findOccurrences, type Replacement } from './occurrences';
import type { Suggestion } from './suggest';

export interface ReviewChoice {
  suggestion: Suggestion;
  /** The fictive text for this occurrence, as the researcher left it. */
  fictive: string;
  kind: KeyListKind;
  /** "Always": apply the pair to every occurrence, not this one only. */
  everywhere: boolean;
}

export type ReviewOutcome<S extends Segment> =
  | {
      ok: true;
      /** The pair to add to the key list; null when the suggestion is a term the list has already. */
      newEntry: Replacement | null;
      changed: ChangedSegment<S>[];
      /** Every pair applied, for the caller to apply to other copies of the text (the machine original). */
      pairs: Replacement[];
    }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'conflict'; conflict: ReplacementConflict };

/**
 * A key for a suggestion that survives replacements elsewhere in its segment
 * (offsets and context shift; the how-many-th occurrence of its text does not):
 * for remembering what was skipped.
 */
export function suggestionKey(suggestion: Suggestion, segmentText: string): string {
  let earlier = 0;
  for (let index = segmentText.indexOf(suggestion.text); index >= 0 && index < suggestion.start; index = segmentText.indexOf(suggestion.text, index + 1)) earlier += 1;
  return `${suggestion.segmentId}|${suggestion.text}|${earlier}`;
}

/** Two passes over the same segments as one change per segment: the latest text, the first `previous`, all spans. */
function mergeChanges<S extends Segment>(first: ChangedSegment<S>[], second: ChangedSegment<S>[]): ChangedSegment<S>[] {
  const merged = new Map(first.map((entry) => [entry.segment.id, entry]));
  for (const entry of second) {
    const earlier = merged.get(entry.segment.id);
    merged.set(
      entry.segment.id,
      earlier ? { segment: entry.segment, previous: earlier.previous, spans: [...earlier.spans, ...entry.spans], wordsKept: earlier.wordsKept && entry.wordsKept } : entry,
    );
  }
  return [...merged.values()];
}

/** The outcome of accepting a suggestion (here or always) against the current list. */
export function acceptSuggestion<S extends Segment>(segments: readonly S[], list: readonly Replacement[], choice: ReviewChoice): ReviewOutcome<S> {
  const { suggestion, kind, everywhere } = choice;
  const fictive = choice.fictive.trim();
  if (fictive === '') return { ok: false, reason: 'empty' };
  // The list's own entry when the suggestion is one of its terms, in any form ("Karis" of "Kari").
  const known = findOccurrences(suggestion.text, list).find((occurrence) => occurrence.start === 0 && occurrence.end === suggestion.text.length)?.replacement;
  const single: Replacement = { real: suggestion.text, fictive, kind };
  const conflict = replacementConflict(list, known ? { ...single, real: known.real } : single);
  if (conflict) return { ok: false, reason: 'conflict', conflict };
  const pair = known ?? single;
  const accepted = applyAcceptedReplacements(segments, [{ segmentId: suggestion.segmentId, start: suggestion.start, end: suggestion.end, fictive, kind }]);
  if (!everywhere) return { ok: true, newEntry: known ? null : single, changed: accepted, pairs: [single] };
  const afterAccept = segments.map((segment) => accepted.find((entry) => entry.segment.id === segment.id)?.segment ?? segment);
  return {
    ok: true,
    newEntry: known ? null : single,
    changed: mergeChanges(accepted, applyReplacementList(afterAccept, [pair])),
    pairs: known ? [single, known] : [single],
  };
}
