import type { CoverageEvent } from '../coverage';
import { createCoverageMatcher, type CoverageMatcher } from '../coverage';
import { guideItems, type Guide, type GuideDraft } from '../guide';
import type { Segment, Session } from '../store';

/** One moment the talk was on a question: a mark on it (or its probes), or the interviewer asking it. */
export interface TopicTouch {
  /** Milliseconds since the Unix epoch. */
  time: number;
  questionId: string;
}

export interface QuestionTiming {
  questionId: string;
  ms: number;
}

export interface SectionTiming {
  sectionId: string;
  ms: number;
  questions: QuestionTiming[];
}

/** How long a pilot spent where. */
export interface PilotTimings {
  /** From start to end (or to the last thing that happened, for a session never ended). */
  totalMs: number;
  /** Before the first question was touched: the intro and consent. */
  introMs: number;
  sections: SectionTiming[];
}

/** The session times a timing needs. */
export type TimedSession = Pick<Session, 'startedAt' | 'endedAt'>;

/** Question id of every question and probe id, so a probe mark counts for its question. */
function questionOfItem(guide: Guide): Map<string, string> {
  return new Map(guideItems(guide).map((item) => [item.id, item.questionId]));
}

/**
 * When the talk was on which question, in time order. Two sources, because either
 * may be missing in a pilot: the marks (a probe's mark counts for its question), and
 * the interviewer's own utterances the coverage matcher ties to a question (so an
 * unmarked rehearsal still has a timeline).
 */
export function topicTimeline(
  guide: Guide,
  session: TimedSession,
  events: readonly CoverageEvent[],
  segments: readonly Segment[],
  matcher: CoverageMatcher = createCoverageMatcher(guide),
): TopicTouch[] {
  const owner = questionOfItem(guide);
  const touches: TopicTouch[] = [];
  for (const event of events) {
    const questionId = owner.get(event.itemId);
    if (questionId && event.state !== 'pending') touches.push({ time: event.time, questionId });
  }
  for (const segment of segments) {
    if (segment.channel !== 'interviewer') continue;
    const best = matcher.matchQuestion(segment.text)[0];
    if (best) touches.push({ time: session.startedAt + segment.start * 1000, questionId: best.itemId });
  }
  return touches.sort((a, b) => a.time - b.time);
}

/**
 * Time per question and section: from each touch to the next touch of another
 * question (the talk stays on a question until it moves on), the last one until
 * the end. Time before the first touch is the intro. Questions never touched get 0.
 */
export function pilotTimings(guide: Guide, session: TimedSession, timeline: readonly TopicTouch[]): PilotTimings {
  const lastTouch = timeline.at(-1)?.time ?? session.startedAt;
  const end = Math.max(session.endedAt ?? lastTouch, lastTouch);
  const perQuestion = new Map<string, number>();
  for (let i = 0; i < timeline.length; i++) {
    const touch = timeline[i]!;
    const next = timeline[i + 1]?.time ?? end;
    perQuestion.set(touch.questionId, (perQuestion.get(touch.questionId) ?? 0) + Math.max(0, next - touch.time));
  }
  const sections = guide.sections.map((section) => {
    const questions = section.questions.map((question) => ({ questionId: question.id, ms: perQuestion.get(question.id) ?? 0 }));
    return { sectionId: section.id, ms: questions.reduce((sum, question) => sum + question.ms, 0), questions };
  });
  const firstTouch = timeline[0]?.time ?? end;
  return { totalMs: Math.max(0, end - session.startedAt), introMs: Math.max(0, firstTouch - session.startedAt), sections };
}

/** Which question the talk was on at a time (null before the first touch). */
export function questionAt(timeline: readonly TopicTouch[], time: number): string | null {
  let found: string | null = null;
  for (const touch of timeline) {
    if (touch.time > time) break;
    found = touch.questionId;
  }
  return found;
}

/** What the pilots of a guide say about its length, in whole minutes (rounded up). */
export interface ExpectedDuration {
  /** How many pilots it rests on. */
  pilots: number;
  /** The median pilot's length. */
  totalMinutes: number;
  /** Per section id (sections matched by id across versions): the median of the pilots that reached it. */
  sectionMinutes: Map<string, number>;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The expected duration of a guide from its pilots: the median (one long or short
 * rehearsal does not pull it, as a mean would), per section of the pilots that spent
 * time in it. Null without pilots.
 */
export function expectedDuration(pilots: readonly PilotTimings[]): ExpectedDuration | null {
  if (pilots.length === 0) return null;
  const bySection = new Map<string, number[]>();
  for (const pilot of pilots) {
    for (const section of pilot.sections) {
      if (section.ms <= 0) continue;
      bySection.set(section.sectionId, [...(bySection.get(section.sectionId) ?? []), section.ms]);
    }
  }
  const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));
  return {
    pilots: pilots.length,
    totalMinutes: minutes(median(pilots.map((pilot) => pilot.totalMs))),
    sectionMinutes: new Map([...bySection].map(([sectionId, values]) => [sectionId, minutes(median(values))])),
  };
}

/**
 * The guide with its planned minutes taken from a pilot: each section the pilot
 * spent time in gets its time (whole minutes, rounded up), the whole interview the
 * pilot's length. Sections the pilot never reached keep their plan.
 */
export function plannedMinutesFromPilot<T extends GuideDraft>(draft: T, timings: PilotTimings): T {
  const spent = new Map(timings.sections.map((section) => [section.sectionId, section.ms]));
  const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));
  return {
    ...draft,
    plannedMinutes: timings.totalMs > 0 ? minutes(timings.totalMs) : draft.plannedMinutes,
    sections: draft.sections.map((section) => {
      const ms = spent.get(section.id) ?? 0;
      return ms > 0 ? { ...section, plannedMinutes: minutes(ms) } : section;
    }),
  };
}
