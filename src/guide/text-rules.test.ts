import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanExtractedText } from './text-lines';
import { parseGuideText, UNPLACED_REASONS } from './text-import';

function counter(): () => string {
  let next = 0;
  return () => `id-${(next += 1)}`;
}

const parse = (text: string, title?: string) => parseGuideText(text, { idSource: counter(), ...(title ? { title } : {}) });
const questionTexts = (text: string) => parse(text).draft.sections.map((section) => section.questions.map((question) => question.text));

describe('PDF clean-up', () => {
  it('drops page numbers in their usual forms without listing them as unplaced', () => {
    const text = ['Bakgrunn (5 min)', 'Hvor kommer du fra?', '3', 'Hva jobber du med?', 'Side 3 av 7', 'Hvor bor du?', '- 4 -', 'Har du barn?', 'Page 5', 'Hva gjør du på fritiden?'].join('\n');
    const { lines, dropped } = cleanExtractedText(text);
    expect(dropped).toEqual([3, 5, 7, 9]);
    expect(lines.map((line) => line.text)).not.toContain('3');
    const result = parse(text);
    expect(result.unplaced).toEqual([]);
    expect(result.draft.sections[0]?.questions).toHaveLength(5);
  });

  it('drops a header repeated at each page break but keeps the first line as the title', () => {
    const text = ['Studie om ensomhet', '', 'Bakgrunn', '', 'Hvor kommer du fra?', '1', 'Studie om ensomhet', 'Hva jobber du med?', '2', 'Studie om ensomhet', 'Hvor bor du?'].join('\n');
    const result = parse(text);
    expect(result.draft.title).toBe('Studie om ensomhet');
    expect(result.draft.sections[0]?.questions.map((question) => question.text)).toEqual(['Hvor kommer du fra?', 'Hva jobber du med?', 'Hvor bor du?']);
    expect(result.unplaced).toEqual([]);
  });

  it('keeps a repeated line when the text shows no page breaks', () => {
    const text = ['Tema A', '', 'Hva tenker du om A?', 'Ikke avbryt deltakeren.', '', 'Tema B', '', 'Hva tenker du om B?', 'Ikke avbryt deltakeren.'].join('\n');
    const reminders = parse(text).draft.sections.flatMap((section) => section.questions.flatMap((question) => question.reminders));
    expect(reminders).toEqual(['Ikke avbryt deltakeren.', 'Ikke avbryt deltakeren.']);
  });

  it('joins words hyphenated at a line end but keeps real compounds', () => {
    const { lines } = cleanExtractedText('Hva synes du om intervju-\nguiden og om Covid-19-tiden?\nHar du vært i kontakt med NAV-\nkontoret?');
    expect(lines.map((line) => line.text)).toEqual(['Hva synes du om intervjuguiden og om Covid-19-tiden?', 'Har du vært i kontakt med NAV-kontoret?']);
  });

  it('joins a line broken mid-sentence when the next starts in lower case', () => {
    const { lines } = cleanExtractedText('Kan du fortelle om hvordan\nhverdagen din så ut?\nHva savnet du?');
    expect(lines).toEqual([
      { line: 1, text: 'Kan du fortelle om hvordan hverdagen din så ut?' },
      { line: 3, text: 'Hva savnet du?' },
    ]);
  });

  it('does not merge separate Word paragraphs that lack a full stop', () => {
    const result = parse('Sjekkliste\n\nInformer om formålet\nFrivillig deltakelse\n\nBakgrunn\n\nHvor kommer du fra?');
    expect(result.draft.intro.map((item) => item.text)).toEqual(['Informer om formålet', 'Frivillig deltakelse']);
  });
});

