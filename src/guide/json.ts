/**
 * Guide files for sharing a guide between researchers or machines: a versioned
 * envelope around one guide version, checked field by field on import.
 */
import { z } from 'zod';
import { GUIDE_FORMAT_VERSION, type Guide } from './model';
import { findJsonSyntaxProblem } from './json-syntax';
import { describeIssue, formatPath, guideSchema, type GuideProblem } from './schema';

/** The marker that tells a guide file from any other JSON file. */
export const GUIDE_FILE_FORMAT = 'intervju-guide';

export interface GuideFile {
  format: typeof GUIDE_FILE_FORMAT;
  formatVersion: typeof GUIDE_FORMAT_VERSION;
  guide: Guide;
}

export type GuideJsonResult = { ok: true; guide: Guide } | { ok: false; errors: GuideProblem[] };

const envelopeSchema = z.object({
  format: z.literal(GUIDE_FILE_FORMAT),
  formatVersion: z.literal(GUIDE_FORMAT_VERSION),
  guide: guideSchema,
});

/** Writes one guide version as a guide file (pretty-printed JSON in the versioned envelope). */
export function guideToJson(guide: Guide): string {
  const file: GuideFile = { format: GUIDE_FILE_FORMAT, formatVersion: GUIDE_FORMAT_VERSION, guide };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads a guide file, or says where and why it cannot be used. */
export function parseGuideJson(text: string): GuideJsonResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const problem = findJsonSyntaxProblem(text);
    const where = problem ? ` på linje ${problem.line}, kolonne ${problem.column}: ${problem.message}` : '';
    return { ok: false, errors: [{ path: '', message: `Filen er ikke gyldig JSON${where}.` }] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('format' in data)) {
    return { ok: false, errors: [{ path: 'format', message: 'Filen er ikke en intervjuguide (feltet «format» mangler).' }] };
  }
  if (data.format !== GUIDE_FILE_FORMAT) {
    return { ok: false, errors: [{ path: 'format', message: `Filen er ikke en intervjuguide: «format» er «${String(data.format)}», ikke «${GUIDE_FILE_FORMAT}».` }] };
  }
  if ('formatVersion' in data && typeof data.formatVersion === 'number' && data.formatVersion > GUIDE_FORMAT_VERSION) {
    return {
      ok: false,
      errors: [{ path: 'formatVersion', message: `Filen er laget av en nyere versjon av Intervju (formatversjon ${data.formatVersion}); oppdater utvidelsen for å åpne den.` }],
    };
  }
  const result = envelopeSchema.safeParse(data, { reportInput: true, jitless: true });
  if (result.success) return { ok: true, guide: result.data.guide };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ path: formatPath(issue.path, '').replace(/^\./, ''), message: describeIssue(issue) })),
  };
}
