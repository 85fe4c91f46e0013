import type { Guide } from '../guide';
import { guideItems } from '../guide';
import type { CoverageEvent } from './model';

export interface Pacing {
  elapsedMs: number;
  plannedMs: number;
  /** Negative once the interview runs over its planned length. */
  remainingMs: number;
  currentSectionId: string | null;
  /** Time spent in the current section; null before anything happened in it. */
  sectionElapsedMs: number | null;
  sectionPlannedMs: number | null;
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
  return {
    elapsedMs,
    plannedMs,
    remainingMs: plannedMs - elapsedMs,
    currentSectionId,
    sectionElapsedMs: sectionStart === null ? null : Math.max(0, end - sectionStart),
    sectionPlannedMs: section?.plannedMinutes == null ? null : section.plannedMinutes * 60_000,
  };
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
