/**
 * Putting the two channels' segments together: one time-ordered transcript,
 * the regions where both people spoke at once, provisional segments replaced
 * by final ones, and consecutive segments of one speaker joined into turns.
 *
 * The types are structural so the transcript domain's own segment records can
 * pass straight through; only the fields named here are read.
 */
import type { TimeSpan } from './unclear-policy';

/** Who a channel records: microphone = interviewer, tab audio = participant (docs/architecture.md). */
export type Channel = 'interviewer' | 'participant';

/** The fields of a segment this module reads. */
export interface MergeableSegment {
  /** The VAD utterance the segment transcribes; a final segment replaces provisional ones with the same id. */
  utteranceId: string;
  channel: Channel;
  start: number;
  end: number;
  /** True for a live, provisional decode that a final decode will replace. */
  provisional: boolean;
  /** Word times when known; overlap detection falls back to the segment's span without them. */
  words?: readonly { start: number; end: number }[];
}

// The same range type the [uklart] policy takes its `overlaps` in.
type TimeRange = TimeSpan;

const channelOrder: Record<Channel, number> = { interviewer: 0, participant: 1 };

/** Orders segments by start (then end, then interviewer first) — stable for equal keys. */
export function compareSegments(first: MergeableSegment, second: MergeableSegment): number {
  return first.start - second.start || first.end - second.end || channelOrder[first.channel] - channelOrder[second.channel];
}

/** Both channels' segments in one time-ordered list for display and export. */
export function mergeChannels<T extends MergeableSegment>(...channels: readonly (readonly T[])[]): T[] {
  return channels.flat().sort(compareSegments);
}

/** Sorted, merged ranges: overlapping or touching ranges become one. */
export function unionRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((range) => range.end > range.start).sort((first, second) => first.start - second.start);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ start: range.start, end: range.end });
  }
  return merged;
}

/** Times covered by both lists of sorted, merged ranges. */
export function intersectRanges(first: readonly TimeRange[], second: readonly TimeRange[]): TimeRange[] {
  const result: TimeRange[] = [];
  let firstIndex = 0;
  let secondIndex = 0;
  while (firstIndex < first.length && secondIndex < second.length) {
    const a = first[firstIndex] as TimeRange;
    const b = second[secondIndex] as TimeRange;
    const start = Math.max(a.start, b.start);
    const end = Math.min(a.end, b.end);
    if (end > start) result.push({ start, end });
    if (a.end < b.end) firstIndex++;
    else secondIndex++;
  }
  return result;
}

function speechRanges(segments: readonly MergeableSegment[]): TimeRange[] {
  return unionRanges(
    segments.flatMap((segment) =>
      segment.words !== undefined && segment.words.length > 0 ? segment.words : [{ start: segment.start, end: segment.end }],
    ),
  );
}

/**
 * Regions where both channels have words at the same time (crosstalk), merged
 * and at least `minimumSeconds` long. Uses word times where the segments have
 * them, so a pause inside the other person's segment is not counted.
 */
export function findOverlaps(segments: readonly MergeableSegment[], minimumSeconds = 0): TimeRange[] {
  const interviewer = speechRanges(segments.filter((segment) => segment.channel === 'interviewer'));
  const participant = speechRanges(segments.filter((segment) => segment.channel === 'participant'));
  return intersectRanges(interviewer, participant).filter((range) => range.end - range.start >= minimumSeconds);
}

/**
 * Adds `incoming` to a time-ordered list. A final segment replaces every
 * segment of the same utterance (provisional or an older final); a provisional
 * one replaces older provisional ones but is dropped when the final already
 * arrived, since messages from the worker can arrive out of order.
 */
export function applySegmentUpdate<T extends MergeableSegment>(segments: readonly T[], incoming: T): T[] {
  const sameUtterance = (segment: T): boolean =>
    segment.utteranceId === incoming.utteranceId && segment.channel === incoming.channel;
  if (incoming.provisional && segments.some((segment) => sameUtterance(segment) && !segment.provisional)) {
    return segments.slice();
  }
  return [...segments.filter((segment) => !sameUtterance(segment)), incoming].sort(compareSegments);
}

/** One speaker turn: consecutive segments of one channel. */
export interface Turn<T extends MergeableSegment> {
  channel: Channel;
  start: number;
  end: number;
  segments: T[];
}

/** Default pause (seconds) after which the same speaker's next segment starts a new turn. */
export const DEFAULT_TURN_GAP_SECONDS = 2;

/**
 * Joins time-ordered segments into turns: a segment continues the current turn
 * when it has the same channel and starts less than `maximumGapSeconds` after
 * the turn's end. Any segment of the other channel in between starts a new turn.
 */
export function joinTurns<T extends MergeableSegment>(
  segments: readonly T[],
  maximumGapSeconds: number = DEFAULT_TURN_GAP_SECONDS,
): Turn<T>[] {
  const turns: Turn<T>[] = [];
  for (const segment of [...segments].sort(compareSegments)) {
    const current = turns[turns.length - 1];
    if (current !== undefined && current.channel === segment.channel && segment.start - current.end < maximumGapSeconds) {
      current.segments.push(segment);
      current.end = Math.max(current.end, segment.end);
    } else {
      turns.push({ channel: segment.channel, start: segment.start, end: segment.end, segments: [segment] });
    }
  }
  return turns;
}
