import { describe, expect, it } from 'vitest';
import type { RawTranscription } from '../messages';
import { buildLiveSegment } from './live-segment';

const transcription = (words: [string, number, number, number][]): RawTranscription => ({
  text: words.map(([text]) => text).join(' '),
  words: words.map(([text, start, end, probability]) => ({ text, start, end, probability })),
  chunks: [{ text: words.map(([text]) => text).join(' '), start: words[0]?.[1] ?? 0, end: words.at(-1)?.[2] ?? 0 }],
  avgLogProb: -0.2,
  compressionRatio: 1.1,
  noSpeechProb: null,
  tokenCount: words.length,
  timing: { encoderMs: null, decoderMs: null, totalMs: 1 },
});

const base = {
  id: 'u1',
  sessionId: 's1',
  channel: 'participant' as const,
  utterance: { start: 10, end: 14, speechRatio: 0.9 },
  overlaps: [],
  language: 'no',
};

describe('a live segment', () => {
  it('keeps confident words as they are, with their times', () => {
    const segment = buildLiveSegment({
      ...base,
      transcription: transcription([['Jeg', 10.2, 10.4, 0.95], ['jobber', 10.4, 10.8, 0.9], ['her.', 10.8, 11.1, 0.92]]),
      dropouts: [],
    });
    expect(segment?.text).toBe('Jeg jobber her.');
    expect(segment?.unclear).toEqual([]);
    expect(segment?.words.map((word) => word.start)).toEqual([10.2, 10.4, 10.8]);
  });

  it('marks the words over a dropout as [uklart] and keeps where it was', () => {
    const segment = buildLiveSegment({
      ...base,
      transcription: transcription([['Jeg', 10.2, 10.4, 0.95], ['jobber', 11.0, 11.5, 0.95], ['her.', 13.2, 13.5, 0.95]]),
      dropouts: [{ start: 10.9, end: 12.9 }],
    });
    expect(segment?.text).toContain('[uklart]');
    expect(segment?.text).not.toContain('jobber');
    const span = segment?.unclear[0];
    expect(span?.start).toBeLessThanOrEqual(11.0);
    expect(span?.end).toBeGreaterThanOrEqual(11.5);
  });

  it('uses the English label for an English interview', () => {
    const segment = buildLiveSegment({
      ...base,
      language: 'en',
      transcription: transcription([['I', 10.2, 10.4, 0.1]]),
      dropouts: [],
    });
    expect(segment?.text).toBe('[unclear]');
  });

  it('gives nothing for an utterance with no text and no lost audio', () => {
    expect(buildLiveSegment({ ...base, transcription: transcription([]), dropouts: [], utterance: { ...base.utterance, speechRatio: 0 } })).toBeNull();
  });
});
