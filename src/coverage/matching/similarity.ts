/**
 * How alike two terms (stems) are, from 0 to 1: the same; one a part of a
 * compound of the other ("bemanning" in "underbemanning"); or the same word
 * misheard or misspelt (edit distance, for the errors of speech recognition).
 */

/** Minimum length of the shorter term for a compound match. */
const COMPOUND_HEAD_MIN = 4;
/** A three-letter head ("rom" in "arbeidsrom") counts only after a first part of COMPOUND_HEAD_MIN letters or more ("sykdom" is no compound of "dom"). */
const SHORT_HEAD_MIN = 3;
const COMPOUND_MODIFIER_MIN = 5;
/** Minimum length of both terms for a fuzzy (edit distance) match. */
const FUZZY_MIN = 5;

export const SIMILARITY = {
  same: 1,
  /** The shorter term is the end of the longer one: the compound's head ("underbemanning" → "bemanning"). */
  compoundHead: 0.85,
  /** The shorter term starts the longer one ("treningssent" → "trening"). */
  compoundModifier: 0.7,
  /** One or two letters differ ("pandemij" ~ "pandemi"). */
  fuzzy: 0.8,
} as const;

/** Levenshtein distance, stopping early once it is above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Similarity of two terms, 0 when they are unrelated. */
export function termSimilarity(a: string, b: string): number {
  if (a === b) return SIMILARITY.same;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.endsWith(short) && (short.length >= COMPOUND_HEAD_MIN || (short.length >= SHORT_HEAD_MIN && long.length - short.length >= COMPOUND_HEAD_MIN))) {
    return SIMILARITY.compoundHead;
  }
  if (short.length >= FUZZY_MIN) {
    const allowed = short.length >= 8 ? 2 : 1;
    if (editDistance(a, b, allowed) <= allowed) return SIMILARITY.fuzzy;
  }
  if (short.length >= COMPOUND_MODIFIER_MIN && long.startsWith(short)) return SIMILARITY.compoundModifier;
  return 0;
}
