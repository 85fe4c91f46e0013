/** A crafted session for the exporters' tests: Norwegian letters, [uklart], the hour mark, notes. */
import type { CoverageEvent } from '../coverage/model';
import type { Guide } from '../guide/model';
import type { Channel, Note, Participant, Segment, Session } from '../store/records';
import type { ExportSession } from './types';

/** 14 March 2025 12:00 UTC: the same date in every time zone the tests run in. */
export const STARTED_AT = Date.UTC(2025, 2, 14, 12, 0, 0);

export const guide: Guide = {
  id: 'guide-1',
  version: 3,
  parentVersion: 2,
  changeNote: '',
  title: 'Arbeidsliv på sykehus',
  plannedMinutes: 60,
  intro: [{ id: 'c1', text: 'Samtykke' }],
  sections: [
    {
      id: 's1',
      title: 'Bakgrunn',
      plannedMinutes: 10,
      reminders: [],
      questions: [
        { id: 'q1', text: 'Kan du fortelle om jobben din?', condition: null, probes: [{ id: 'p1', text: 'Hvor lenge?' }], reminders: [] },
        { id: 'q2', text: 'Hva er en vanlig dag for deg?', condition: 'Hvis tid', probes: [], reminders: [] },
      ],
    },
    { id: 's2', title: 'Ærlighet & åpenhet', plannedMinutes: null, reminders: [], questions: [{ id: 'q3', text: 'Hva gjør deg trygg på jobb?', condition: null, probes: [], reminders: [] }] },
  ],
  createdAt: '2025-03-01T10:00:00Z',
};

export const participant: Participant = { id: 'participant-1', pseudonym: 'Kåre', consentAt: STARTED_AT, withdrawnAt: null, createdAt: STARTED_AT };

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 'session-1',
    kind: 'interview',
    participantId: participant.id,
    guideId: guide.id,
    guideVersion: guide.version,
    platform: 'zoom',
    startedAt: STARTED_AT,
    endedAt: STARTED_AT + 3_700_000,
    status: 'ended',
    currentItemId: null,
    language: 'nb',
    hasAudio: false,
    consentChecked: ['c1'],
    ...overrides,
  };
}

export function segment(id: string, channel: Channel, start: number, end: number, text: string): Segment {
  return { id, sessionId: 'session-1', channel, start, end, text, words: [], unclear: [], source: 'live' };
}

export const segments: Segment[] = [
  segment('a', 'interviewer', 0.5, 4.2, 'Hei, og velkommen. Kan du fortelle om jobben din?'),
  segment('b', 'participant', 5.0, 9.04, 'Ja, eh, jeg jobber på Gjøvik sykehus.'),
  segment('c', 'participant', 9.2, 12.0, 'Vi er [uklart] på avdelingen.'),
  segment('d', 'interviewer', 12.5, 13.0, 'Mhm.'),
  segment('e', 'participant', 13.2, 13.4, '   '),
  segment('f', 'participant', 3590.0, 3599.96, 'Det var blåbær, ÆØÅ og [uklart: Gjøvik?] der.'),
  segment('g', 'interviewer', 3600.0, 3604.5, 'Takk <&> skal du ha.'),
];

export function coverageEvent(id: string, itemId: string, seconds: number, state: CoverageEvent['state'] = 'asked', source: CoverageEvent['source'] = 'manual'): CoverageEvent {
  return { id, sessionId: 'session-1', itemId, itemKind: itemId.startsWith('p') ? 'probe' : 'question', state, time: STARTED_AT + seconds * 1000, source };
}

export const coverage: CoverageEvent[] = [coverageEvent('e1', 'q1', 2), coverageEvent('e2', 'q3', 3595)];

export const notes: Note[] = [
  { id: 'n1', sessionId: 'session-1', time: STARTED_AT + 60_000, text: 'Virket nervøs & glad <3', questionId: 'q1', reviseGuide: false },
];

export function exportSession(overrides: Partial<ExportSession> = {}): ExportSession {
  return { session: session(), participant, guide, segments, notes, coverage, locale: 'nb', ...overrides };
}
