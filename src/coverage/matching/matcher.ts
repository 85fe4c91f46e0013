/**
 * Lexical matching of transcribed speech against a guide: an interviewer
 * utterance against the questions (a confident match suggests `asked`), a
 * participant sentence against the probes (suggests `covered`).
 *
 * Both sides become content terms (see normalise.ts). Each term of the guide
 * weighs by how rare it is in the guide (a word in one question says more than
 * a word in five). A question's score is the harmonic mean of how much of the
 * question the utterance covers and how much of the utterance the question
 * explains, so a partial question still matches and small talk that shares one
 * word does not. A probe's score is how much of the probe the sentence covers:
 * a participant says far more than a probe's few words.
 *
 * Pure and synchronous: building the matcher indexes the guide once; each call
 * compares one utterance with the guide's vocabulary.
 */
import type { Guide } from '../../guide/model';
import { norwegianStemmer, TermMaker, type Stemmer } from './normalise';
import { SIMILARITY, termSimilarity } from './similarity';

/** Default score a question match needs (0–1). Chosen on the development half of the evaluation set. */
export const DEFAULT_QUESTION_THRESHOLD = 0.5;
/** Default score a probe match needs (0–1). Chosen on the development half of the evaluation set. */
export const DEFAULT_PROBE_THRESHOLD = 0.5;

export interface CoverageMatcherOptions {
  /** Score a question needs to be returned; default DEFAULT_QUESTION_THRESHOLD. */
  questionThreshold?: number;
  /** Score a probe needs to be returned; default DEFAULT_PROBE_THRESHOLD. */
  probeThreshold?: number;
  /** Stemmer hook; default the Snowball Norwegian stemmer. */
  stem?: Stemmer;
  /** Extra groups of words that mean the same (a project's own terms), added to the built-in ones. */
  synonyms?: readonly (readonly string[])[];
}

export interface CoverageMatch {
  /** The question id or probe id. */
  itemId: string;
  /** 0–1; higher is a surer match. */
  score: number;
}

export interface CoverageMatcher {
  /** Questions the interviewer's utterance asks, best first; empty when none reaches the threshold. */
  matchQuestion(utterance: string): CoverageMatch[];
  /** Probes whose topic the participant's sentence covers, best first; empty when none reaches the threshold. */
  matchProbes(sentence: string): CoverageMatch[];
}

interface IndexedItem {
  id: string;
  /** Distinct terms with their weights. */
  terms: Map<string, number>;
  totalWeight: number;
}

/** Utterance terms that are not in the guide weigh as much as a term found in one item in two. */
const UNKNOWN_TERM_WEIGHT_SHARE = 0.5;
/** A match needs at least one term that matched this well (a compound head or better): fuzzy hits alone are not enough. */
const ANCHOR_SIMILARITY = SIMILARITY.compoundHead;
/** What separates alternatives in a probe: "eller", "og/eller", a slash ("Studier/jobb"). */
const PROBE_ALTERNATIVES = /\s*\/\s*|\s+(?:og\/eller|eller|or)\s+/iu;
/** A probe that lists alternatives with "eller" may list more before it with commas ("Venner, trening eller studiemiljø"). */
const LISTS_WITH_OR = /\s(?:eller|or)\s/iu;

/** The alternatives a probe lists, each of which covers it on its own; the probe itself when it lists none. */
export function probeAlternatives(probe: string): string[] {
  const parts = probe.split(PROBE_ALTERNATIVES);
  return LISTS_WITH_OR.test(probe) ? parts.flatMap((p) => p.split(/\s*,\s+/u)) : parts;
}

