/**
 * Evaluation of the coverage matcher against a labelled set: used by the
 * benchmark (`npm run bench:coverage`) and by the accuracy test.
 *
 * Utterance line: `{"text": "...", "label": "s2q3" | null}` — 1-based section and
 * question position in the guide as imported; null when it asks no question.
 * Mention line: `{"text": "...", "probes": ["s2q4#1", ...]}` — 1-based probe
 * position under that question.
 */
import type { GuideDraft } from '../../guide/model';
import { parseGuideText } from '../../guide/text-import';
import { createCoverageMatcher, type CoverageMatcherOptions } from './matcher';

export interface LabelledUtterance {
  text: string;
  label: string | null;
}

export interface LabelledMention {
  text: string;
  probes: string[];
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface EvaluationResult {
  questions: PrecisionRecall;
  probes: PrecisionRecall | null;
  /** Mean milliseconds per matchQuestion / matchProbes call. */
  msPerUtterance: number;
  /** Items the matcher got wrong, for reading. */
  errors: string[];
}

/** Reads a guide exactly as a pasted guide is read. Ids are the positions ("s2q3", "s2q3#1") so labels map onto them. */
export function guideFromText(text: string): GuideDraft {
  const { draft } = parseGuideText(text, { idSource: () => 'unused' });
  draft.sections.forEach((s, si) =>
    s.questions.forEach((q, qi) => {
      q.id = `s${si + 1}q${qi + 1}`;
      q.probes.forEach((p, pi) => (p.id = `${q.id}#${pi + 1}`));
    }),
  );
  return draft;
}

/** Parses JSON lines; empty lines are skipped. Throws with the line number on a bad line. */
export function parseJsonLines<T>(text: string, check: (v: unknown) => v is T, file = 'input'): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const v: unknown = JSON.parse(line);
    if (!check(v)) throw new Error(`${file}:${i + 1}: not a labelled line: ${line}`);
    out.push(v);
  });
  return out;
}

export const isLabelledUtterance = (v: unknown): v is LabelledUtterance =>
  typeof v === 'object' && v !== null && typeof (v as LabelledUtterance).text === 'string' &&
  ((v as LabelledUtterance).label === null || typeof (v as LabelledUtterance).label === 'string');

export const isLabelledMention = (v: unknown): v is LabelledMention =>
  typeof v === 'object' && v !== null && typeof (v as LabelledMention).text === 'string' &&
  Array.isArray((v as LabelledMention).probes) && (v as LabelledMention).probes.every((p) => typeof p === 'string');

function ratio(tp: number, fp: number, fn: number): PrecisionRecall {
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  };
}

/** Adds up counts from several evaluations (the overall figure across guides). */
export function pool(parts: PrecisionRecall[]): PrecisionRecall {
  const sum = (k: 'truePositives' | 'falsePositives' | 'falseNegatives') => parts.reduce((a, p) => a + p[k], 0);
  return ratio(sum('truePositives'), sum('falsePositives'), sum('falseNegatives'));
}

/**
 * Runs the matcher on a labelled set. A question prediction is the best match
 * (or none); a probe prediction is every probe returned.
 */
export function evaluate(
  guide: GuideDraft,
  utterances: LabelledUtterance[],
  mentions: LabelledMention[] | null,
  options: CoverageMatcherOptions = {},
): EvaluationResult {
  const known = new Set(guide.sections.flatMap((s) => s.questions.flatMap((q) => [q.id, ...q.probes.map((p) => p.id)])));
  for (const u of utterances) if (u.label !== null && !known.has(u.label)) throw new Error(`label ${u.label} is not in the guide ("${u.text}")`);
  for (const m of mentions ?? []) for (const p of m.probes) if (!known.has(p)) throw new Error(`probe ${p} is not in the guide ("${m.text}")`);

  const matcher = createCoverageMatcher(guide, options);
  const errors: string[] = [];
  let calls = 0;
  const start = performance.now();

  let tp = 0, fp = 0, fn = 0;
  for (const u of utterances) {
    calls++;
    const best = matcher.matchQuestion(u.text)[0];
    const predicted = best?.itemId ?? null;
    if (predicted !== null && predicted === u.label) tp++;
    else if (predicted !== u.label) {
      if (predicted !== null) fp++;
      if (u.label !== null) fn++;
      errors.push(`question: "${u.text}" label ${u.label ?? '-'} got ${predicted ?? '-'}${best ? ` (${best.score.toFixed(2)})` : ''}`);
    }
  }
  const questions = ratio(tp, fp, fn);

  let probes: PrecisionRecall | null = null;
  if (mentions) {
    let ptp = 0, pfp = 0, pfn = 0;
    for (const m of mentions) {
      calls++;
      const got = matcher.matchProbes(m.text);
      const predicted = new Set(got.map((g) => g.itemId));
      const wanted = new Set(m.probes);
      const hits = [...predicted].filter((p) => wanted.has(p)).length;
      ptp += hits;
      pfp += predicted.size - hits;
      pfn += wanted.size - hits;
      if (hits !== predicted.size || hits !== wanted.size) {
        errors.push(`probes: "${m.text}" label [${m.probes.join(',')}] got [${got.map((g) => `${g.itemId} ${g.score.toFixed(2)}`).join(', ')}]`);
      }
    }
    probes = ratio(ptp, pfp, pfn);
  }
  const msPerUtterance = calls > 0 ? (performance.now() - start) / calls : 0;
  return { questions, probes, msPerUtterance, errors };
}
