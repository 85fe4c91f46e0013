import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_GUIDE_TEXT } from '../../guide/example-guide';
import {
  bokmaalSpelling,
  createCoverageMatcher,
  evaluate,
  guideFromText,
  isLabelledMention,
  isLabelledUtterance,
  normaliseWords,
  norwegianStemmer,
  parseJsonLines,
  pool,
  probeAlternatives,
  termSimilarity,
} from './index';

const guide = guideFromText(EXAMPLE_GUIDE_TEXT);
const matcher = createCoverageMatcher(guide);
const best = (text: string) => matcher.matchQuestion(text)[0]?.itemId ?? null;

describe('normalisation', () => {
  it('drops fillers and filler phrases, keeps æ, ø and å', () => {
    expect(normaliseWords('Eh, liksom, hva savnet du mest, ikke sant? Æ, øh, på båten')).toEqual(['hva', 'savnet', 'du', 'mest', 'jeg', 'på', 'båten']);
    expect(normaliseWords('Ærlig talt, både søsken og økonomi')).toEqual(['ærlig', 'talt', 'både', 'søsken', 'og', 'økonomi']);
  });
  it('maps nynorsk and dialect spellings to bokmål', () => {
    expect(normaliseWords('Korleis opplevde eg det, kva tyder einsemd?')).toEqual(['hvordan', 'opplevde', 'jeg', 'det', 'hva', 'tyder', 'ensomhet']);
    expect(bokmaalSpelling('koss')).toBe('hvordan');
    expect(bokmaalSpelling('ikkje')).toBe('ikke');
    expect(bokmaalSpelling('vanleg')).toBe('vanlig');
    expect(bokmaalSpelling('vanskelegaste')).toBe('vanskeligaste');
  });
  it('stems with the Snowball Norwegian stemmer, and the stemmer can be replaced', () => {
    expect(norwegianStemmer('pandemien')).toBe(norwegianStemmer('pandemi'));
    expect(norwegianStemmer('vennene')).toBe(norwegianStemmer('venner'));
    const calls: string[] = [];
    const m = createCoverageMatcher(guide, { stem: (w) => (calls.push(w), w) });
    m.matchQuestion('ensomhet');
    expect(calls).toContain('ensomhet');
  });
  it('relates compounds and misheard words', () => {
    expect(termSimilarity('bemanning', 'underbemanning')).toBeGreaterThan(0.8);
    expect(termSimilarity('pandemi', 'pandemij')).toBeGreaterThan(0.7);
    expect(termSimilarity('skole', 'kontor')).toBe(0);
  });
});

describe('questions', () => {
  it('matches the question as written', () => {
    expect(best('Hva betyr ordet ensomhet for deg?')).toBe('s3q2');
  });
  it('matches a paraphrase with fillers and dialect', () => {
    expect(best('Eh, ka du sakna mest fra tida før, liksom?')).toBe('s2q2');
    expect(best('Har du noen gang følt deg ensom de siste årene?')).toBe('s3q3');
  });
  it('matches in another word order', () => {
    expect(best('Sammenlignet med under pandemien, hvordan har du det nå?')).toBe('s5q1');
  });
  it('matches a split compound from speech recognition', () => {
    expect(best('Hvordan så en vanlig uke ut mens smittevern tiltakene varte?')).toBe('s2q1');
  });
  it('does not match a question that is not in the guide', () => {
    expect(best('Hvordan var været hos deg i dag?')).toBeNull();
    expect(best('Jobber du turnus på sykehuset nå?')).toBeNull();
  });
  it('never matches back-channels', () => {
    for (const t of ['Ja.', 'Mm.', 'Mhm', 'Ikke sant.', 'Ja, ikke sant', 'Eh, ja, liksom.', 'Okei.']) {
      expect(matcher.matchQuestion(t)).toEqual([]);
      expect(matcher.matchProbes(t)).toEqual([]);
    }
  });
  it('returns scores from 0 to 1, best first', () => {
    const r = matcher.matchQuestion('Hvem hadde du mest kontakt med under pandemien?');
    expect(r[0]?.itemId).toBe('s3q1');
    for (const m of r) expect(m.score).toBeGreaterThan(0);
    for (const m of r) expect(m.score).toBeLessThanOrEqual(1);
  });
});

