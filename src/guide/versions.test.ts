import { describe, expect, it } from 'vitest';
import type { GuideDraft } from './model';
import { createGuide, GuideValidationError, guideItems, newVersion, totalPlannedMinutes } from './versions';

function counter(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${(next += 1)}`;
}

const draft = (): GuideDraft => ({
  title: 'Arbeidshverdag',
  plannedMinutes: 45,
  intro: [{ id: 'c1', text: 'Samtykke signert.' }],
  sections: [
    {
      id: 's1',
      title: 'Bakgrunn',
      plannedMinutes: 10,
      reminders: [],
      questions: [
        { id: 'q1', text: 'Hvor jobber du?', condition: null, probes: [{ id: 'p1', text: 'Hvor lenge?' }, { id: 'p2', text: 'Heltid?' }], reminders: [] },
        { id: 'q2', text: 'Hvorfor sykepleie?', condition: null, probes: [], reminders: [] },
      ],
    },
    { id: 's2', title: 'Vakter', plannedMinutes: null, reminders: [], questions: [{ id: 'q3', text: 'Hvordan er en vakt?', condition: 'Hvis i turnus', probes: [], reminders: [] }] },
  ],
});

describe('createGuide', () => {
  it('saves a draft as version 1 with a new id and the given time', () => {
    const guide = createGuide(draft(), { now: new Date('2025-01-02T03:04:05.000Z'), idSource: counter('guide'), changeNote: 'Importert' });
    expect(guide).toEqual({ ...draft(), id: 'guide-1', version: 1, parentVersion: null, changeNote: 'Importert', createdAt: '2025-01-02T03:04:05.000Z' });
  });

  it('refuses a draft with an empty question, naming where it is', () => {
    const broken = draft();
    broken.sections[1]!.questions[0]!.text = ' ';
    expect(() => createGuide(broken, { idSource: counter() })).toThrow(GuideValidationError);
    try {
      createGuide(broken, { idSource: counter() });
    } catch (error) {
      expect((error as GuideValidationError).problems).toEqual([{ path: 'guide.sections[1].questions[0].text', message: 'kan ikke være tom' }]);
    }
  });

  it('keeps the saved version apart from later edits of the draft', () => {
    const editable = draft();
    const guide = createGuide(editable, { idSource: counter() });
    editable.sections[0]!.questions[0]!.text = 'Endret';
    expect(guide.sections[0]?.questions[0]?.text).toBe('Hvor jobber du?');
  });
});

describe('newVersion', () => {
  const first = createGuide(draft(), { now: new Date('2025-01-01T00:00:00.000Z'), idSource: counter('guide') });

  it('keeps the id, counts the version up and records its parent and change note', () => {
    const edited = { ...first, title: 'Arbeidshverdag for sykepleiere' };
    const second = newVersion(first, edited, 'Presisert tittel etter pilot', new Date('2025-02-01T00:00:00.000Z'));
    expect(second).toMatchObject({ id: 'guide-1', version: 2, parentVersion: 1, changeNote: 'Presisert tittel etter pilot', title: 'Arbeidshverdag for sykepleiere', createdAt: '2025-02-01T00:00:00.000Z' });
    const third = newVersion(second, draft(), 'Tilbake til gammel tittel');
    expect([third.version, third.parentVersion, third.title]).toEqual([3, 2, 'Arbeidshverdag']);
  });

  it('demands a change note', () => {
    expect(() => newVersion(first, draft(), '  ')).toThrow(/endringsnotat/);
  });

  it('refuses to make a version of one guide from another guide', () => {
    expect(() => newVersion(first, { ...first, id: 'other' }, 'Endret')).toThrow(/ikke en versjon/);
  });
});

describe('guide navigation', () => {
  it('lists questions and their probes in guide order', () => {
    expect(guideItems(draft()).map((item) => [item.kind, item.id, item.sectionId, item.questionId])).toEqual([
      ['question', 'q1', 's1', 'q1'],
      ['probe', 'p1', 's1', 'q1'],
      ['probe', 'p2', 's1', 'q1'],
      ['question', 'q2', 's1', 'q2'],
      ['question', 'q3', 's2', 'q3'],
    ]);
    expect(guideItems(draft())[1]?.text).toBe('Hvor lenge?');
  });

  it('adds up the sections’ planned minutes, counting a section without a plan as 0', () => {
    expect(totalPlannedMinutes(draft())).toBe(10);
  });
});
