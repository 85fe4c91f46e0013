import { describe, expect, it } from 'vitest';
import { scoringTokens, scoringWords, UNCLEAR_TOKEN } from './normalise';
import { addCounts, alignTokens, characterErrors, errorRate, unclearAgreement, wordErrors } from './score';
import { referenceText } from './reference';

const score = (reference: string, hypothesis: string) => wordErrors(scoringTokens(reference), scoringTokens(hypothesis));

describe('scoring normalisation', () => {
  it('ignores case and punctuation, keeps æ, ø and å', () => {
    expect(scoringWords('Så gikk vi på Tur, til Bærum!')).toEqual(['så', 'gikk', 'vi', 'på', 'tur', 'til', 'bærum']);
    expect(scoringWords('så gikk vi pa tur')).not.toEqual(scoringWords('så gikk vi på tur'));
  });

  it('turns number words into digits, so "22" and "tjueto" agree', () => {
    expect(scoringWords('Jeg var tjueto, hun tjue to og han 22')).toEqual(['jeg', 'var', '22', 'hun', '22', 'og', 'han', '22']);
    expect(scoringWords('førtifem år og tredve dager')).toEqual(['45', 'år', 'og', '30', 'dager']);
  });

  it('keeps en, ei and ett as words: they are usually articles', () => {
    expect(scoringWords('en gang var det ett hus')).toEqual(['en', 'gang', 'var', 'det', 'ett', 'hus']);
    expect(scoringWords('tjue en')).toEqual(['20', 'en']);
  });

  it('makes every unclear marker, with or without a guess, one token', () => {
    expect(scoringTokens('Hun bodde i [uklart] i [uklart: Tromsø?] og [unclear].')).toEqual([
      'hun', 'bodde', 'i', UNCLEAR_TOKEN, 'i', UNCLEAR_TOKEN, 'og', UNCLEAR_TOKEN,
    ]);
  });

  it('drops other annotations and time marks, and joins hyphenated words', () => {
    expect(scoringWords('I: Hva med e-post? #00:01:02-3# [latter] (kremter) Ja.')).toEqual(['i', 'hva', 'med', 'epost', 'ja']);
  });
});

describe('word error rate', () => {
  it('is zero for the same words written differently', () => {
    const counts = score('Jeg er 22 år, og bor i Bergen.', 'jeg er tjueto år og bor i bergen');
    expect(errorRate(counts)).toBe(0);
    expect(counts.referenceLength).toBe(8);
  });

  it('counts a substitution, a deletion and an insertion', () => {
    const counts = score('vi gikk ned til sjøen i går', 'vi gikk opp til sjøen i går kveld');
    expect(counts).toMatchObject({ substitutions: 1, deletions: 0, insertions: 1, referenceLength: 7 });
    expect(errorRate(score('vi gikk ned til sjøen', 'vi gikk til sjøen'))).toBeCloseTo(1 / 5);
  });

  it('leaves unclear markers out on both sides', () => {
    expect(errorRate(score('hun sa [uklart] og gikk', 'hun sa og gikk'))).toBe(0);
    expect(errorRate(score('hun sa noe og gikk', 'hun sa [uklart] og gikk'))).toBeCloseTo(1 / 5);
  });

  it('is a rate above 1 when the hypothesis invents far more than was said', () => {
    expect(errorRate(score('ja', 'ja ja ja ja'))).toBe(3);
  });

  it('has no rate for an empty reference, and pools files by their length', () => {
    expect(errorRate(score('', 'noe'))).toBeNull();
    const pooled = addCounts([score('en to tre fire', 'en to tre fire'), score('ja', 'nei')]);
    expect(errorRate(pooled)).toBeCloseTo(1 / 5);
  });
});

describe('character error rate', () => {
  it('counts a misheard letter as one character', () => {
    const counts = characterErrors(scoringTokens('Kari bor i Tromsø'), scoringTokens('Karin bor i Tromsø'));
    expect(counts.insertions + counts.substitutions + counts.deletions).toBe(1);
    expect(counts.referenceLength).toBe('kari bor i tromsø'.length);
  });
});

describe('alignment', () => {
  it('pairs every token of both sides exactly once', () => {
    const reference = ['a', 'b', 'c', 'd'];
    const hypothesis = ['a', 'x', 'c', 'e', 'd'];
    const steps = alignTokens(reference, hypothesis);
    const referenceSeen = steps.flatMap((step) => ('reference' in step ? [step.reference] : []));
    const hypothesisSeen = steps.flatMap((step) => ('hypothesis' in step ? [step.hypothesis] : []));
    expect(referenceSeen).toEqual([0, 1, 2, 3]);
    expect(hypothesisSeen).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('[uklart] agreement', () => {
  const agreement = (reference: string, hypothesis: string) => unclearAgreement(scoringTokens(reference), scoringTokens(hypothesis));

  it('counts a marker at the same place as agreeing, in place of the words or beside them', () => {
    expect(agreement('han bor i [uklart] nå', 'han bor i [uklart] nå')).toMatchObject({ precision: 1, recall: 1 });
    // The recogniser marked the word after the one the reference could not hear.
    expect(agreement('han bor i [uklart] nå', 'han bor i Moss [uklart]')).toMatchObject({ precision: 1, recall: 1 });
  });

  it('counts a marker far from any of the reference as a false alarm, and a missed one against recall', () => {
    const result = agreement('[uklart] sa hun, og så gikk vi hjem til mor', 'hun sa hun, og så gikk vi hjem til [uklart]');
    expect(result).toMatchObject({ hypothesisMarkers: 1, referenceMarkers: 1, agreeing: 0, found: 0, precision: 0, recall: 0 });
  });

  it('has no precision without hypothesis markers and no recall without reference markers', () => {
    expect(agreement('alt hørtes godt', 'alt hørtes godt')).toMatchObject({ precision: null, recall: null });
    expect(agreement('han sa [uklart]', 'han sa noe')).toMatchObject({ precision: null, recall: 0 });
  });
});

describe('reference files', () => {
  it('reads the cue texts of a .vtt in order, without speakers and timings', () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Intervjuer>Hvordan har du det?</v>\n\n00:00:03.500 --> 00:00:05.000\n<v Deltaker>Bra, [uklart] takk.</v>\n';
    expect(scoringTokens(referenceText('a.vtt', vtt))).toEqual(['hvordan', 'har', 'du', 'det', 'bra', UNCLEAR_TOKEN, 'takk']);
  });

  it('reads a .txt as it is', () => {
    expect(referenceText('a.txt', 'Hei på deg.')).toBe('Hei på deg.');
  });
});

describe('evaluation report', () => {
  it('pools files by length and prints one line per file and one for all', async () => {
    const { evaluateFile, reportLines, summarise } = await import('./evaluate');
    const first = evaluateFile({ name: 'a.wav', referenceText: 'en to tre fire', hypothesisText: 'en to tre fire', audioSeconds: 4, processingSeconds: 1 });
    const second = evaluateFile({ name: 'b.wav', referenceText: 'ja [uklart]', hypothesisText: 'nei [uklart]', audioSeconds: 2, processingSeconds: 2 });
    const summary = summarise([first, second]);
    expect(summary.wer).toBeCloseTo(1 / 5);
    expect(summary.realTimeFactor).toBeCloseTo(0.5);
    expect(summary.unclear).toMatchObject({ precision: 1, recall: 1 });
    const lines = reportLines(summary);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('b.wav: WER 100.0 %');
    expect(lines[2]).toMatch(/^all 2 files \(6\.0 s of audio\): WER 20\.0 %/);
  });
});
