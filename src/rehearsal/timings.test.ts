import { describe, expect, it } from 'vitest';
import type { CoverageEvent } from '../coverage';
import { exampleGuide } from '../guide';
import type { Segment } from '../store';
import { expectedDuration, pilotTimings, plannedMinutesFromPilot, questionAt, topicTimeline } from './timings';

const guide = exampleGuide(new Date('2026-01-01T00:00:00Z'));
const [s1, s2, s3] = guide.sections;
const START = Date.UTC(2026, 0, 1, 10);
const minute = 60_000;

function mark(itemId: string, atMinutes: number, itemKind: CoverageEvent['itemKind'] = 'question'): CoverageEvent {
  return { id: `${itemId}-${atMinutes}`, sessionId: 'p', itemId, itemKind, state: 'asked', time: START + atMinutes * minute, source: 'manual' };
}

function said(channel: Segment['channel'], startSeconds: number, text: string): Segment {
  return { id: `${channel}-${startSeconds}`, sessionId: 'p', channel, start: startSeconds, end: startSeconds + 5, text, words: [], unclear: [], source: 'live' };
}

describe('pilot timings', () => {
  it('gives each question the time until the talk moved on, sections their sum, the start the intro', () => {
    const events = [mark(s1!.questions[0]!.id, 2), mark(s2!.questions[0]!.id, 6), mark(s2!.questions[1]!.id, 11), mark(s3!.questions[0]!.id, 20)];
    const timeline = topicTimeline(guide, { startedAt: START, endedAt: START + 30 * minute }, events, []);
    const timings = pilotTimings(guide, { startedAt: START, endedAt: START + 30 * minute }, timeline);
    expect(timings.totalMs).toBe(30 * minute);
    expect(timings.introMs).toBe(2 * minute);
    expect(timings.sections[0]).toMatchObject({ sectionId: s1!.id, ms: 4 * minute });
    expect(timings.sections[1]!.ms).toBe(14 * minute);
    expect(timings.sections[1]!.questions.map((q) => q.ms)).toEqual([5 * minute, 9 * minute, 0]);
    expect(timings.sections[2]!.ms).toBe(10 * minute);
    expect(timings.sections[3]!.ms).toBe(0);
  });

  it('counts a probe mark for its question, and places unmarked talk by what the interviewer asked', () => {
    const probe = s1!.questions[0]!.probes[0]!;
    const segments = [said('interviewer', 5 * 60, 'Hvordan så en vanlig uke ut for deg mens smitteverntiltakene varte?')];
    const timeline = topicTimeline(guide, { startedAt: START, endedAt: START + 10 * minute }, [mark(probe.id, 1, 'probe')], segments);
    expect(timeline.map((touch) => touch.questionId)).toEqual([s1!.questions[0]!.id, s2!.questions[0]!.id]);
    expect(questionAt(timeline, START + 3 * minute)).toBe(s1!.questions[0]!.id);
    expect(questionAt(timeline, START + 30_000)).toBeNull();
    const timings = pilotTimings(guide, { startedAt: START, endedAt: START + 10 * minute }, timeline);
    expect(timings.sections[0]!.ms).toBe(4 * minute);
    expect(timings.sections[1]!.ms).toBe(5 * minute);
  });

  it('runs a session never ended up to its last touch', () => {
    const timeline = topicTimeline(guide, { startedAt: START, endedAt: null }, [mark(s1!.questions[0]!.id, 3)], []);
    expect(pilotTimings(guide, { startedAt: START, endedAt: null }, timeline).totalMs).toBe(3 * minute);
  });
});

describe('expected duration from pilots', () => {
  const pilot = (total: number, perSection: number[]) => ({
    totalMs: total * minute,
    introMs: 0,
    sections: perSection.map((ms, i) => ({ sectionId: `s${i}`, ms: ms * minute, questions: [] })),
  });

  it('takes the median pilot, whole minutes rounded up, per section of the pilots that reached it', () => {
    const expected = expectedDuration([pilot(40, [5, 20, 0]), pilot(52.5, [7, 25, 10]), pilot(90, [6, 60, 12])]);
    expect(expected?.pilots).toBe(3);
    expect(expected?.totalMinutes).toBe(53);
    expect(expected?.sectionMinutes.get('s0')).toBe(6);
    expect(expected?.sectionMinutes.get('s1')).toBe(25);
    // Reached by two pilots: the mean of the middle two.
    expect(expected?.sectionMinutes.get('s2')).toBe(11);
  });

  it('has nothing to say without pilots', () => {
    expect(expectedDuration([])).toBeNull();
  });
});

describe('planned minutes from a pilot', () => {
  it('sets the sections the pilot reached and the whole length, rounded up; the others keep their plan', () => {
    const timeline = topicTimeline(guide, { startedAt: START, endedAt: START + 41.5 * minute }, [mark(s1!.questions[0]!.id, 0), mark(s2!.questions[0]!.id, 7.2)], []);
    const timings = pilotTimings(guide, { startedAt: START, endedAt: START + 41.5 * minute }, timeline);
    const planned = plannedMinutesFromPilot(guide, timings);
    expect(planned.plannedMinutes).toBe(42);
    expect(planned.sections.map((section) => section.plannedMinutes)).toEqual([8, 35, 20, 12, 8]);
    expect(guide.sections[0]!.plannedMinutes).toBe(5);
  });
});