export function createCoverageMatcher(guide: Pick<Guide, 'sections'>, options: CoverageMatcherOptions = {}): CoverageMatcher {
  const questionThreshold = options.questionThreshold ?? DEFAULT_QUESTION_THRESHOLD;
  const probeThreshold = options.probeThreshold ?? DEFAULT_PROBE_THRESHOLD;
  const maker = new TermMaker(options.stem ?? norwegianStemmer, options.synonyms);

  const rawQuestions: { id: string; terms: string[] }[] = [];
  const rawProbes: { id: string; terms: string[] }[] = [];
  for (const section of guide.sections) {
    for (const q of section.questions) {
      rawQuestions.push({ id: q.id, terms: maker.terms(q.text) });
      // A probe that lists alternatives ("Studier eller jobb") is covered by either of them.
      for (const p of q.probes) for (const part of probeAlternatives(p.text)) rawProbes.push({ id: p.id, terms: maker.terms(part) });
    }
  }
  const all = [...rawQuestions, ...rawProbes];
  const df = new Map<string, number>();
  for (const item of all) for (const t of new Set(item.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(all.length, 1);
  const weightOf = (t: string): number => Math.log(1 + n / (df.get(t) ?? 1));
  const unknownWeight = Math.log(1 + n) * UNKNOWN_TERM_WEIGHT_SHARE;
  const vocabulary = [...df.keys()];

  const index = (raw: { id: string; terms: string[] }): IndexedItem => {
    const terms = new Map<string, number>();
    for (const t of raw.terms) terms.set(t, weightOf(t));
    let totalWeight = 0;
    for (const w of terms.values()) totalWeight += w;
    return { id: raw.id, terms, totalWeight };
  };
  const questions = rawQuestions.map(index).filter((q) => q.totalWeight > 0);
  const probes = rawProbes.map(index).filter((p) => p.totalWeight > 0);

  /** For each term of the text: its similarity to every guide term it resembles. */
  function analyse(text: string) {
    const terms = [...new Set(maker.terms(text))];
    // Word n-grams: a compound the recogniser split in two ("smittevern tiltak") is tried joined as well.
    const joined: string[] = [];
    for (let i = 0; i + 1 < terms.length; i++) joined.push(terms[i]! + terms[i + 1]!);
    const links = new Map<string, Map<string, number>>();
    for (const u of [...terms, ...joined]) {
      const m = new Map<string, number>();
      // A kind or a compound stands for its broader word too ("håndball" → "aktivitet").
      const broader = maker.broader(u);
      for (const g of vocabulary) {
        let s = termSimilarity(u, g);
        for (const [b, closeness] of broader) s = Math.max(s, closeness * termSimilarity(b, g));
        if (s > 0) m.set(g, s);
      }
      links.set(u, m);
    }
    return { terms, candidates: [...terms, ...joined], links };
  }

  type Analysis = ReturnType<typeof analyse>;

  /** How much of the item the text covers (weighted), and whether a strong term anchors it. */
  function coverage(item: IndexedItem, a: Analysis, anchor: number): { recall: number; anchored: boolean } {
    let got = 0;
    let anchored = false;
    for (const [g, w] of item.terms) {
      let best = 0;
      for (const u of a.candidates) best = Math.max(best, a.links.get(u)?.get(g) ?? 0);
      if (best >= anchor) anchored = true;
      got += w * best;
    }
    return { recall: got / item.totalWeight, anchored };
  }

  /** How much of the text the item explains (weighted by the text's own terms). */
  function explained(item: IndexedItem, a: Analysis): number {
    let total = 0;
    let got = 0;
    for (const u of a.terms) {
      const l = a.links.get(u)!;
      let known = 0;
      let best = 0;
      for (const [g, s] of l) {
        known = Math.max(known, weightOf(g));
        if (item.terms.has(g)) best = Math.max(best, s);
      }
      const w = known > 0 ? known : unknownWeight;
      total += w;
      got += w * best;
    }
    return total > 0 ? got / total : 0;
  }

  const sortBest = (a: CoverageMatch, b: CoverageMatch) => b.score - a.score;

  return {
    matchQuestion(utterance) {
      const a = analyse(utterance);
      if (a.terms.length === 0) return [];
      const out: CoverageMatch[] = [];
      for (const q of questions) {
        const { recall, anchored } = coverage(q, a, ANCHOR_SIMILARITY);
        if (!anchored) continue;
        const precision = explained(q, a);
        const score = recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;
        if (score >= questionThreshold) out.push({ itemId: q.id, score });
      }
      return out.sort(sortBest);
    },
    matchProbes(sentence) {
      const a = analyse(sentence);
      if (a.terms.length === 0) return [];
      const best = new Map<string, number>();
      for (const p of probes) {
        const { recall, anchored } = coverage(p, a, ANCHOR_SIMILARITY);
        if (anchored && recall >= probeThreshold && recall > (best.get(p.id) ?? 0)) best.set(p.id, recall);
      }
      return [...best].map(([itemId, score]) => ({ itemId, score })).sort(sortBest);
    },
  };
}
