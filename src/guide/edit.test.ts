import { describe, expect, it } from 'vitest';
import {
  addChecklistItem,
  addProbe,
  addQuestion,
  addReminder,
  addSection,
  GuideEditError,
  moveChecklistItem,
  moveProbe,
  moveQuestion,
  moveReminder,
  moveSection,
  removeChecklistItem,
  removeProbe,
  removeQuestion,
  removeReminder,
  removeSection,
  updateChecklistItem,
  updateGuideDetails,
  updateProbe,
  updateQuestion,
  updateReminder,
  updateSection,
} from './edit';
import type { GuideDraft } from './model';

function counter(): () => string {
  let next = 0;
  return () => `new-${(next += 1)}`;
}

const base = (): GuideDraft => ({
  title: 'Guide',
  plannedMinutes: 60,
  intro: [
    { id: 'c1', text: 'Formål' },
    { id: 'c2', text: 'Frivillighet' },
  ],
  sections: [
    {
      id: 's1',
      title: 'Bakgrunn',
      plannedMinutes: 10,
      reminders: ['NB: ingen navn'],
      questions: [
        { id: 'q1', text: 'Hvor bor du?', condition: null, probes: [{ id: 'p1', text: 'Hvor lenge?' }, { id: 'p2', text: 'Med hvem?' }], reminders: [] },
        { id: 'q2', text: 'Hva jobber du med?', condition: null, probes: [], reminders: ['La deltakeren fortelle fritt'] },
      ],
    },
    { id: 's2', title: 'Fritid', plannedMinutes: null, reminders: [], questions: [] },
  ],
});

const outline = (draft: GuideDraft) => draft.sections.map((section) => [section.id, section.questions.map((question) => [question.id, question.probes.map((probe) => probe.id)])]);

describe('guide editing', () => {
  it('never changes the draft it is given', () => {
    const original = base();
    const snapshot = structuredClone(original);
    updateProbe(moveQuestion(addSection(original, 'Ny', { idSource: counter() }), 'q1', 's2', 0), 'p1', 'Endret');
    removeReminder(original, { sectionId: 's1' }, 0);
    expect(original).toEqual(snapshot);
  });

  it('adds, renames, moves and removes sections', () => {
    let draft = addSection(base(), 'Helse', { idSource: counter(), position: 1 });
    expect(draft.sections.map((section) => [section.id, section.title])).toEqual([['s1', 'Bakgrunn'], ['new-1', 'Helse'], ['s2', 'Fritid']]);
    draft = updateSection(draft, 'new-1', { title: 'Helse og trivsel', plannedMinutes: 15 });
    expect(draft.sections[1]).toMatchObject({ title: 'Helse og trivsel', plannedMinutes: 15, questions: [], reminders: [] });
    draft = moveSection(draft, 's1', 2);
    expect(draft.sections.map((section) => section.id)).toEqual(['new-1', 's2', 's1']);
    draft = removeSection(draft, 's1');
    expect(draft.sections.map((section) => section.id)).toEqual(['new-1', 's2']);
  });

  it('adds, rewrites, moves and removes questions', () => {
    let draft = addQuestion(base(), 's2', 'Hva gjør du i helgene?', { idSource: counter() });
    draft = updateQuestion(draft, 'new-1', { condition: 'Hvis i jobb' });
    expect(draft.sections[1]?.questions[0]).toEqual({ id: 'new-1', text: 'Hva gjør du i helgene?', condition: 'Hvis i jobb', probes: [], reminders: [] });
    draft = moveQuestion(draft, 'q2', 's2', 0);
    expect(outline(draft)).toEqual([['s1', [['q1', ['p1', 'p2']]]], ['s2', [['q2', []], ['new-1', []]]]]);
    draft = moveQuestion(draft, 'new-1', 's2', 0);
    expect(draft.sections[1]?.questions.map((question) => question.id)).toEqual(['new-1', 'q2']);
    draft = removeQuestion(draft, 'q1');
    expect(outline(draft)).toEqual([['s1', []], ['s2', [['new-1', []], ['q2', []]]]]);
  });

  it('adds, rewrites, moves and removes probes, also across questions', () => {
    let draft = addProbe(base(), 'q1', 'Hvorfor der?', { idSource: counter(), position: 0 });
    expect(draft.sections[0]?.questions[0]?.probes.map((probe) => probe.text)).toEqual(['Hvorfor der?', 'Hvor lenge?', 'Med hvem?']);
    draft = updateProbe(draft, 'p2', 'Bor du alene?');
    draft = moveProbe(draft, 'p2', 'q2', 0);
    expect(outline(draft)[0]).toEqual(['s1', [['q1', ['new-1', 'p1']], ['q2', ['p2']]]]);
    expect(draft.sections[0]?.questions[1]?.probes[0]?.text).toBe('Bor du alene?');
    draft = removeProbe(draft, 'p1');
    expect(outline(draft)[0]).toEqual(['s1', [['q1', ['new-1']], ['q2', ['p2']]]]);
  });

  it('edits reminders of a section and of a question', () => {
    let draft = addReminder(base(), { sectionId: 's1' }, 'Husk opptak', 0);
    expect(draft.sections[0]?.reminders).toEqual(['Husk opptak', 'NB: ingen navn']);
    draft = moveReminder(draft, { sectionId: 's1' }, 0, 1);
    draft = updateReminder(draft, { sectionId: 's1' }, 0, 'NB: ingen navn på tredjeparter');
    expect(draft.sections[0]?.reminders).toEqual(['NB: ingen navn på tredjeparter', 'Husk opptak']);
    draft = addReminder(draft, { questionId: 'q1' }, 'Ikke avbryt');
    draft = removeReminder(draft, { questionId: 'q2' }, 0);
    expect(draft.sections[0]?.questions.map((question) => question.reminders)).toEqual([['Ikke avbryt'], []]);
  });

  it('edits the intro checklist and the guide details', () => {
    let draft = addChecklistItem(base(), 'Samtykkeskjema signert', { idSource: counter() });
    draft = updateChecklistItem(draft, 'c1', 'Formålet er forklart');
    draft = moveChecklistItem(draft, 'new-1', 0);
    draft = removeChecklistItem(draft, 'c2');
    expect(draft.intro).toEqual([{ id: 'new-1', text: 'Samtykkeskjema signert' }, { id: 'c1', text: 'Formålet er forklart' }]);
    expect(updateGuideDetails(draft, { plannedMinutes: 45 })).toMatchObject({ title: 'Guide', plannedMinutes: 45 });
  });

  it('throws a GuideEditError for an id or reminder the draft does not have', () => {
    expect(() => updateQuestion(base(), 'nope', { text: 'x' })).toThrow(GuideEditError);
    expect(() => moveQuestion(base(), 'q1', 'nope', 0)).toThrow(GuideEditError);
    expect(() => removeProbe(base(), 'nope')).toThrow(GuideEditError);
    expect(() => removeSection(base(), 'nope')).toThrow(GuideEditError);
    expect(() => updateChecklistItem(base(), 'nope', 'x')).toThrow(GuideEditError);
    expect(() => removeReminder(base(), { sectionId: 's2' }, 0)).toThrow(GuideEditError);
  });
});
