/**
 * The guide's shape as a zod schema, for checking imported files and anything
 * about to be saved as a version. Errors name the place ("guide.sections[1].
 * questions[0].text") and say what is wrong in plain Norwegian.
 */
import { z } from 'zod';
import type { Guide } from './model';

// Extension pages forbid eval (MV3 content security policy). zod v4 compiles
// object parsers with `new Function` and probes for it when a schema is built;
// jitless mode must be on before the first schema is constructed. It is a
// global setting: see https://zod.dev/api (z.config jitless).
z.config({ jitless: true });

/** Where a problem is (dotted path with [index]) and what it is, in words for the researcher. */
export interface GuideProblem {
  path: string;
  message: string;
}

const text = z.string().trim().min(1);
const id = z.string().trim().min(1);
const reminders = z.array(text);

const checklistItemSchema = z.object({ id, text });
const probeSchema = z.object({ id, text });
const questionSchema = z.object({
  id,
  text,
  condition: text.nullable(),
  probes: z.array(probeSchema),
  reminders,
  mustAsk: z.boolean().optional(),
});
const sectionSchema = z.object({
  id,
  title: text,
  plannedMinutes: z.number().int().min(0).nullable(),
  reminders,
  questions: z.array(questionSchema),
});

export const guideSchema = z
  .object({
    id,
    version: z.number().int().min(1),
    parentVersion: z.number().int().min(1).nullable(),
    changeNote: z.string(),
    title: text,
    plannedMinutes: z.number().int().min(1),
    intro: z.array(checklistItemSchema),
    sections: z.array(sectionSchema),
    closing: z.array(checklistItemSchema).optional(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .superRefine((guide, context) => {
    if (guide.parentVersion !== null && guide.parentVersion >= guide.version) {
      context.addIssue({ code: 'custom', path: ['parentVersion'], message: 'må være lavere enn versjonsnummeret' });
    }
    const seen = new Map<string, string>();
    const check = (value: string, path: (string | number)[]): void => {
      const earlier = seen.get(value);
      if (earlier !== undefined) context.addIssue({ code: 'custom', path, message: `id-en «${value}» er allerede brukt i guide.${earlier}` });
      else seen.set(value, formatPath(path).slice('guide.'.length));
    };
    guide.intro.forEach((item, itemIndex) => check(item.id, ['intro', itemIndex, 'id']));
    guide.closing?.forEach((item, itemIndex) => check(item.id, ['closing', itemIndex, 'id']));
    guide.sections.forEach((section, sectionIndex) => {
      check(section.id, ['sections', sectionIndex, 'id']);
      section.questions.forEach((question, questionIndex) => {
        check(question.id, ['sections', sectionIndex, 'questions', questionIndex, 'id']);
        question.probes.forEach((probe, probeIndex) => {
          check(probe.id, ['sections', sectionIndex, 'questions', questionIndex, 'probes', probeIndex, 'id']);
        });
      });
    });
  });

// Compile-time guard: the schema must produce exactly the stored Guide shape.
const schemaMatchesModel: (parsed: z.output<typeof guideSchema>) => Guide = (parsed) => parsed;
void schemaMatchesModel;

/** Formats a zod path as `guide.sections[1].questions[0].text`. */
export function formatPath(path: readonly PropertyKey[], root = 'guide'): string {
  return path.reduce<string>((result, key) => (typeof key === 'number' ? `${result}[${key}]` : `${result}.${String(key)}`), root);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'tekst',
  number: 'et tall',
  int: 'et helt tall',
  boolean: 'sann/usann',
  array: 'en liste',
  object: 'et objekt',
  null: 'tom (null)',
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Turns one zod issue into a sentence a researcher can act on. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'mangler';
      if (issue.expected === 'int' && typeof issue.input === 'number') return 'må være et helt tall';
      const expected = String(issue.expected);
      return `skal være ${TYPE_NAMES[expected] ?? expected}, men er ${TYPE_NAMES[typeOf(issue.input)] ?? typeOf(issue.input)}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return 'kan ikke være tom';
      if (issue.origin === 'array') return 'kan ikke være en tom liste';
      return Number(issue.minimum) === 0 ? 'kan ikke være negativ' : `må være minst ${String(issue.minimum)}`;
    case 'invalid_value':
      return `skal være ${issue.values.map((value) => `«${String(value)}»`).join(' eller ')}`;
    case 'invalid_format':
      return issue.format === 'datetime' ? 'skal være et tidspunkt i ISO 8601-form, for eksempel 2024-05-01T12:00:00.000Z' : 'har feil form';
    case 'custom':
      return issue.message;
    default:
      return issue.message;
  }
}

/** Checks a guide before it is saved; an empty list means it is valid. */
export function validateGuide(guide: unknown): GuideProblem[] {
  const result = guideSchema.safeParse(guide, { reportInput: true, jitless: true });
  return result.success ? [] : result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: describeIssue(issue) }));
}
