import type { Guide } from '../guide';
import { guideItems } from '../guide';
import type { CoverageEvent, CoverageItemKind, CoverageState } from './model';

/** The current state of every item that has one: its latest event wins. */
export function latestStates(events: readonly CoverageEvent[]): Map<string, CoverageState> {
  const latest = new Map<string, CoverageEvent>();
  for (const event of events) {
    const previous = latest.get(event.itemId);
    if (!previous || previous.time <= event.time) latest.set(event.itemId, event);
  }
  return new Map([...latest].map(([id, event]) => [id, event.state]));
}

/** The state of one item, `pending` until something was marked. */
export function stateOf(states: ReadonlyMap<string, CoverageState>, itemId: string): CoverageState {
  return states.get(itemId) ?? 'pending';
}

/** The ids of the guide's questions, in the order they are asked. */
export function questionOrder(guide: Guide): string[] {
  return guideItems(guide)
    .filter((item) => item.kind === 'question')
    .map((item) => item.id);
}

/** The question after (or before) the current one; the first question when none is current. */
export function neighbourQuestion(guide: Guide, currentId: string | null, direction: 1 | -1): string | null {
  const order = questionOrder(guide);
  if (order.length === 0) return null;
  if (currentId === null) return order[0] ?? null;
  const item = guideItems(guide).find((candidate) => candidate.id === currentId);
  const questionId = item ? (item.kind === 'question' ? item.id : item.questionId) : null;
  const index = questionId === null ? -1 : order.indexOf(questionId);
  if (index === -1) return order[0] ?? null;
  const next = Math.min(order.length - 1, Math.max(0, index + direction));
  return order[next] ?? null;
}

/** What kind of guide item an id names, or null when the guide has no such item. */
export function itemKindOf(guide: Guide, itemId: string): CoverageItemKind | null {
  return guideItems(guide).find((item) => item.id === itemId)?.kind ?? null;
}

/** The section an item belongs to, or null when the guide has no such item. */
export function sectionOf(guide: Guide, itemId: string): string | null {
  return guideItems(guide).find((item) => item.id === itemId)?.sectionId ?? null;
}

/** The question an item belongs to (itself for a question), or null when the guide has no such item. */
export function questionOf(guide: Guide, itemId: string): string | null {
  return guideItems(guide).find((item) => item.id === itemId)?.questionId ?? null;
}

/**
 * The current item after a mark: the current question follows what was asked or
 * marked last, so notes land on it and its section's clock runs. A mark taken
 * back moves nothing; nor does a probe the participant's talk covered (a
 * participant often answers ahead of the guide, while the interviewer stays on
 * the question at hand). Within the same question the current item stays (it
 * may be one of its probes).
 */
export function currentAfterMark(
  guide: Guide,
  currentItemId: string | null,
  mark: Pick<CoverageEvent, 'itemId' | 'itemKind' | 'state' | 'source'>,
): string | null {
  if (mark.state === 'pending') return currentItemId;
  if (mark.itemKind === 'probe' && mark.source !== 'manual') return currentItemId;
  const question = questionOf(guide, mark.itemId);
  if (question === null) return currentItemId;
  const currentQuestion = currentItemId === null ? null : questionOf(guide, currentItemId);
  return currentQuestion === question ? currentItemId : question;
}
