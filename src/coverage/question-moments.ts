/**
 * When each guide question came up in a session: the moments it became the
 * current question (`Session.currentChanges`) and the moments it was marked
 * (asked, covered or declined; by hand or a confirmed suggestion). A probe counts
 * for its question. The session view places a question's heading at its first
 * moment; the exports code each stretch of transcript with the question of the
 * latest moment at or before it. Sessions stored before current changes were
 * logged have marks only.
 */
import type { Guide } from '../guide/model';
import { guideItems } from '../guide/versions';
import type { CoverageEvent, CoverageState } from './model';

const MARKING_STATES: ReadonlySet<CoverageState> = new Set(['asked', 'covered', 'declined']);

/** One moment a question came up, in seconds from the session's start. */
export interface QuestionMoment {
  at: number;
  questionId: string;
  /** Became current, or marked. */
  by: 'current' | 'mark';
}

/** The question of every question and probe id of the guide. */
function questionOfItem(guide: Guide): Map<string, string> {
  return new Map(guideItems(guide).map((item) => [item.id, item.questionId]));
}

/** Every moment a question came up, in time order (items not in the guide left out). */
export function questionMoments(input: {
  guide: Guide;
  coverage: readonly CoverageEvent[];
  /** `Session.currentChanges`: item ids and ms since epoch. */
  currentChanges?: readonly { itemId: string; at: number }[] | undefined;
  /** ms since epoch. */
  sessionStartedAt: number;
}): QuestionMoment[] {
  const questions = questionOfItem(input.guide);
  const seconds = (time: number) => (time - input.sessionStartedAt) / 1000;
  const moments: QuestionMoment[] = [];
  for (const change of input.currentChanges ?? []) {
    const questionId = questions.get(change.itemId);
    if (questionId !== undefined) moments.push({ at: seconds(change.at), questionId, by: 'current' });
  }
  for (const event of input.coverage) {
    if (!MARKING_STATES.has(event.state) || event.source === 'suggested') continue;
    const questionId = questions.get(event.itemId);
    if (questionId !== undefined) moments.push({ at: seconds(event.time), questionId, by: 'mark' });
  }
  // Stable: at the same moment, a question becoming current comes before its mark.
  return moments.sort((left, right) => left.at - right.at);
}