describe('sections and planned time', () => {
  it('reads planned minutes from heading forms and strips them from the title', () => {
    const text = ['Bakgrunn (10 min)', 'Hva?', 'Arbeid (ca. 10 minutter)', 'Hva?', 'Fritid – 5 min', 'Hva?', 'Helse (10–15 min.)', 'Hva?', 'Del 5: Avslutning', 'Hva?'].join('\n');
    expect(parse(text).draft.sections.map((section) => [section.title, section.plannedMinutes])).toEqual([
      ['Bakgrunn', 10],
      ['Arbeid', 10],
      ['Fritid', 5],
      ['Helse', 15],
      ['Avslutning', null],
    ]);
  });

  it('takes the total from a duration line, in minutes or hours', () => {
    expect(parse('Varighet: 60 minutter\n\nTEMA\nHva?').draft.plannedMinutes).toBe(60);
    expect(parse('Planned length: 45 min\n\nTOPIC\nWhat?').draft.plannedMinutes).toBe(45);
    expect(parse('Varighet: 1,5 timer\n\nTEMA\nHva?').draft.plannedMinutes).toBe(90);
  });

  it('uses the sum of section minutes when every section has one, and 60 otherwise', () => {
    expect(parse('A (20 min)\nHva?\nB (25 min)\nHva?').draft.plannedMinutes).toBe(45);
    expect(parse('A (20 min)\nHva?\n\nArbeid\n\nHva?').draft.plannedMinutes).toBe(60);
  });

  it('turns a question-less "Innledning" part into the intro checklist', () => {
    const result = parse('Innledning\nInformer om formålet.\nSamtykke er signert.\n\nBakgrunn\n\nHvor kommer du fra?');
    expect(result.draft.intro.map((item) => item.text)).toEqual(['Informer om formålet.', 'Samtykke er signert.']);
    expect(result.draft.sections.map((section) => section.title)).toEqual(['Bakgrunn']);
  });

  it('keeps a numbered consent list in the intro instead of making each point a section', () => {
    const result = parse('1. Informer om formålet\n2. Frivillighet\n\n1. Bakgrunn\nHvor kommer du fra?');
    expect(result.draft.intro.map((item) => item.text)).toEqual(['Informer om formålet', 'Frivillighet']);
    expect(result.draft.sections.map((section) => section.title)).toEqual(['Bakgrunn']);
  });

  it('makes one "Spørsmål" section when the guide has no headings at all', () => {
    const result = parse('Husk samtykkeskjemaet.\nHvor kommer du fra?\nHva jobber du med?');
    expect(result.draft.intro.map((item) => item.text)).toEqual(['Husk samtykkeskjemaet.']);
    expect(result.draft.sections.map((section) => [section.title, section.questions.length])).toEqual([['Spørsmål', 2]]);
    expect(result.draft.title).toBe('Intervjuguide');
  });

  it('keeps the typed title over the text’s own (issue 9: a title typed on import is kept)', () => {
    expect(parse('Intervjuguide om arbeid\n\nBakgrunn\n\nHva?', 'Fra skjema').draft.title).toBe('Fra skjema');
    expect(parse('Intervjuguide om arbeid\n\nBakgrunn\n\nHva?').draft.title).toBe('Intervjuguide om arbeid');
    expect(parse('1. Bakgrunn\nHva?', 'Fra skjema').draft.title).toBe('Fra skjema');
  });
});

describe('questions, probes, conditions and reminders', () => {
  it('makes further questions on the same line probes, and a bracketed list one probe per item', () => {
    const question = parse('TEMA\nHva betyr mest for deg? Hvorfor det? (f.eks. natur, religion og venner)').draft.sections[0]?.questions[0];
    expect(question?.text).toBe('Hva betyr mest for deg?');
    expect(question?.probes.map((probe) => probe.text)).toEqual(['Hvorfor det?', 'natur', 'religion', 'venner']);
  });

  it('keeps a bracketed remark that is not a list as a reminder of the question', () => {
    const question = parse('TEMA\nHva skjedde da?\n(ikke press på dette)').draft.sections[0]?.questions[0];
    expect(question?.probes).toEqual([]);
    expect(question?.reminders).toEqual(['ikke press på dette']);
  });

  it('tells sibling bullet questions from probes by marker and indentation', () => {
    const text = 'TEMA\n\u2022\tHvor bor du?\n\to\tHvor lenge?\n\u2022\tHva jobber du med?\n\u2022\tHeltid';
    const questions = parse(text).draft.sections[0]?.questions;
    expect(questions?.map((question) => [question.text, question.probes.map((probe) => probe.text)])).toEqual([
      ['Hvor bor du?', ['Hvor lenge?']],
      ['Hva jobber du med?', ['Heltid']],
    ]);
  });

  it('reads conditions in their written forms and leaves ordinary "hvis" questions alone', () => {
    const text = [
      'TEMA',
      'Hvis ja: Hvordan var det?',
      '[Hvis deltakeren har barn] Hvordan har barna hatt det?',
      'Spør bare hvis deltakeren bor alene.',
      'Hvordan er det å bo alene?',
      'Only if they studied: What did you study?',
      'Hvis du tenker tilbake, hva savner du?',
    ].join('\n');
    expect(parse(text).draft.sections[0]?.questions.map((question) => [question.text, question.condition])).toEqual([
      ['Hvordan var det?', 'Hvis ja'],
      ['Hvordan har barna hatt det?', 'Hvis deltakeren har barn'],
      ['Hvordan er det å bo alene?', 'Spør bare hvis deltakeren bor alene'],
      ['What did you study?', 'Only if they studied'],
      ['Hvis du tenker tilbake, hva savner du?', null],
    ]);
  });

  it('gives a list introduced by "Hvis ja:" the condition, its other items becoming probes', () => {
    const questions = parse('TEMA\nHar du barn?\nHvis ja:\n- Hvor gamle er de?\n- Hvordan har de hatt det?').draft.sections[0]?.questions;
    expect(questions?.map((question) => [question.text, question.condition, question.probes.map((probe) => probe.text)])).toEqual([
      ['Har du barn?', null, []],
      ['Hvor gamle er de?', 'Hvis ja', ['Hvordan har de hatt det?']],
    ]);
  });

  it('puts text before a section’s first question in the section’s reminders and text after a question in that question’s', () => {
    const section = parse('TEMA\n\nNB: Ingen navn.\nHva skjedde?\nLa deltakeren snakke fritt.').draft.sections[0];
    expect(section?.reminders).toEqual(['NB: Ingen navn.']);
    expect(section?.questions[0]?.reminders).toEqual(['La deltakeren snakke fritt.']);
  });

  it('strips numbering from questions', () => {
    expect(questionTexts('TEMA\n1. Hvor bor du?\nSpørsmål 2: Hva jobber du med?\n3) Har du barn?')).toEqual([['Hvor bor du?', 'Hva jobber du med?', 'Har du barn?']]);
  });
});

