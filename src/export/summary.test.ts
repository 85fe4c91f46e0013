import { describe, expect, it } from 'vitest';
import type { CoverageEvent } from '../coverage/model';
import type { Guide } from '../guide/model';
import type { Note, Session } from '../store/records';
import { buildInterviewSummary, summaryFileName, summaryMarkdown } from './summary';

const MINUTE = 60_000;
const START = Date.UTC(2024, 4, 2, 10, 0, 0);

const guide: Guide = {
  id: 'g',
  version: 3,
  parentVersion: 2,
  changeNote: '',
  title: 'Arbeid og fritid',
  plannedMinutes: 30,
  intro: [],
  sections: [
    {
      id: 's1',
      title: 'Arbeid',
      plannedMinutes: 10,
      reminders: [],
      questions: [
        { id: 'q1', text: 'Hva jobber du med?', condition: null, probes: [{ id: 'p1', text: 'Arbeidstid' }, { id: 'p2', text: 'Kolleger' }], reminders: [], mustAsk: true },
        { id: 'q2', text: 'Trives du?', condition: null, probes: [], reminders: [], mustAsk: true },
      ],
    },
    { id: 's2', title: 'Fritid', plannedMinutes: 15, reminders: [], questions: [{ id: 'q3', text: 'Hva gjør du i helgene?', condition: null, probes: [], reminders: [] }] },
    { id: 's3', title: 'Ekstra', plannedMinutes: null, reminders: [], questions: [{ id: 'q4', text: 'Noe mer?', condition: null, probes: [], reminders: [] }] },
  ],
  closing: [
    { id: 'c1', text: 'Takk deltakeren.' },
    { id: 'c2', text: 'Minn om retten til å trekke seg.' },
  ],
  createdAt: '2024-05-01T00:00:00.000Z',
};

const session: Session = {
  id: 'sess',
  kind: 'interview',
  participantId: 'part',
  guideId: 'g',
  guideVersion: 3,
  platform: 'zoom',
  startedAt: START,
  endedAt: START + 34 * MINUTE,
  status: 'ended',
  currentItemId: null,
  language: 'nb',
  hasAudio: false,
  consentChecked: [],
  closingChecked: ['c1'],
};

function mark(itemId: string, minutes: number, state: CoverageEvent['state'], source: CoverageEvent['source'] = 'manual'): CoverageEvent {
  return { id: `${itemId}@${minutes}`, sessionId: 'sess', itemId, itemKind: itemId.startsWith('p') ? 'probe' : 'question', state, time: START + minutes * MINUTE, source };
}

const events = [mark('q1', 1, 'asked'), mark('p1', 3, 'covered', 'confirmed'), mark('q1', 4, 'covered'), mark('q3', 14, 'asked', 'suggested'), mark('q2', 20, 'skipped')];
const notes: Note[] = [
  { id: 'n2', sessionId: 'sess', time: START + 15 * MINUTE, text: 'Spørsmålet om helg | var *uklart*', questionId: 'q3', reviseGuide: true },
  { id: 'n1', sessionId: 'sess', time: START + 2 * MINUTE + 5000, text: 'Nevnte Lise fra jobben', questionId: null, reviseGuide: false },
];

describe('the interview summary', () => {
  const summary = buildInterviewSummary({ guide, session, pseudonym: 'Kari', events, notes });

  it('gives every question and probe its latest state and how it was marked', () => {
    const [q1, q2] = summary.sections[0]?.questions ?? [];
    expect(q1).toMatchObject({ state: 'covered', source: 'manual', mustAsk: true });
    expect(q1?.probes).toEqual([
      { id: 'p1', text: 'Arbeidstid', state: 'covered', source: 'confirmed' },
      { id: 'p2', text: 'Kolleger', state: 'pending', source: null },
    ]);
    expect(q2).toMatchObject({ state: 'skipped', mustAsk: true });
    expect(summary.sections[1]?.questions[0]).toMatchObject({ state: 'asked', source: 'suggested' });
    expect(summary.openMustAsk).toEqual(['Trives du?']);
  });

  it('times each section against its plan, and leaves an unreached one without a time', () => {
    expect(summary.sections.map((section) => [section.spentMs, section.plannedMs])).toEqual([
      [14 * MINUTE, 10 * MINUTE],
      [20 * MINUTE, 15 * MINUTE],
      [null, null],
    ]);
    expect(summary.durationMs).toBe(34 * MINUTE);
  });

  it('lists notes in time order, from the start of the interview, with their question and revise flag', () => {
    expect(summary.notes).toEqual([
      { at: 125, text: 'Nevnte Lise fra jobben', reviseGuide: false, question: null },
      { at: 900, text: 'Spørsmålet om helg | var *uklart*', reviseGuide: true, question: 'Hva gjør du i helgene?' },
    ]);
    expect(summary.closing).toEqual([
      { text: 'Takk deltakeren.', checked: true },
      { text: 'Minn om retten til å trekke seg.', checked: false },
    ]);
  });

  it('writes Markdown with the pseudonym, coverage, a time table, closing items and notes', () => {
    const markdown = summaryMarkdown(summary, 'nb');
    expect(markdown).toContain('# Oppsummering av intervjuet: Kari');
    expect(markdown).toContain('- Hva jobber du med? **(må spørres)**: dekket (merket for hånd)');
    expect(markdown).toContain('  - Arbeidstid: dekket (foreslått og bekreftet)');
    expect(markdown).toContain('  - Kolleger: ikke stilt');
    expect(markdown).toContain('| Arbeid | 14 min | 10 min |');
    expect(markdown).toContain('| Ekstra | ikke nådd | – |');
    expect(markdown).toContain('- [x] Takk deltakeren.');
    expect(markdown).toContain('- [ ] Minn om retten til å trekke seg.');
    expect(markdown).toContain('- 00:15:00 ved «Hva gjør du i helgene?» **[revider guiden]**: Spørsmålet om helg \\| var \\*uklart\\*');
    expect(markdown).toContain('- 00:02:05: Nevnte Lise fra jobben');
  });

  it('speaks English when the UI does, and names the file after the pseudonym', () => {
    const markdown = summaryMarkdown(summary, 'en');
    expect(markdown).toContain('# Interview summary: Kari');
    expect(markdown).toContain('- Trives du? **(must ask)**: skipped (marked by hand)');
    expect(markdown).toContain('**Must-ask questions that were not asked:**');
    expect(summaryFileName(summary, 'en')).toBe('summary-Kari-2024-05-02.md');
  });

  it('names a pilot as such', () => {
    const pilot = buildInterviewSummary({ guide, session: { ...session, kind: 'pilot', participantId: null }, pseudonym: null, events: [], notes: [] });
    expect(summaryMarkdown(pilot, 'nb')).toContain('# Oppsummering av intervjuet: Pilotintervju');
    expect(summaryMarkdown(pilot, 'nb')).toContain('Ingen notater.');
  });
});
