import { describe, expect, it } from 'vitest';
import { diffGuides } from './diff';
import { addProbe, addQuestion, moveProbe, moveQuestion, moveSection, removeSection, updateQuestion, updateSection } from './edit';
import type { GuideDraft } from './model';

const base = (): GuideDraft => ({
  title: 'Guide',
  plannedMinutes: 60,
  intro: [{ id: 'c1', text: 'Samtykke signert.' }],
  sections: [
    {
      id: 's1',
      title: 'Bakgrunn',
      plannedMinutes: 10,
      reminders: [],
      questions: [
        { id: 'q1', text: 'Hvor bor du?', condition: null, probes: [{ id: 'p1', text: 'Hvor lenge?' }], reminders: [] },
        { id: 'q2', text: 'Hva jobber du med?', condition: null, probes: [], reminders: [] },
        { id: 'q3', text: 'Har du barn?', condition: null, probes: [], reminders: [] },
      ],
    },
    { id: 's2', title: 'Fritid', plannedMinutes: 20, reminders: [], questions: [{ id: 'q4', text: 'Hva gjør du på fritiden?', condition: null, probes: [], reminders: [] }] },
    { id: 's3', title: 'Avslutning', plannedMinutes: 5, reminders: [], questions: [] },
  ],
});

describe('diffGuides', () => {
  it('finds nothing between a guide and itself', () => {
    expect(diffGuides(base(), base())).toEqual([]);
  });

  it('reports changed wording, conditions and minutes with before and after', () => {
    let edited = updateQuestion(base(), 'q2', { text: 'Hva arbeider du med?', condition: 'Hvis i jobb' });
    edited = updateSection(edited, 's2', { plannedMinutes: 25 });
    edited = { ...edited, plannedMinutes: 65 };
    expect(diffGuides(base(), edited).map((change) => [change.kind, change.part, change.id, change.field, change.before, change.after])).toEqual([
      ['changed', 'guide', null, 'plannedMinutes', '60', '65'],
      ['changed', 'section', 's2', 'plannedMinutes', '20', '25'],
      ['changed', 'question', 'q2', 'text', 'Hva jobber du med?', 'Hva arbeider du med?'],
      ['changed', 'question', 'q2', 'condition', null, 'Hvis i jobb'],
    ]);
    expect(diffGuides(base(), edited)[2]?.description).toBe('Spørsmål endret: «Hva jobber du med?» → «Hva arbeider du med?»');
  });

  it('reports a question made must-ask, or no longer, and changed closing items', () => {
    const before: GuideDraft = { ...base(), closing: [{ id: 'e1', text: 'Takk deltakeren.' }] };
    const after: GuideDraft = {
      ...updateQuestion(before, 'q1', { mustAsk: true }),
      closing: [
        { id: 'e1', text: 'Takk deltakeren for tiden.' },
        { id: 'e2', text: 'Minn om retten til å trekke seg.' },
      ],
    };
    expect(diffGuides(before, after).map((change) => [change.kind, change.part, change.id, change.field, change.description])).toEqual([
      ['changed', 'closing-item', 'e1', 'text', 'Avslutningspunkt endret: «Takk deltakeren.» → «Takk deltakeren for tiden.»'],
      ['added', 'closing-item', 'e2', null, 'Nytt avslutningspunkt: «Minn om retten til å trekke seg.»'],
      ['changed', 'question', 'q1', 'mustAsk', '«Hvor bor du?» må nå spørres'],
    ]);
    // A guide from before these fields existed reads as none of them.
    expect(diffGuides(base(), { ...base(), closing: [] })).toEqual([]);
    expect(diffGuides(updateQuestion(before, 'q1', { mustAsk: true }), before).map((change) => change.description)).toEqual(['«Hvor bor du?» må ikke lenger spørres']);
  });

  it('reports added and removed items by id', () => {
    let edited = removeSection(base(), 's3');
    edited = addQuestion(edited, 's2', 'Hvem er du sammen med?', { idSource: () => 'q5' });
    edited = addProbe(edited, 'q5', 'Venner?', { idSource: () => 'p2' });
    const changes = diffGuides(base(), edited);
    expect(changes.map((change) => [change.kind, change.part, change.id])).toEqual([
      ['removed', 'section', 's3'],
      ['added', 'question', 'q5'],
      ['added', 'probe', 'p2'],
    ]);
    expect(changes.map((change) => change.description)).toEqual([
      'Del fjernet: «Avslutning»',
      'Nytt spørsmål i «Fritid»: «Hvem er du sammen med?»',
      'Ny oppfølging til «Hvem er du sammen med?»: «Venner?»',
    ]);
  });

  it('reports only the item that moved, not the ones that shifted around it', () => {
    const edited = moveQuestion(base(), 'q3', 's1', 0);
    expect(diffGuides(base(), edited).map((change) => [change.kind, change.id])).toEqual([['moved', 'q3']]);
    expect(diffGuides(base(), moveSection(base(), 's1', 2)).map((change) => [change.kind, change.id])).toEqual([['moved', 's1']]);
  });

  it('reports a move to another section or question with the old and new parent', () => {
    let edited = moveQuestion(base(), 'q2', 's2', 1);
    edited = moveProbe(edited, 'p1', 'q4', 0);
    expect(diffGuides(base(), edited).map((change) => [change.kind, change.part, change.id, change.before, change.after])).toEqual([
      ['moved', 'question', 'q2', 's1', 's2'],
      ['moved', 'probe', 'p1', 'q1', 'q4'],
    ]);
  });
});
