import { describe, expect, it } from 'vitest';
import { exampleGuide } from './example-guide';
import { guideToJson, parseGuideJson, type GuideJsonResult } from './json';
import { findJsonSyntaxProblem } from './json-syntax';
import type { Guide } from './model';

function counter(): () => string {
  let next = 0;
  return () => `id-${(next += 1)}`;
}

const guide = (): Guide => exampleGuide(new Date('2025-03-01T09:00:00.000Z'), counter());

/** A guide file whose guide has been changed by `edit`. */
function fileWith(edit: (data: Record<string, unknown> & { guide: Record<string, any> }) => void): string {
  const data = JSON.parse(guideToJson(guide()));
  edit(data);
  return JSON.stringify(data, null, 2);
}

function errorsOf(result: GuideJsonResult) {
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors;
}

describe('guide files', () => {
  it('round-trips a guide through its versioned envelope', () => {
    const original = guide();
    const text = guideToJson(original);
    expect(JSON.parse(text)).toMatchObject({ format: 'intervju-guide', formatVersion: 1 });
    expect(parseGuideJson(text)).toEqual({ ok: true, guide: original });
  });

  it('rejects text that is not JSON and says on which line and column', () => {
    const text = guideToJson(guide()).replace('"version": 1,', '"version": 1');
    const errors = errorsOf(parseGuideJson(text));
    const line = text.split('\n').findIndex((candidate) => candidate.includes('"parentVersion"')) + 1;
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`linje ${line}, kolonne 5`);
    expect(errors[0]?.message).toMatch(/ikke gyldig JSON/);
  });

  it('rejects a JSON file of another kind and one from a newer format', () => {
    expect(errorsOf(parseGuideJson('{"format":"refi-qda"}'))).toEqual([{ path: 'format', message: expect.stringContaining('«refi-qda»') }]);
    expect(errorsOf(parseGuideJson('[1,2]'))[0]?.path).toBe('format');
    expect(errorsOf(parseGuideJson(fileWith((data) => (data.formatVersion = 2))))).toEqual([{ path: 'formatVersion', message: expect.stringContaining('nyere versjon') }]);
  });

  it('names missing fields by their path', () => {
    const errors = errorsOf(parseGuideJson(fileWith((data) => delete data.guide.sections[1].questions[0].text)));
    expect(errors).toEqual([{ path: 'guide.sections[1].questions[0].text', message: 'mangler' }]);
  });

  it('says which type a field should have', () => {
    const errors = errorsOf(parseGuideJson(fileWith((data) => {
      data.guide.plannedMinutes = '60';
      data.guide.sections[0].questions = {};
      data.guide.version = 1.5;
    })));
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'guide.plannedMinutes', message: 'skal være et tall, men er tekst' },
        { path: 'guide.sections[0].questions', message: 'skal være en liste, men er et objekt' },
        { path: 'guide.version', message: 'må være et helt tall' },
      ]),
    );
    expect(errors).toHaveLength(3);
  });

  it('rejects empty texts, also when they are only spaces', () => {
    const errors = errorsOf(parseGuideJson(fileWith((data) => {
      data.guide.title = '   ';
      data.guide.intro[0].text = '';
      data.guide.sections[2].reminders[0] = '';
    })));
    expect(errors.map((error) => error.path).sort()).toEqual(['guide.intro[0].text', 'guide.sections[2].reminders[0]', 'guide.title']);
    expect(new Set(errors.map((error) => error.message))).toEqual(new Set(['kan ikke være tom']));
  });

  it('rejects negative minutes', () => {
    const errors = errorsOf(parseGuideJson(fileWith((data) => (data.guide.sections[3].plannedMinutes = -5))));
    expect(errors).toEqual([{ path: 'guide.sections[3].plannedMinutes', message: 'kan ikke være negativ' }]);
  });

  it('rejects an id used twice and points to where it was first used', () => {
    const errors = errorsOf(parseGuideJson(fileWith((data) => (data.guide.sections[2].questions[1].probes = [{ id: data.guide.sections[0].id, text: 'Hvorfor?' }]))));
    expect(errors).toEqual([{ path: 'guide.sections[2].questions[1].probes[0].id', message: expect.stringContaining('guide.sections[0].id') }]);
  });

  it('rejects a parent version that is not older than the version', () => {
    const errors = errorsOf(parseGuideJson(fileWith((data) => (data.guide.parentVersion = 1))));
    expect(errors).toEqual([{ path: 'guide.parentVersion', message: 'må være lavere enn versjonsnummeret' }]);
  });
});

describe('findJsonSyntaxProblem', () => {
  it('finds nothing wrong in valid JSON', () => {
    expect(findJsonSyntaxProblem('{"a": [1, -2.5e3, true, null, "x\\n\\u00e6"]}')).toBeNull();
  });

  it('points at the first character that does not fit', () => {
    expect(findJsonSyntaxProblem('{\n  "a": 1,\n  "b": }')).toMatchObject({ line: 3, column: 8 });
    expect(findJsonSyntaxProblem('{"a": "open')).toMatchObject({ line: 1, column: 12, message: expect.stringContaining('slutter for tidlig') });
    expect(findJsonSyntaxProblem('{"a": 1} x')).toMatchObject({ line: 1, column: 10 });
  });
});