describe('probes', () => {
  it('finds the probes a participant sentence covers', () => {
    expect(matcher.matchProbes('Jeg savnet vennene mine og treningssenteret mest.').map((m) => m.itemId).sort()).toEqual(['s2q2#1', 's2q2#2']);
    expect(matcher.matchProbes('Jeg studerer og jobber litt ved siden av.').map((m) => m.itemId)).toEqual(['s1q1#1']);
  });
  it('splits a probe into the alternatives it lists', () => {
    expect(probeAlternatives('Studier eller jobb')).toEqual(['Studier', 'jobb']);
    expect(probeAlternatives('Studier/jobb')).toEqual(['Studier', 'jobb']);
    expect(probeAlternatives('Venner, trening eller studiemiljø')).toEqual(['Venner', 'trening', 'studiemiljø']);
    expect(probeAlternatives('Hvis ja, hvordan?')).toEqual(['Hvis ja, hvordan?']);
    const m = createCoverageMatcher(guideFromText('Intervjuguide\n\n1. Start\n\nHva savnet du?\n- Venner, trening eller studiemiljø\n'));
    expect(m.matchProbes('Jeg savnet treningene.').map((x) => x.itemId)).toEqual(['s1q1#1']);
  });
  it('finds nothing in a sentence about something else', () => {
    expect(matcher.matchProbes('Jeg liker å se serier om kvelden.')).toEqual([]);
  });
});

describe('kinds, compounds and inflections', () => {
  const small = createCoverageMatcher(
    guideFromText('Intervjuguide\n\n1. Bakgrunn\n\nHva fikk deg til å velge dette yrket?\nHva gjør du på fritiden?\n- Organiserte aktiviteter\n- Håndball\n'),
  );
  const probes = (text: string) => small.matchProbes(text).map((m) => m.itemId).sort();
  it('a kind covers the general word a probe names, not the other way round', () => {
    expect(probes('Vi spilte håndball hver uke.')).toEqual(['s1q2#1', 's1q2#2']);
    expect(probes('Jeg driver med mange aktiviteter.')).toEqual(['s1q2#1']);
  });
  it('a compound whose last part the lexicon knows stands for that part', () => {
    expect(probes('Jeg spilte i skolekorpset.')).toEqual(['s1q2#1']);
    expect(probes('Jeg gikk på fotballtrening.')).toEqual(['s1q2#1']);
    expect(probes('Jeg liker å se serier.')).toEqual([]);
  });
  it('a strong verb matches its base form', () => {
    expect(small.matchQuestion('Hvorfor valgte du akkurat dette yrket?')[0]?.itemId).toBe('s1q1');
  });
  it('a participant naming a kind of exercise covers the example guide’s probe "trening"', () => {
    expect(matcher.matchProbes('Jeg savna å gå på spinning.').map((m) => m.itemId)).toEqual(['s2q2#2']);
  });
});

describe('accuracy on the held-out half of the evaluation set', () => {
  const dir = join(__dirname, '../evaluation');
  const files = readdirSync(dir);
  const names = files.filter((f) => /\.guide\.(txt|md)$/.test(f));
  const results = names.map((g) => {
    const name = g.replace(/\.guide\.(txt|md)$/, '');
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    return evaluate(
      guideFromText(read(g)),
      parseJsonLines(read(`${name}.utterances.heldout.jsonl`), isLabelledUtterance),
      parseJsonLines(read(`${name}.mentions.heldout.jsonl`), isLabelledMention),
    );
  });

  it('covers at least three guides, 200 utterances and 80 participant sentences in all', () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
    const lines = (kind: string) =>
      files.filter((f) => f.includes(`.${kind}.`)).reduce((n, f) => n + readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).length, 0);
    expect(lines('utterances')).toBeGreaterThanOrEqual(200);
    expect(lines('mentions')).toBeGreaterThanOrEqual(80);
  });
  it('uses the example guide as shipped (relabel ensomhet.* when the example guide changes)', () => {
    expect(readFileSync(join(dir, 'ensomhet.guide.txt'), 'utf8')).toBe(EXAMPLE_GUIDE_TEXT);
  });
  it('questions: precision ≥ 0.9 at recall ≥ 0.8', () => {
    const q = pool(results.map((r) => r.questions));
    expect(q.precision).toBeGreaterThanOrEqual(0.9);
    expect(q.recall).toBeGreaterThanOrEqual(0.8);
  });
  it('probes: precision ≥ 0.8 at recall ≥ 0.7', () => {
    const p = pool(results.map((r) => r.probes!));
    expect(p.precision).toBeGreaterThanOrEqual(0.8);
    expect(p.recall).toBeGreaterThanOrEqual(0.7);
  });
});
