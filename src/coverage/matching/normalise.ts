/**
 * Normalisation of spoken Norwegian for matching: lower case, punctuation out,
 * æ/ø/å kept, fillers ("eh", "liksom", "ikke sant") out, dialect and nynorsk
 * spellings mapped to bokmål, then Norwegian Snowball stemming.
 */
import { stemmer as snowballNorwegian } from '@orama/stemmers/norwegian';
import { FILLERS, FILLER_PHRASES, KIND_GROUPS, STOPWORDS, SUFFIX_VARIANTS, SYNONYM_GROUPS, VARIANTS } from './lexicon';

/** A stemmer: one lower-case word in, its stem out. */
export type Stemmer = (word: string) => string;

/** The default stemmer: the Snowball Norwegian stemmer (bokmål), from @orama/stemmers. */
export const norwegianStemmer: Stemmer = (word) => snowballNorwegian(word);

const FILLER_SET = new Set(FILLERS);
const STOP_SET = new Set(STOPWORDS);

/** Splits into lower-case words; keeps letters (æøå and other accented ones) and digits, drops punctuation. */
export function words(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** A word in its bokmål spelling: whole-word variants first, then endings (-leg → -lig). */
export function bokmaalSpelling(word: string): string {
  const whole = VARIANTS[word];
  if (whole !== undefined) return whole;
  for (const [pattern, replacement] of SUFFIX_VARIANTS) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}

const PHRASES = FILLER_PHRASES.map((p) => words(p));

/** Words with dialect/nynorsk spellings mapped, and fillers and filler phrases removed. */
export function normaliseWords(text: string): string[] {
  const mapped = words(text).map(bokmaalSpelling);
  const out: string[] = [];
  for (let i = 0; i < mapped.length; i++) {
    const phrase = PHRASES.find((p) => p.every((w, k) => mapped[i + k] === w));
    if (phrase) {
      i += phrase.length - 1;
      continue;
    }
    const w = mapped[i]!;
    if (!FILLER_SET.has(w)) out.push(w);
  }
  return out;
}

/** Whether a (bokmål-spelled) word carries content for matching. */
export function isContentWord(word: string): boolean {
  return !STOP_SET.has(word) && !FILLER_SET.has(word) && !/^\d+$/.test(word);
}

/** Turns words into canonical terms: stemmed, synonyms folded onto one term. */
export class TermMaker {
  private readonly synonyms = new Map<string, string>();
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly stem: Stemmer,
    extraSynonyms: readonly (readonly string[])[] = [],
  ) {
    for (const group of [...SYNONYM_GROUPS, ...KIND_GROUPS, ...extraSynonyms]) {
      const stems = group.flatMap((w) => normaliseWords(w)).map((w) => this.stem(w));
      const head = stems[0];
      if (head === undefined) continue;
      for (const s of stems) if (!this.synonyms.has(s)) this.synonyms.set(s, head);
    }
  }

  /** The term of one normalised word. */
  term(word: string): string {
    let t = this.cache.get(word);
    if (t === undefined) {
      const s = this.stem(word);
      t = this.synonyms.get(s) ?? s;
      this.cache.set(word, t);
    }
    return t;
  }

  /** The content terms of a text, in order. */
  terms(text: string): string[] {
    return normaliseWords(text)
      .filter(isContentWord)
      .map((w) => this.term(w));
  }
}
