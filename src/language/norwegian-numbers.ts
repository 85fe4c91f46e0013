/**
 * Norwegian number words as they are spoken and typed, with their values: one
 * list for every module that reads numbers written out (pseudonymisation
 * suggestions, the evaluation's normalisation). Bokmål with the common
 * alternatives (syv/sju, tyve/tjue, tredve/tretti, dialect søtti).
 */

/** Two to nine. "en", "ei", "ett" (one) are left out: alone they are far more often articles. */
export const UNIT_WORDS: Readonly<Record<string, number>> = { to: 2, tre: 3, fire: 4, fem: 5, seks: 6, sju: 7, syv: 7, åtte: 8, ni: 9 };

/** Ten to nineteen. */
export const TEEN_WORDS: Readonly<Record<string, number>> = {
  ti: 10, elleve: 11, tolv: 12, tretten: 13, fjorten: 14, femten: 15, seksten: 16, sytten: 17, atten: 18, nitten: 19,
};

/** The tens. */
export const TEN_WORDS: Readonly<Record<string, number>> = {
  tjue: 20, tyve: 20, tretti: 30, tredve: 30, førti: 40, femti: 50, seksti: 60, sytti: 70, søtti: 70, åtti: 80, nitti: 90,
};

/** Units that may end a tens compound ("tjueen", "førtifem"), where "en" is one and no article. */
export const COMPOUND_UNIT_WORDS: Readonly<Record<string, number>> = { en: 1, én: 1, ett: 1, ...UNIT_WORDS };

/** The words of a list as a regular-expression alternation, longest first (so "tretten" is tried before "tre"). */
export function wordAlternation(words: Readonly<Record<string, number>>): string {
  return `(?:${Object.keys(words).sort((a, b) => b.length - a.length).join('|')})`;
}