describe('Markdown', () => {
  it('treats several # headings as sections and lists text above a single # title as unplaced', () => {
    expect(parse('# Del A\nHva?\n# Del B\nHvorfor?').draft.sections.map((section) => section.title)).toEqual(['Del A', 'Del B']);
    const result = parse('Utkast 3\n# Min guide\n## Tema\nHva?');
    expect(result.draft.title).toBe('Min guide');
    expect(result.unplaced).toEqual([{ line: 1, text: 'Utkast 3', reason: UNPLACED_REASONS.aboveTitle }]);
  });

  it('reads "- [ ]" checkboxes as checklist items and **bold** lines as headings', () => {
    const result = parse('# Guide\n- [ ] Samtykke signert\n\n**Bakgrunn (10 min)**\n\n- Hvor bor du?\n  - Hvor lenge?');
    expect(result.format).toBe('markdown');
    expect(result.draft.intro.map((item) => item.text)).toEqual(['Samtykke signert']);
    expect(result.draft.sections.map((section) => [section.title, section.plannedMinutes, section.questions.map((question) => question.probes.length)])).toEqual([['Bakgrunn', 10, [1]]]);
  });
});

describe('unplaced lines', () => {
  it('lists a follow-up in the intro and a label over the checklist, never dropping them', () => {
    const result = parse('Gjør dette:\nOppfølging: hvorfor?\nSamtykke signert.\n\nTEMA\nHva?');
    expect(result.unplaced).toEqual([
      { line: 1, text: 'Gjør dette:', reason: UNPLACED_REASONS.introLabel },
      { line: 2, text: 'Oppfølging: hvorfor?', reason: UNPLACED_REASONS.probeWithoutQuestion },
    ]);
    expect(result.draft.intro.map((item) => item.text)).toEqual(['Samtykke signert.']);
  });
});

describe('documented behaviour', () => {
  it('parses the example in docs/guide-import.md as the page says', () => {
    const page = readFileSync(new URL('../../docs/guide-import.md', import.meta.url), 'utf8');
    const example = page.split('## Example')[1]?.split('```')[1] ?? '';
    const result = parse(example);
    expect(result.unplaced).toEqual([]);
    expect([result.draft.title, result.draft.plannedMinutes, result.draft.intro.length]).toEqual(['Intervjuguide: Unge voksne og ensomhet', 45, 2]);
    const [background, relations] = result.draft.sections;
    expect(background?.questions[0]?.probes.map((probe) => probe.text)).toEqual(['Studier eller jobb']);
    expect(relations?.reminders).toEqual(['NB: Ikke be om navn på venner eller familie.']);
    expect(relations?.questions.map((question) => [question.text, question.condition, question.probes.length, question.reminders])).toEqual([
      ['Hva savnet du mest under pandemien?', null, 3, []],
      ['Har du kjent deg ensom?', null, 0, []],
      ['Hva gjorde du da?', 'Hvis ja', 0, ['La deltakeren styre tempoet.']],
    ]);
  });

  it('reads "Tittel:", a "Tid:" line under a heading and an indented question as a probe', () => {
    const result = parse('Tittel: Guide om skole\n\nSkolen\nTid: 10 min\nHvordan var skolen?\n    Hvem var læreren din?');
    expect(result.draft.title).toBe('Guide om skole');
    expect(result.draft.sections.map((section) => [section.title, section.plannedMinutes])).toEqual([['Skolen', 10]]);
    expect(result.draft.sections[0]?.questions.map((question) => [question.text, question.probes.map((probe) => probe.text)])).toEqual([
      ['Hvordan var skolen?', ['Hvem var læreren din?']],
    ]);
  });
});
