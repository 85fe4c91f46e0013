import { describe, expect, it } from 'vitest';
import { EXAMPLE_GUIDE_TEXT, exampleGuide } from './example-guide';
import { parseGuideText } from './text-import';
import { totalPlannedMinutes } from './versions';
import { validateGuide } from './schema';

function counter(): () => string {
  let next = 0;
  return () => `id-${(next += 1)}`;
}

describe('example guide', () => {
  it('parses cleanly: every line of the text is placed', () => {
    const result = parseGuideText(EXAMPLE_GUIDE_TEXT, { idSource: counter() });
    expect(result.unplaced).toEqual([]);
    expect(result.format).toBe('plain');
  });

  it('is a valid version 1 saved at the given time', () => {
    const guide = exampleGuide(new Date('2025-03-01T09:00:00.000Z'), counter());
    expect(validateGuide(guide)).toEqual([]);
    expect(guide).toMatchObject({ version: 1, parentVersion: null, createdAt: '2025-03-01T09:00:00.000Z', title: 'Intervjuguide: Unge voksne og ensomhet etter pandemien' });
  });

  it('plans 60 minutes, spread over 4–5 sections that add up to the total', () => {
    const guide = exampleGuide(new Date(), counter());
    expect(guide.plannedMinutes).toBe(60);
    expect(guide.sections.length).toBeGreaterThanOrEqual(4);
    expect(guide.sections.length).toBeLessThanOrEqual(5);
    expect(guide.sections.every((section) => section.plannedMinutes !== null)).toBe(true);
    expect(totalPlannedMinutes(guide)).toBe(60);
  });

  it('has about a dozen questions with probes and exactly one conditional question', () => {
    const questions = exampleGuide(new Date(), counter()).sections.flatMap((section) => section.questions);
    expect(questions.length).toBeGreaterThanOrEqual(11);
    expect(questions.length).toBeLessThanOrEqual(14);
    expect(questions.filter((question) => question.probes.length > 0).length).toBeGreaterThanOrEqual(4);
    const conditional = questions.filter((question) => question.condition !== null);
    expect(conditional.map((question) => question.condition)).toEqual(['Hvis deltakeren har vært i kontakt med hjelpetjenester']);
  });

  it('reminds the interviewer that third parties must not be identifiable', () => {
    const reminders = exampleGuide(new Date(), counter()).sections.flatMap((section) => section.reminders);
    expect(reminders.some((reminder) => /tredjeparter/.test(reminder) && /identifiseres/.test(reminder))).toBe(true);
  });

  it('tells a new user, in its first section, what to do first', () => {
    const first = exampleGuide(new Date(), counter()).sections[0]!;
    expect(first.questions[0]!.text).toMatch(/^Kan du fortelle litt om deg selv/);
    expect(first.reminders.join('\n')).toMatch(/Slik begynner du: .*kryss dem av, start opptaket/);
  });

  it('opens with a consent checklist covering purpose, voluntariness, recording, anonymisation and the signed form', () => {
    const intro = exampleGuide(new Date(), counter()).intro.map((item) => item.text).join('\n');
    for (const topic of [/formålet/, /frivillig.*trekke seg/, /opptak.*slettes/, /anonymisert/, /[Ss]amtykkeskjema.*signert/]) {
      expect(intro).toMatch(topic);
    }
  });

  it('takes every id from the id source, with no id used twice', () => {
    const guide = exampleGuide(new Date(), counter());
    const ids = [guide.id, ...guide.intro.map((item) => item.id), ...guide.sections.flatMap((section) => [section.id, ...section.questions.flatMap((question) => [question.id, ...question.probes.map((probe) => probe.id)])])];
    expect(ids.every((id) => id.startsWith('id-'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('marks must-ask questions and ends with closing items: thanks, the right to withdraw, anything to add', () => {
    const guide = exampleGuide(new Date(), counter());
    const mustAsk = guide.sections.flatMap((section) => section.questions).filter((question) => question.mustAsk === true);
    expect(mustAsk.map((question) => question.text)).toContain('Hva betyr ordet ensomhet for deg?');
    const closing = (guide.closing ?? []).map((item) => item.text).join('\n');
    expect(closing).toMatch(/Takk deltakeren/);
    expect(closing).toMatch(/trekke seg/);
    expect(closing).toMatch(/noe å legge til/);
  });
});
