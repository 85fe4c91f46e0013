/**
 * Which guide question each part of the transcript belongs to, from the
 * coverage marks: a segment belongs to the question marked most recently
 * (asked, covered or declined, by hand or a confirmed suggestion; a probe counts
 * for its question) at or before the segment's end. Marks come while or just
 * after a question is asked, so the question's own words are counted in.
 * Segments before the first mark belong to none.
 */
import type { CoverageEvent, CoverageState } from '../coverage/model';
import type { Guide } from '../guide/model';
import type { ExportSession } from './types';

const MARKING_STATES: ReadonlySet<CoverageState> = new Set(['asked', 'covered', 'declined']);

/** Question id of every question and probe id of the guide. */
function questionOfItem(guide: Guide): Map<string, string> {
  const map = new Map<string, string>();
  for (const section of guide.sections) {
    for (const question of section.questions) {
      map.set(question.id, question.id);
      for (const probe of question.probes) map.set(probe.id, question.id);
    }
  }
  return map;
}

/** Marks in time order: seconds from the session's start, and the question. */
function questionMarks(input: ExportSession): { at: number; questionId: string }[] {
  const questions = questionOfItem(input.guide);
  return input.coverage
    .filter((event: CoverageEvent) => MARKING_STATES.has(event.state) && event.source !== 'suggested')
    .flatMap((event) => {
      const questionId = questions.get(event.itemId);
      return questionId === undefined ? [] : [{ at: (event.time - input.session.startedAt) / 1000, questionId }];
    })
    .sort((left, right) => left.at - right.at);
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
