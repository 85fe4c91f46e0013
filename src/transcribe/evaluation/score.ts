/**
 * Scores of a transcript against a reference: word and character error rates,
 * and how well the `[uklart]` markers agree. The inputs are scoring tokens
 * (normalise.ts), so both sides are compared the same way.
 */
import { UNCLEAR_TOKEN } from './normalise';

export type AlignmentStep =
  | { op: 'match' | 'substitute'; reference: number; hypothesis: number }
  | { op: 'delete'; reference: number }
  | { op: 'insert'; hypothesis: number; /** The reference position it comes before (reference.length at the end). */ before: number };

/**
 * The cheapest edit path from reference to hypothesis (Levenshtein, every edit
 * costs 1), with ties broken towards matches. Quadratic in time and memory: meant
 * for files of a few minutes, not a whole interview at once.
 */
export function alignTokens(reference: readonly string[], hypothesis: readonly string[]): AlignmentStep[] {
  const rows = reference.length + 1;
  const columns = hypothesis.length + 1;
  const cost = new Uint32Array(rows * columns);
  for (let i = 0; i < rows; i++) cost[i * columns] = i;
  for (let j = 0; j < columns; j++) cost[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const same = reference[i - 1] === hypothesis[j - 1] ? 0 : 1;
      cost[i * columns + j] = Math.min(cost[(i - 1) * columns + j]! + 1, cost[i * columns + j - 1]! + 1, cost[(i - 1) * columns + j - 1]! + same);
    }
  }
  const steps: AlignmentStep[] = [];
  let i = reference.length;
  let j = hypothesis.length;
  while (i > 0 || j > 0) {
    const here = cost[i * columns + j]!;
    if (i > 0 && j > 0) {
      const same = reference[i - 1] === hypothesis[j - 1];
      if (here === cost[(i - 1) * columns + j - 1]! + (same ? 0 : 1)) {
        steps.push({ op: same ? 'match' : 'substitute', reference: i - 1, hypothesis: j - 1 });
        i--;
        j--;
        continue;
      }
    }
    if (i > 0 && here === cost[(i - 1) * columns + j]! + 1) {
      steps.push({ op: 'delete', reference: i - 1 });
      i--;
    } else {
      steps.push({ op: 'insert', hypothesis: j - 1, before: i });
      j--;
    }
  }
  return steps.reverse();
}

export interface ErrorCounts {
  substitutions: number;
  deletions: number;
  insertions: number;
  /** Length of the reference (words or characters): the rate's denominator. */
  referenceLength: number;
}

/** Edits divided by the reference length; null for an empty reference (no rate can be given). */
export function errorRate(counts: ErrorCounts): number | null {
  if (counts.referenceLength === 0) return null;
  return (counts.substitutions + counts.deletions + counts.insertions) / counts.referenceLength;
}

/** Adds counts up, for a rate over several files (weighted by their length, as WER is usually pooled). */
export function addCounts(all: readonly ErrorCounts[]): ErrorCounts {
  return all.reduce(
    (sum, counts) => ({
      substitutions: sum.substitutions + counts.substitutions,
      deletions: sum.deletions + counts.deletions,
      insertions: sum.insertions + counts.insertions,
      referenceLength: sum.referenceLength + counts.referenceLength,
    }),
    { substitutions: 0, deletions: 0, insertions: 0, referenceLength: 0 },
  );
}

function countEdits(reference: readonly string[], hypothesis: readonly string[]): ErrorCounts {
  const counts: ErrorCounts = { substitutions: 0, deletions: 0, insertions: 0, referenceLength: reference.length };
  for (const step of alignTokens(reference, hypothesis)) {
    if (step.op === 'substitute') counts.substitutions++;
    else if (step.op === 'delete') counts.deletions++;
    else if (step.op === 'insert') counts.insertions++;
  }
  return counts;
}

const words = (tokens: readonly string[]) => tokens.filter((token) => token !== UNCLEAR_TOKEN);

/**
 * Word errors, unclear markers left out on both sides: what the reference could
 * not hear is not a word to get right, and a marker in the hypothesis is not a
 * wrong word (its agreement is scored by unclearAgreement).
 */
export function wordErrors(reference: readonly string[], hypothesis: readonly string[]): ErrorCounts {
  return countEdits(words(reference), words(hypothesis));
}

/** Character errors over the words joined by single spaces (unclear markers left out, as for words). */
export function characterErrors(reference: readonly string[], hypothesis: readonly string[]): ErrorCounts {
  return countEdits([...words(reference).join(' ')], [...words(hypothesis).join(' ')]);
}

export interface UnclearAgreement {
  /** Unclear markers in the hypothesis. */
  hypothesisMarkers: number;
  /** Unclear markers in the reference. */
  referenceMarkers: number;
  /** Hypothesis markers that sit where the reference has one (within one word). */
  agreeing: number;
  /** Reference markers that the hypothesis marked too (within one word). */
  found: number;
  /** agreeing / hypothesisMarkers; null when the hypothesis has none. */
  precision: number | null;
  /** found / referenceMarkers; null when the reference has none. */
  recall: number | null;
}

/** How far (in reference words) a marker may sit from the reference's and still count as the same place. */
const UNCLEAR_REACH = 1;

/**
 * Whether the transcript marked as unclear the places the reference marks. Both
 * token sequences are aligned with their markers in; each hypothesis marker gets
 * the reference position it aligned with (or was inserted before), and agrees
 * when a reference marker lies within UNCLEAR_REACH words of it.
 */
export function unclearAgreement(reference: readonly string[], hypothesis: readonly string[]): UnclearAgreement {
  const referenceMarkers = reference.flatMap((token, index) => (token === UNCLEAR_TOKEN ? [index] : []));
  const positions: number[] = [];
  for (const step of alignTokens(reference, hypothesis)) {
    if (step.op === 'delete' || hypothesis[step.hypothesis] !== UNCLEAR_TOKEN) continue;
    positions.push(step.op === 'insert' ? step.before - 0.5 : step.reference);
  }
  const near = (a: number, b: number) => Math.abs(a - b) <= UNCLEAR_REACH;
  const agreeing = positions.filter((position) => referenceMarkers.some((marker) => near(position, marker))).length;
  const found = referenceMarkers.filter((marker) => positions.some((position) => near(position, marker))).length;
  return {
    hypothesisMarkers: positions.length,
    referenceMarkers: referenceMarkers.length,
    agreeing,
    found,
    precision: positions.length === 0 ? null : agreeing / positions.length,
    recall: referenceMarkers.length === 0 ? null : found / referenceMarkers.length,
  };
}
