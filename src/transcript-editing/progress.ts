/** How far the researcher has come with a transcript. */
import type { Segment } from '../store/records';
import { tokenize } from './tokens';

export interface TranscriptProgress {
  segments: number;
  checked: number;
  edited: number;
  /** `[uklart]` markers not yet resolved or kept on purpose. */
  unclearLeft: number;
}

/** The markers of a segment still to resolve (kept ones do not count). */
export function unresolvedMarkers(segment: Segment): number[] {
  const markers = tokenize(segment.text).filter((token) => token.marker);
  return markers.flatMap((_marker, index) => (segment.unclear[index]?.kept ? [] : [index]));
}

export function transcriptProgress(segments: readonly Segment[]): TranscriptProgress {
  let checked = 0;
  let edited = 0;
  let unclearLeft = 0;
  for (const segment of segments) {
    if (segment.checked) checked++;
    if (segment.source === 'edited') edited++;
    unclearLeft += unresolvedMarkers(segment).length;
  }
  return { segments: segments.length, checked, edited, unclearLeft };
}

/** Where the next (or previous) unresolved `[uklart]` is from a position, wrapping round; null when none is left. */
export function nextUnclear(
  segments: readonly Segment[],
  from: { segmentIndex: number; marker: number } | null,
  direction: 1 | -1 = 1,
): { segmentId: string; marker: number } | null {
  const all = segments.flatMap((segment, segmentIndex) => unresolvedMarkers(segment).map((marker) => ({ segmentIndex, marker, segmentId: segment.id })));
  if (all.length === 0) return null;
  const after = (item: { segmentIndex: number; marker: number }) =>
    !from || item.segmentIndex > from.segmentIndex || (item.segmentIndex === from.segmentIndex && item.marker > from.marker);
  const before = (item: { segmentIndex: number; marker: number }) =>
    !from || item.segmentIndex < from.segmentIndex || (item.segmentIndex === from.segmentIndex && item.marker < from.marker);
  const found = direction === 1 ? (all.find(after) ?? all[0]) : ([...all].reverse().find(before) ?? all.at(-1));
  return found ? { segmentId: found.segmentId, marker: found.marker } : null;
}
