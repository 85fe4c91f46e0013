import { describe, it, expect } from 'vitest';
import {
  BOILERPLATE_PHRASES,
  detectBoilerplate,
  detectHallucination,
  detectHighCompression,
  detectLowSpeechRatio,
  detectNoSpeech,
  detectRepetition,
  rejectsWholeSegment,
} from './hallucination';

describe('detectRepetition', () => {
  it('finds a single word looping', () => {
    expect(detectRepetition('jeg jeg jeg jeg jeg jeg')).toEqual([
      { kind: 'repetition', phrase: 'jeg', repeats: 6, firstWordIndex: 0 },
    ]);
  });

  it('finds a looping phrase regardless of case and punctuation', () => {
    const [reason] = detectRepetition('Og så sa hun: Thank you. Thank you. thank you, Thank you.');
    expect(reason).toMatchObject({ kind: 'repetition', phrase: 'thank you', repeats: 4, firstWordIndex: 4 });
  });

  it('leaves ordinary emphasis and short back-channels alone', () => {
    expect(detectRepetition('Det var veldig veldig veldig vanskelig.')).toEqual([]);
    expect(detectRepetition('ja ja ja ja')).toEqual([]);
    expect(detectRepetition('Jeg vet ikke, jeg vet ikke helt.')).toEqual([]);
  });
});

describe('detectHighCompression', () => {
  it('uses openai-whisper’s strict “greater than 2.4”', () => {
    expect(detectHighCompression(2.4)).toEqual([]);
    expect(detectHighCompression(2.41)).toEqual([{ kind: 'compression-ratio', ratio: 2.41, threshold: 2.4 }]);
  });
});

describe('detectBoilerplate', () => {
  it('recognises the Norwegian subtitle credit Whisper invents over silence, name included', () => {
    const [reason] = detectBoilerplate('Teksting av Nicolai Winther');
    expect(reason).toMatchObject({ kind: 'boilerplate', phrase: 'teksting av', start: 0, wholeText: true });
    expect(reason?.kind === 'boilerplate' && reason.end).toBe('Teksting av Nicolai Winther'.length);
  });

  it('takes a sign-off only when it is the whole utterance', () => {
    expect(detectBoilerplate('Takk for at du så på.')).toMatchObject([{ phrase: 'takk for at du så på', wholeText: true }]);
    expect(detectBoilerplate('Thanks for watching!')).toHaveLength(1);
    expect(detectBoilerplate('Takk for at du så på tegningen min, da.')).toEqual([]);
  });

  it('marks a credit after real speech as partial, with its offsets', () => {
    const text = 'Det var fint. Teksting av NRK.';
    const [reason] = detectBoilerplate(text);
    expect(reason).toMatchObject({ kind: 'boilerplate', wholeText: false });
    if (reason?.kind !== 'boilerplate') throw new Error('expected boilerplate');
    expect(text.slice(reason.start, reason.end)).toBe('Teksting av NRK.');
  });

  it('does not mistake “tekstet av og til” (texted now and then) for a credit', () => {
    expect(detectBoilerplate('Jeg tekstet av og til med henne.')).toEqual([]);
  });

  it('knows the Swedish, Danish and address variants', () => {
    expect(detectBoilerplate('Undertexter från Amara.org-gemenskapen')[0]).toMatchObject({ wholeText: true });
    expect(detectBoilerplate('Danske tekster af Per.')[0]).toMatchObject({ wholeText: true });
    expect(detectBoilerplate('Se www.example.no for mer')[0]).toMatchObject({ phrase: 'www.', wholeText: false });
  });

  it('documents every entry with a language and scope', () => {
    for (const entry of BOILERPLATE_PHRASES) {
      expect(entry.phrase).toBe(entry.phrase.toLowerCase());
      expect(['credit', 'sign-off']).toContain(entry.scope);
    }
  });
});

describe('detectLowSpeechRatio and detectNoSpeech', () => {
  it('flags text over audio the VAD barely heard speech in', () => {
    expect(detectLowSpeechRatio(0.05)).toEqual([{ kind: 'low-speech-ratio', speechRatio: 0.05, threshold: 0.2 }]);
    expect(detectLowSpeechRatio(0.8)).toEqual([]);
    expect(detectLowSpeechRatio(null)).toEqual([]);
  });

  it('applies openai-whisper’s rule: no-speech > 0.6 only counts with avg log-prob <= -1.0', () => {
    expect(detectNoSpeech(0.7, -1.2)).toHaveLength(1);
    expect(detectNoSpeech(0.7, -1.0)).toHaveLength(1);
    expect(detectNoSpeech(0.7, -0.5)).toEqual([]);
    expect(detectNoSpeech(0.5, -2.0)).toEqual([]);
    expect(detectNoSpeech(null, -2.0)).toEqual([]);
  });
});

describe('detectHallucination', () => {
  const confident = { averageLogProbability: -0.2, noSpeechProbability: 0.01, speechRatio: 0.9 };

  it('finds nothing in ordinary confident speech', () => {
    const reasons = detectHallucination({ text: 'Vi flyttet til Tromsø da jeg var tolv.', ...confident });
    expect(reasons).toEqual([]);
    expect(rejectsWholeSegment(reasons)).toBe(false);
  });

  it('collects every reason a sign-off over near-silence has', () => {
    const reasons = detectHallucination({ text: 'Takk for at du så på.', ...confident, speechRatio: 0.05 });
    expect(reasons.map((reason) => reason.kind).sort()).toEqual(['boilerplate', 'low-speech-ratio']);
    expect(rejectsWholeSegment(reasons)).toBe(true);
  });

  it('computes the compression ratio from the text when none is given', () => {
    const reasons = detectHallucination({ text: 'og så og så og så '.repeat(8), ...confident });
    expect(reasons.map((reason) => reason.kind)).toContain('compression-ratio');
  });

  it('does not condemn a whole segment for a partial credit', () => {
    const reasons = detectHallucination({ text: 'Det var fint. Teksting av NRK.', ...confident });
    expect(reasons).toHaveLength(1);
    expect(rejectsWholeSegment(reasons)).toBe(false);
  });
});
