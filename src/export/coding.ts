/**
 * Which guide question each part of the transcript belongs to: a segment
 * belongs to the question that came up most recently (became the current
 * question, or was marked asked, covered or declined by hand or as a confirmed
 * suggestion; a probe counts for its question; see
 * src/coverage/question-moments.ts) at or before the segment's end. Marks come
 * while or just after a question is asked, so the question's own words are
 * counted in. Segments before the first such moment belong to none.
 */
import { questionMoments } from '../coverage/question-moments';
import type { ExportSession } from './types';

/** Moments in time order: seconds from the session's start, and the question. */
function questionMarks(input: ExportSession): { at: number; questionId: string }[] {
  return questionMoments({ guide: input.guide, coverage: input.coverage, currentChanges: input.session.currentChanges, sessionStartedAt: input.session.startedAt });
}

/** One run of consecutive segments that belong to the same question. */
export interface QuestionStretch {
  questionId: string;
  /** Segment ids, in transcript order. */
  segmentIds: string[];
}

/** The transcript's segments grouped into runs of one question (segments before any mark left out). */
export function questionStretches(input: ExportSession, segmentIds: readonly string[]): QuestionStretch[] {
  const marks = questionMarks(input);
  const byId = new Map(input.segments.map((segment) => [segment.id, segment]));
  const stretches: QuestionStretch[] = [];
  let markIndex = -1;
  let previous: string | null = null;
  for (const id of segmentIds) {
    const segment = byId.get(id);
    if (!segment) continue;
    // Segments come in time order, so the latest mark only moves forward (re-checked from the start if not).
    if (markIndex >= 0 && (marks[markIndex]?.at ?? 0) > segment.end) markIndex = -1;
    while (markIndex + 1 < marks.length && (marks[markIndex + 1]?.at ?? Infinity) <= segment.end) markIndex++;
    const questionId = markIndex >= 0 ? (marks[markIndex]?.questionId ?? null) : null;
    if (questionId === null) {
      previous = null;
      continue;
    }
    const last = stretches.at(-1);
    if (last && previous === questionId) last.segmentIds.push(id);
    else stretches.push({ questionId, segmentIds: [id] });
    previous = questionId;
  }
  return stretches;
}
