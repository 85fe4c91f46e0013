import type { Guide } from '../guide';
import { guideItems } from '../guide';
import type { CoverageEvent, CoverageState } from './model';

/**
 * A section is flagged as running long once it is this far over its planned
 * minutes: a few seconds over is not worth the interviewer's attention.
 */
export const SECTION_OVER_GRACE_MS = 60_000;
/**
 * The end phase (open must-ask questions and the closing items come up) begins when
 * the planned time left is at most this share of the plan or END_PHASE_MIN_MS,
 * whichever comes first: 10 minutes before the end of a 60-minute interview, 18 before
 * the end of a 2-hour one. An interview planned at 10 minutes or less is in it from the start.
 */
export const END_PHASE_SHARE = 0.15;
export const END_PHASE_MIN_MS = 10 * 60_000;

export interface Pacing {
  elapsedMs: number;
  plannedMs: number;
  /** Negative once the interview runs over its planned length. */
  remainingMs: number;
  currentSectionId: string | null;
  /** Time spent in the current section; null before anything happened in it. */
  sectionElapsedMs: number | null;
  sectionPlannedMs: number | null;
  /** Whole minutes the current section runs over its plan, once past SECTION_OVER_GRACE_MS; null when not flagged. */
  sectionOverMinutes: number | null;
  /** True once the interview nears (or passes) its planned end: see END_PHASE_SHARE. */
  nearEnd: boolean;
}

/**
 * The clock against the plan. A section's time starts at the first thing marked
 * in it (for the first section: the start of the interview), which is when the
 * interviewer visibly began working through it.
 */
export function computePacing(input: {
  guide: Guide;
  startedAt: number;
  endedAt?: number | null;
  now: number;
  currentItemId: string | null;
  events: readonly CoverageEvent[];
}): Pacing {
  const { guide, startedAt, events } = input;
  const end = input.endedAt ?? input.now;
  const elapsedMs = Math.max(0, end - startedAt);
  const plannedMs = guide.plannedMinutes * 60_000;
  const items = guideItems(guide);
  const currentSectionId =
    items.find((item) => item.id === input.currentItemId)?.sectionId ?? guide.sections[0]?.id ?? null;
  const section = guide.sections.find((candidate) => candidate.id === currentSectionId);
  let sectionStart: number | null = null;
  if (section) {
    const ids = new Set(items.filter((item) => item.sectionId === section.id).map((item) => item.id));
    for (const event of events) {
      if (ids.has(event.itemId) && (sectionStart === null || event.time < sectionStart)) sectionStart = event.time;
    }
    if (section.id === guide.sections[0]?.id) sectionStart = startedAt;
  }
  const sectionElapsedMs = sectionStart === null ? null : Math.max(0, end - sectionStart);
  const sectionPlannedMs = section?.plannedMinutes == null ? null : section.plannedMinutes * 60_000;
  const overMs = sectionElapsedMs !== null && sectionPlannedMs !== null ? sectionElapsedMs - sectionPlannedMs : null;
  const remainingMs = plannedMs - elapsedMs;
  return {
    elapsedMs,
    plannedMs,
    remainingMs,
    currentSectionId,
    sectionElapsedMs,
    sectionPlannedMs,
    sectionOverMinutes: overMs !== null && overMs >= SECTION_OVER_GRACE_MS ? Math.floor(overMs / 60_000) : null,
    nearEnd: remainingMs <= endPhaseMs(plannedMs),
  };
}

/** How long before the planned end the end phase begins. */
export function endPhaseMs(plannedMs: number): number {
  return Math.max(plannedMs * END_PHASE_SHARE, END_PHASE_MIN_MS);
}

/** A must-ask question's state counts as open until it was asked, covered or declined by the participant. */
const DONE: ReadonlySet<CoverageState> = new Set(['asked', 'covered', 'declined']);

/** Must-ask questions not yet asked (pending, or skipped), in guide order, with their section. */
export function openMustAsk(
  guide: Pick<Guide, 'sections'>,
  states: ReadonlyMap<string, CoverageState>,
): { questionId: string; sectionId: string; text: string }[] {
  return guide.sections.flatMap((section) =>
    section.questions
      .filter((question) => question.mustAsk === true && !DONE.has(states.get(question.id) ?? 'pending'))
      .map((question) => ({ questionId: question.id, sectionId: section.id, text: question.text })),
  );
}

/** Time one section took in an interview, against its plan. */
export interface SectionTime {
  sectionId: string;
  /** Null when nothing in the section was marked (the first section counts from the start). */
  spentMs: number | null;
  plannedMs: number | null;
}

/**
 * Time per section, the way the panel's section clock counts it: a section begins at
 * its first mark (the first section at the start) and lasts until the next section
 * begins, the last one until the end. Sections the conversation returned to keep
 * only their first stretch's start, which is the reading a researcher can check
 * against the marks.
 */
export function sectionTimes(input: {
  guide: Guide;
  startedAt: number;
  endedAt: number;
  events: readonly CoverageEvent[];
}): SectionTime[] {
  const { guide, startedAt, endedAt } = input;
  const sectionOfItem = new Map(guideItems(guide).map((item) => [item.id, item.sectionId]));
  const starts = new Map<string, number>();
  const firstSection = guide.sections[0]?.id;
  if (firstSection) starts.set(firstSection, startedAt);
  for (const event of input.events) {
    const sectionId = sectionOfItem.get(event.itemId);
    if (sectionId === undefined || sectionId === firstSection) continue;
    const known = starts.get(sectionId);
    if (known === undefined || event.time < known) starts.set(sectionId, event.time);
  }
  const ordered = [...starts.entries()].sort((first, second) => first[1] - second[1]);
  const spent = new Map<string, number>();
  ordered.forEach(([sectionId, start], index) => {
    const next = ordered[index + 1]?.[1] ?? endedAt;
    spent.set(sectionId, Math.max(0, next - Math.max(start, startedAt)));
  });
  return guide.sections.map((section) => ({
    sectionId: section.id,
    spentMs: spent.get(section.id) ?? null,
    plannedMs: section.plannedMinutes === null ? null : section.plannedMinutes * 60_000,
  }));
}

/** `m:ss` or `h:mm:ss`, for clocks. Negative durations get a minus sign. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${sign}${hours}:${two(minutes)}:${two(seconds)}` : `${sign}${minutes}:${two(seconds)}`;
}
