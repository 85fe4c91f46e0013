import { describe, expect, it } from 'vitest';
import type { Guide } from '../guide';
import type { CoverageEvent, CoverageState } from './model';
import { computePacing, endPhaseMs, openMustAsk, sectionTimes } from './pacing';

const MINUTE = 60_000;
const START = 1_700_000_000_000;

function guide(plannedMinutes = 60): Guide {
  return {
    id: 'g',
    version: 1,
    parentVersion: null,
    changeNote: '',
    title: 'Guide',
    plannedMinutes,
    intro: [],
    sections: [
      { id: 's1', title: 'Intro', plannedMinutes: 5, reminders: [], questions: [{ id: 'q1', text: 'Hvem er du?', condition: null, probes: [], reminders: [] }] },
      {
        id: 's2',
        title: 'Hverdag',
        plannedMinutes: 10,
        reminders: [],
        questions: [
          { id: 'q2', text: 'Hvordan var uka?', condition: null, probes: [{ id: 'p2', text: 'Jobb' }], reminders: [], mustAsk: true },
          { id: 'q3', text: 'Hva savnet du?', condition: null, probes: [], reminders: [], mustAsk: true },
        ],
      },
      { id: 's3', title: 'Slutt', plannedMinutes: null, reminders: [], questions: [{ id: 'q4', text: 'Noe mer?', condition: null, probes: [], reminders: [], mustAsk: true }] },
    ],
    createdAt: '2024-01-01T00:00:00.000Z',
  };
}

function event(itemId: string, minutes: number, state: CoverageState = 'asked'): CoverageEvent {
  return { id: `${itemId}-${minutes}`, sessionId: 's', itemId, itemKind: itemId.startsWith('p') ? 'probe' : 'question', state, time: START + minutes * MINUTE, source: 'manual' };
}

describe('a section that runs long', () => {
  it('is not flagged while within its plan or less than a minute over', () => {
    const events = [event('q2', 10)];
    const within = computePacing({ guide: guide(), startedAt: START, now: START + 19 * MINUTE, currentItemId: 'q2', events });
    expect(within.sectionOverMinutes).toBeNull();
    const barelyOver = computePacing({ guide: guide(), startedAt: START, now: START + 20.5 * MINUTE, currentItemId: 'q2', events });
    expect(barelyOver.sectionOverMinutes).toBeNull();
  });

  it('says by how many whole minutes the current section is over its plan', () => {
    const pacing = computePacing({ guide: guide(), startedAt: START, now: START + 22.5 * MINUTE, currentItemId: 'q3', events: [event('q2', 10)] });
    expect(pacing.sectionElapsedMs).toBe(12.5 * MINUTE);
    expect(pacing.sectionOverMinutes).toBe(2);
  });

  it('is never flagged for a section without planned minutes', () => {
    const pacing = computePacing({ guide: guide(), startedAt: START, now: START + 90 * MINUTE, currentItemId: 'q4', events: [event('q4', 20)] });
    expect(pacing.sectionOverMinutes).toBeNull();
  });
});

describe('the end phase', () => {
  it('begins 10 minutes before the end of a 60-minute interview', () => {
    expect(endPhaseMs(60 * MINUTE)).toBe(10 * MINUTE);
    const before = computePacing({ guide: guide(60), startedAt: START, now: START + 49 * MINUTE, currentItemId: null, events: [] });
    const inIt = computePacing({ guide: guide(60), startedAt: START, now: START + 50 * MINUTE, currentItemId: null, events: [] });
    expect(before.nearEnd).toBe(false);
    expect(inIt.nearEnd).toBe(true);
  });

  it('begins at the last 15 % of a long interview and stays on when the interview runs over', () => {
    expect(endPhaseMs(120 * MINUTE)).toBe(18 * MINUTE);
    const at = (minutes: number) => computePacing({ guide: guide(120), startedAt: START, now: START + minutes * MINUTE, currentItemId: null, events: [] }).nearEnd;
    expect(at(101)).toBe(false);
    expect(at(102)).toBe(true);
    expect(at(150)).toBe(true);
  });

  it('covers a short interview from the start', () => {
    expect(computePacing({ guide: guide(1), startedAt: START, now: START, currentItemId: null, events: [] }).nearEnd).toBe(true);
  });
});

describe('open must-ask questions', () => {
  it('lists must-ask questions not yet asked, covered or declined, in guide order', () => {
    const states = new Map<string, CoverageState>([
      ['q2', 'covered'],
      ['q3', 'skipped'],
      ['q1', 'pending'],
    ]);
    expect(openMustAsk(guide(), states)).toEqual([
      { questionId: 'q3', sectionId: 's2', text: 'Hva savnet du?' },
      { questionId: 'q4', sectionId: 's3', text: 'Noe mer?' },
    ]);
  });

  it('is empty when every must-ask question was asked', () => {
    const states = new Map<string, CoverageState>([
      ['q2', 'asked'],
      ['q3', 'declined'],
      ['q4', 'covered'],
    ]);
    expect(openMustAsk(guide(), states)).toEqual([]);
  });
});

describe('time per section', () => {
  it('runs from a section’s first mark to the next section’s, the last until the end', () => {
    const times = sectionTimes({
      guide: guide(),
      startedAt: START,
      endedAt: START + 40 * MINUTE,
      events: [event('q1', 1), event('p2', 8), event('q2', 7), event('q4', 30), event('q2', 35, 'covered')],
    });
    expect(times).toEqual([
      { sectionId: 's1', spentMs: 7 * MINUTE, plannedMs: 5 * MINUTE },
      { sectionId: 's2', spentMs: 23 * MINUTE, plannedMs: 10 * MINUTE },
      { sectionId: 's3', spentMs: 10 * MINUTE, plannedMs: null },
    ]);
  });

  it('leaves a section nobody reached without a time', () => {
    const times = sectionTimes({ guide: guide(), startedAt: START, endedAt: START + 5 * MINUTE, events: [] });
    expect(times.map((time) => time.spentMs)).toEqual([5 * MINUTE, null, null]);
  });
});
