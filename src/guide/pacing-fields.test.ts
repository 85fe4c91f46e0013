import { describe, expect, it } from 'vitest';
import type { Guide } from './model';
import { addClosingItem, moveClosingItem, removeClosingItem, updateClosingItem, updateQuestion } from './edit';
import { guideToJson, parseGuideJson } from './json';
import { parseGuideText } from './text-import';
import { createGuide, newVersion } from './versions';

const GUIDE = `Intervjuguide: Arbeid og fritid
Varighet: 45 minutter

1. Arbeid (15 min)
! Hva jobber du med?
- Arbeidstid
Hvordan trives du? (må spørres)
Hva gjør du i lunsjen?

2. Avslutning (5 min)
(must ask) Er det noe du vil legge til?
Hvordan var det å bli intervjuet?

Etter intervjuet:
- Takk deltakeren for tiden.
- Minn om at deltakeren kan trekke seg uten å oppgi grunn.
`;

describe('must-ask and closing items in a pasted guide', () => {
  const { draft, unplaced } = parseGuideText(GUIDE);

  it('reads a leading "!" or "(må spørres)"/"(must ask)" as must-ask and drops the marker from the wording', () => {
    const questions = draft.sections.flatMap((section) => section.questions);
    expect(questions.map((question) => [question.text, question.mustAsk === true])).toEqual([
      ['Hva jobber du med?', true],
      ['Hvordan trives du?', true],
      ['Hva gjør du i lunsjen?', false],
      ['Er det noe du vil legge til?', true],
      ['Hvordan var det å bli intervjuet?', false],
    ]);
    expect(questions[0]?.probes.map((probe) => probe.text)).toEqual(['Arbeidstid']);
    // Unmarked questions carry no field at all: stored as before.
    expect('mustAsk' in (questions[2] ?? {})).toBe(false);
  });

  it('keeps an "Avslutning" section as a section and makes "Etter intervjuet:" the closing checklist', () => {
    expect(draft.sections.map((section) => [section.title, section.questions.length])).toEqual([
      ['Arbeid', 3],
      ['Avslutning', 2],
    ]);
    expect(draft.closing?.map((item) => item.text)).toEqual([
      'Takk deltakeren for tiden.',
      'Minn om at deltakeren kan trekke seg uten å oppgi grunn.',
    ]);
    expect(unplaced).toEqual([]);
  });

  it('reads an English "After the interview" Markdown heading the same way', () => {
    const { draft: english } = parseGuideText('# Interview guide\n\n## Work\n\nWhat do you do?\n\n## After the interview\n\n- Thank the participant\n- Ask if they have anything to add\n');
    expect(english.sections.map((section) => section.title)).toEqual(['Work']);
    expect(english.closing?.map((item) => item.text)).toEqual(['Thank the participant', 'Ask if they have anything to add']);
  });

  it('leaves closing items out of a guide that has none', () => {
    expect('closing' in parseGuideText('1. Arbeid\nHva jobber du med?\n').draft).toBe(false);
  });
});

describe('must-ask and closing items in saved guides and guide files', () => {
  const saved = createGuide(parseGuideText(GUIDE).draft, { now: new Date('2024-05-01T12:00:00Z') });

  it('survive saving, a new version and a guide file round trip', () => {
    const next = newVersion(saved, saved, 'Ingen endring i innhold');
    expect(next.closing).toEqual(saved.closing);
    const read = parseGuideJson(guideToJson(next));
    expect(read.ok && read.guide.closing?.length).toBe(2);
    expect(read.ok && read.guide.sections[0]?.questions[0]?.mustAsk).toBe(true);
  });

  it('reads an older guide file without the fields', () => {
    const older = JSON.parse(guideToJson(saved)) as { guide: Record<string, unknown> & { sections: { questions: Record<string, unknown>[] }[] } };
    delete older.guide.closing;
    for (const section of older.guide.sections) for (const question of section.questions) delete question.mustAsk;
    const read = parseGuideJson(JSON.stringify(older));
    expect(read.ok).toBe(true);
    expect(read.ok && read.guide.closing).toBeUndefined();
  });

  it('tells what is wrong with a must-ask flag that is not true or false', () => {
    const broken = JSON.parse(guideToJson(saved)) as { guide: { sections: { questions: Record<string, unknown>[] }[] } };
    const first = broken.guide.sections[0]?.questions[0];
    if (first) first.mustAsk = 'ja';
    const read = parseGuideJson(JSON.stringify(broken));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors[0]?.path).toBe('guide.sections[0].questions[0].mustAsk');
  });

  it('ticks and unticks must-ask in the editor', () => {
    const id = saved.sections[0]?.questions[2]?.id ?? '';
    const ticked = updateQuestion(saved, id, { mustAsk: true });
    expect(ticked.sections[0]?.questions[2]?.mustAsk).toBe(true);
    const unticked = updateQuestion(ticked, id, { mustAsk: false });
    expect('mustAsk' in (unticked.sections[0]?.questions[2] ?? {})).toBe(false);
  });

  it('adds, rewrites, moves and removes closing items in the editor, starting from a guide without any', () => {
    const { closing: _dropped, ...rest } = saved;
    const withoutClosing: Guide = rest;
    let ids = 0;
    const idSource = () => `c${(ids += 1)}`;
    let edited = addClosingItem(withoutClosing, 'Takk', { idSource });
    edited = addClosingItem(edited, 'Noe å legge til?', { idSource });
    edited = updateClosingItem(edited, 'c1', 'Takk deltakeren');
    edited = moveClosingItem(edited, 'c2', 0);
    expect(edited.closing).toEqual([
      { id: 'c2', text: 'Noe å legge til?' },
      { id: 'c1', text: 'Takk deltakeren' },
    ]);
    expect(removeClosingItem(edited, 'c2').closing).toEqual([{ id: 'c1', text: 'Takk deltakeren' }]);
    expect(() => updateClosingItem(withoutClosing, 'nope', 'x')).toThrow();
  });
});
