/**
 * Normalisation of spoken Norwegian for matching: lower case, punctuation out,
 * æ/ø/å kept, fillers ("eh", "liksom", "ikke sant") out, dialect and nynorsk
 * spellings mapped to bokmål, inflections the stemmer misses mapped to the base
 * form, then Norwegian Snowball stemming.
 */
import { stemmer as snowballNorwegian } from '@orama/stemmers/norwegian';
import { FILLERS, FILLER_PHRASES, INFLECTIONS, KIND_GROUPS, STOPWORDS, SUFFIX_VARIANTS, SYNONYM_GROUPS, VARIANTS } from './lexicon';

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

/** A word in its bokmål spelling: whole-word variants first, then endings (-leg → -lig); a strong verb or irregular plural in its base form. */
export function bokmaalSpelling(word: string): string {
  const spelt = VARIANTS[word] ?? spellEnding(word);
  return INFLECTIONS[spelt] ?? spelt;
}

function spellEnding(word: string): string {
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

/** How close a compound is to a head word the lexicon knows: a compound is a kind of its head ("skolekorps" is a "korps"), as close as a kind to its general word. */
const COMPOUND_HEAD_LINK = 1;
/** A compound's head must stem to at least this many letters, its first part be at least this long ("kor" is no head of "rekor"). */
const COMPOUND_PART_MIN = { head: 4, modifier: 3 } as const;

/**
 * Turns words into canonical terms: inflection mapped, stemmed, synonyms folded
 * onto one term. Also knows which broader terms a term stands for: a kind names
 * its general word (`KIND_GROUPS`: "håndball" → "aktivitet"), and a compound
 * whose last part is a word the lexicon knows names that part ("skolekorpset" →
 * "korps" → "aktivitet"). Broader terms are one way: a participant's "håndball"
 * covers a probe's "aktiviteter", not the other way round.
 */
export class TermMaker {
  private readonly synonyms = new Map<string, string>();
  private readonly kindOf = new Map<string, Set<string>>();
  private readonly cache = new Map<string, string>();
  private readonly broaderCache = new Map<string, ReadonlyMap<string, number>>();
  /** Broader terms of compounds, found while making terms. */
  private readonly compoundHeads = new Map<string, string>();

  constructor(
    private readonly stem: Stemmer,
    extraSynonyms: readonly (readonly string[])[] = [],
  ) {
    for (const group of [...SYNONYM_GROUPS, ...extraSynonyms]) {
      const stems = group.flatMap((w) => normaliseWords(w)).map((w) => this.stemWord(w));
      const head = stems[0];
      if (head === undefined) continue;
      for (const s of stems) if (!this.synonyms.has(s)) this.synonyms.set(s, head);
    }
    for (const [general, ...kinds] of KIND_GROUPS) {
      const g = this.term(general!);
      for (const k of kinds) {
        const s = this.stemWord(k);
        // Other forms of the general word ("aktiviteter", which Snowball stems apart from "aktivitet") are the general word.
        if (s.startsWith(g) && s.length - g.length <= 2) {
          if (!this.synonyms.has(s)) this.synonyms.set(s, g);
          continue;
        }
        const t = this.term(k);
        if (t === g) continue;
        const set = this.kindOf.get(t) ?? new Set<string>();
        set.add(g);
        this.kindOf.set(t, set);
      }
    }
  }

  private stemWord(word: string): string {
    return this.stem(INFLECTIONS[word] ?? word);
  }

  private known(stem: string): string | undefined {
    const t = this.synonyms.get(stem) ?? stem;
    return this.synonyms.has(stem) || this.kindOf.has(t) ? t : undefined;
  }

  /** The term of one normalised word. */
  term(word: string): string {
    let t = this.cache.get(word);
    if (t === undefined) {
      const s = this.stemWord(word);
      t = this.synonyms.get(s) ?? s;
      if (this.known(s) === undefined) {
        const head = this.compoundHead(word);
        if (head !== undefined && head !== t) this.compoundHeads.set(t, head);
      }
      this.cache.set(word, t);
    }
    return t;
  }

  /** The lexicon's term for the longest last part of a compound ("avdelingslederen" → the term of "lederen"), if it knows one. */
  private compoundHead(word: string): string | undefined {
    for (let i = COMPOUND_PART_MIN.modifier; i <= word.length - COMPOUND_PART_MIN.head; i++) {
      const tail = word.slice(i);
      const s = this.stemWord(tail);
      if (s.length < COMPOUND_PART_MIN.head) continue;
      // Snowball stems a word alone differently from the same word at a compound's end ("korpset" → "korps", "korps" → "korp").
      const known = this.known(s) ?? this.known(this.stem(s));
      if (known !== undefined) return known;
    }
    return undefined;
  }

  /** The broader terms a term stands for, each with how close it is (0–1). */
  broader(term: string): ReadonlyMap<string, number> {
    let out = this.broaderCache.get(term);
    if (out !== undefined) return out;
    const found = new Map<string, number>();
    const visit = (t: string, closeness: number) => {
      for (const g of this.kindOf.get(t) ?? []) {
        if ((found.get(g) ?? 0) < closeness && g !== term) {
          found.set(g, closeness);
          visit(g, closeness);
        }
      }
    };
    visit(term, 1);
    const head = this.compoundHeads.get(term);
    if (head !== undefined) {
      found.set(head, Math.max(found.get(head) ?? 0, COMPOUND_HEAD_LINK));
      for (const [g, c] of this.broader(head)) if ((found.get(g) ?? 0) < c * COMPOUND_HEAD_LINK) found.set(g, c * COMPOUND_HEAD_LINK);
    }
    out = found;
    this.broaderCache.set(term, out);
    return out;
  }

  /** The content terms of a text, in order. */
  terms(text: string): string[] {
    return normaliseWords(text)
      .filter(isContentWord)
      .map((w) => this.term(w));
  }
}
