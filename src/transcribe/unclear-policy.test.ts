import { describe, it, expect } from 'vitest';
import {
  applyUnclearPolicy,
  DEFAULT_UNCLEAR_THRESHOLDS,
  formatUnclear,
  unclearLabel,
  type PolicyWordInput,
  type UnclearPolicyInput,
} from './unclear-policy';

/** Words one per 0.5 s from `start`, each with the given probability. */
function words(text: string, probabilities: number[], start = 10): PolicyWordInput[] {
  return text.split(' ').map((word, index) => ({
    text: ` ${word}`,
    start: start + index * 0.5,
    end: start + index * 0.5 + 0.4,
    probability: probabilities[index] ?? 0.95,
  }));
}

function input(overrides: Partial<UnclearPolicyInput> & { words: PolicyWordInput[] }): UnclearPolicyInput {
  const list = overrides.words;
  const text = list.map((word) => word.text).join('');
  return {
    segment: {
      start: list[0]?.start ?? 10,
      end: list[list.length - 1]?.end ?? 12,
      text,
      avgLogProb: -0.25,
      noSpeechProb: 0.02,
    },
    speechRatio: 0.85,
    dropouts: [],
    overlaps: [],
    keepGuesses: false,
    ...overrides,
  };
}

describe('applyUnclearPolicy', () => {
  it('passes confident words through unchanged', () => {
    const result = applyUnclearPolicy(input({ words: words('Jeg bodde i Bergen.', [0.97, 0.9, 0.99, 0.8]) }));
    expect(result.text).toBe('Jeg bodde i Bergen.');
    expect(result.unclear).toEqual([]);
    expect(result.words.every((word) => !word.unclear)).toBe(true);
    expect(result.segmentRejected).toBeNull();
  });

  it('turns a low-probability word into [uklart] and keeps its time span', () => {
    const result = applyUnclearPolicy(input({ words: words('Jeg bodde i Bergen.', [0.97, 0.9, 0.99, 0.2]) }));
    expect(result.text).toBe('Jeg bodde i [uklart].');
    expect(result.unclear).toEqual([{ start: 11.5, end: 11.9, guess: null, reasons: ['low-probability'] }]);
    expect(result.words[3]).toMatchObject({ text: ' Bergen.', unclear: true, reasons: ['low-probability'] });
  });

  it('merges two adjacent low-probability words into one marker spanning both', () => {
    const result = applyUnclearPolicy(input({ words: words('vi reiste til Kautokeino Sameby i fjor', [0.9, 0.9, 0.9, 0.3, 0.1, 0.9, 0.9]) }));
    expect(result.text).toBe('vi reiste til [uklart] i fjor');
    expect(result.unclear).toHaveLength(1);
    expect(result.unclear[0]).toMatchObject({ start: 11.5, end: 12.4 });
  });

  it('keeps separate markers when a confident word lies between', () => {
    const result = applyUnclearPolicy(input({ words: words('a b c', [0.1, 0.9, 0.1]) }));
    expect(result.text).toBe('[uklart] b [uklart]');
    expect(result.unclear).toHaveLength(2);
  });

  it('marks a confident word that a 2-second dropout runs through', () => {
    const list = words('og da sa legen at', [0.99, 0.99, 0.99, 0.99, 0.99]);
    const result = applyUnclearPolicy(input({ words: list, dropouts: [{ start: 11.2, end: 13.2 }] }));
    expect(result.words.map((word) => word.unclear)).toEqual([false, false, true, true, true]);
    expect(result.text).toBe('og da [uklart]');
    expect(result.unclear[0]?.reasons).toEqual(['dropout']);
  });

  it('shows lost audio between words as a marker even when no word lies in it', () => {
    const list = [
      { text: 'Jeg', start: 10, end: 10.3, probability: 0.95 },
      { text: 'sa', start: 12.5, end: 12.8, probability: 0.95 },
    ];
    const result = applyUnclearPolicy(input({ words: list, dropouts: [{ start: 10.8, end: 11.9 }] }));
    expect(result.text).toBe('Jeg [uklart] sa');
    expect(result.unclear).toEqual([{ start: 10.8, end: 11.9, guess: null, reasons: ['dropout'] }]);
  });

  it('ignores dropouts outside the segment', () => {
    const result = applyUnclearPolicy(input({ words: words('helt greit', [0.9, 0.9]), dropouts: [{ start: 30, end: 32 }] }));
    expect(result.text).toBe('helt greit');
  });

  it('rejects the repetition loop “jeg jeg jeg jeg jeg jeg” as one whole span', () => {
    const list = words('jeg jeg jeg jeg jeg jeg', [0.9, 0.9, 0.9, 0.9, 0.9, 0.9]);
    const result = applyUnclearPolicy(input({ words: list, keepGuesses: true }));
    expect(result.text).toBe('[uklart]');
    expect(result.unclear).toEqual([{ start: 10, end: 12.9, guess: null, reasons: ['hallucination'] }]);
    expect(result.segmentRejected?.[0]).toMatchObject({ kind: 'repetition', phrase: 'jeg', repeats: 6 });
    expect(result.words.map((word) => word.text.trim())).toEqual(['jeg', 'jeg', 'jeg', 'jeg', 'jeg', 'jeg']);
  });

  it('rejects “Takk for at du så på.” on a low speech ratio, keeping the words in the data', () => {
    const list = words('Takk for at du så på.', [0.9, 0.9, 0.9, 0.9, 0.9, 0.9]);
    const result = applyUnclearPolicy(input({ words: list, speechRatio: 0.05 }));
    expect(result.text).toBe('[uklart]');
    expect(result.segmentRejected?.map((reason) => reason.kind).sort()).toEqual(['boilerplate', 'low-speech-ratio']);
    expect(result.words.every((word) => word.unclear && word.reasons.includes('hallucination'))).toBe(true);
  });

  it('marks only the credit when Whisper appends one to real speech', () => {
    const result = applyUnclearPolicy(input({ words: words('Det var fint. Teksting av NRK.', []) }));
    expect(result.text).toBe('Det var fint. [uklart].');
    expect(result.segmentRejected).toBeNull();
    expect(result.unclear[0]?.reasons).toEqual(['hallucination']);
  });

  it('rejects a segment openai-whisper would call silence', () => {
    const list = words('Ja.', [0.9]);
    const base = input({ words: list });
    const result = applyUnclearPolicy({ ...base, segment: { ...base.segment, noSpeechProb: 0.8, avgLogProb: -1.3 } });
    expect(result.text).toBe('[uklart]');
    expect(result.segmentRejected?.[0]?.kind).toBe('no-speech');
  });

  it('shows the model’s words as a marked guess when keepGuesses is on', () => {
    const list = words('vi bodde på Gjøvik den gangen', [0.9, 0.9, 0.9, 0.3, 0.9, 0.9]);
    const result = applyUnclearPolicy(input({ words: list, keepGuesses: true }));
    expect(result.text).toBe('vi bodde på [uklart: Gjøvik?] den gangen');
    expect(result.unclear[0]?.guess).toBe('Gjøvik');
    const question = applyUnclearPolicy(input({ words: words('sa du Hamar?', [0.9, 0.9, 0.2]), keepGuesses: true }));
    expect(question.text).toBe('sa du [uklart: Hamar?]?');
  });

  it('uses the English label for an English transcript', () => {
    const result = applyUnclearPolicy({ ...input({ words: words('I lived in Leeds', [0.9, 0.9, 0.9, 0.1]) }), language: 'en-GB' });
    expect(result.text).toBe('I lived in [unclear]');
  });

  it('holds words in crosstalk to the higher overlap threshold', () => {
    const list = words('nei det tror jeg ikke', [0.5, 0.5, 0.9, 0.9, 0.5]);
    const result = applyUnclearPolicy(input({ words: list, overlaps: [{ start: 9.5, end: 11.45 }] }));
    // 0.5 passes outside crosstalk (last word) but not inside it (first two words).
    expect(result.words.map((word) => word.unclear)).toEqual([true, true, false, false, false]);
    expect(result.text).toBe('[uklart] tror jeg ikke');
    expect(result.unclear[0]?.reasons).toEqual(['overlap']);
  });

  it('judges a word without a measured probability by the segment’s average log-prob', () => {
    const list = [{ text: 'kanskje', start: 1, end: 1.4, probability: null }];
    const confident = applyUnclearPolicy(input({ words: list }));
    expect(confident.text).toBe('kanskje');
    const base = input({ words: list });
    const unsure = applyUnclearPolicy({ ...base, segment: { ...base.segment, avgLogProb: -1.4 } });
    expect(unsure.unclear[0]?.reasons).toEqual(['low-segment-confidence']);
  });

  it('falls back to segment-level rules and marks the whole segment without word timings', () => {
    const base = input({ words: [] });
    const segment = { start: 20, end: 24, text: ' Det husker jeg ikke.', avgLogProb: -0.2, noSpeechProb: 0.01 };
    expect(applyUnclearPolicy({ ...base, segment }).text).toBe('Det husker jeg ikke.');
    const unsure = applyUnclearPolicy({ ...base, segment: { ...segment, avgLogProb: -1.5 }, keepGuesses: true });
    expect(unsure.text).toBe('[uklart: Det husker jeg ikke?]');
    expect(unsure.unclear).toEqual([
      { start: 20, end: 24, guess: 'Det husker jeg ikke', reasons: ['low-segment-confidence'] },
    ]);
    const dropped = applyUnclearPolicy({ ...base, segment, dropouts: [{ start: 22, end: 22.5 }] });
    expect(dropped.unclear[0]?.reasons).toEqual(['dropout']);
  });

  it('follows configured thresholds', () => {
    const list = words('kanskje det', [0.5, 0.9]);
    expect(applyUnclearPolicy(input({ words: list })).text).toBe('kanskje det');
    const strict = { ...DEFAULT_UNCLEAR_THRESHOLDS, wordProbability: 0.6 };
    expect(applyUnclearPolicy(input({ words: list }), strict).text).toBe('[uklart] det');
  });

  it('marks speech the model wrote nothing for, so nothing said is silently lost', () => {
    const base = input({ words: [] });
    const segment = { start: 40, end: 42, text: '', avgLogProb: -0.5, noSpeechProb: 0.1 };
    const result = applyUnclearPolicy({ ...base, segment, speechRatio: 0.7 });
    expect(result.text).toBe('[uklart]');
    expect(result.unclear).toEqual([{ start: 40, end: 42, guess: null, reasons: ['untranscribed-speech'] }]);
  });

  it('returns nothing for an empty decode over a cough or over audio the model calls silence', () => {
    const base = input({ words: [] });
    const segment = { start: 40, end: 42, text: ' ', avgLogProb: -0.5, noSpeechProb: 0.1 };
    const empty = { words: [], unclear: [], text: '', segmentRejected: null };
    expect(applyUnclearPolicy({ ...base, segment, speechRatio: 0.1 })).toEqual(empty);
    const silent = { ...segment, avgLogProb: -1.5, noSpeechProb: 0.9 };
    expect(applyUnclearPolicy({ ...base, segment: silent, speechRatio: 0.7 })).toEqual(empty);
  });
});

describe('labels', () => {
  it('names the marker per language', () => {
    expect(['nb', 'nn', 'no', 'nb-NO', 'da'].map(unclearLabel)).toEqual(['uklart', 'uklart', 'uklart', 'uklart', 'uklart']);
    expect(unclearLabel('en')).toBe('unclear');
    expect(unclearLabel('sv-SE')).toBe('otydligt');
    expect(unclearLabel('de')).toBe('unclear');
  });

  it('formats a marker with or without a guess', () => {
    expect(formatUnclear('uklart')).toBe('[uklart]');
    expect(formatUnclear('uklart', 'ord')).toBe('[uklart: ord?]');
    expect(formatUnclear('uklart', '  ')).toBe('[uklart]');
  });
});
