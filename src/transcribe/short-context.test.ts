import { describe, expect, it } from 'vitest';
import { fullContextReasons, needsFullContext, shortContextFrames } from './short-context';

describe('the short encoder context (FUTO rule)', () => {
  it('is the audio plus 0.64 s, never under 3.2 s, never over the 30 s window', () => {
    // 5 s: 250 positions of audio plus the margin of 32.
    expect(shortContextFrames(5 * 16_000)).toBe(282);
    // A part of a position still needs the whole position.
    expect(shortContextFrames(5 * 16_000 + 1)).toBe(283);
    expect(shortContextFrames(0)).toBe(160);
    expect(shortContextFrames(16_000)).toBe(160);
    expect(shortContextFrames(2.56 * 16_000)).toBe(160);
    expect(shortContextFrames(2.58 * 16_000)).toBe(161);
    expect(shortContextFrames(29 * 16_000)).toBe(1482);
    expect(shortContextFrames(29.5 * 16_000)).toBe(1500);
    expect(shortContextFrames(30 * 16_000)).toBe(1500);
  });
});

describe('falling back to the full window', () => {
  const sound = { text: 'Vi snakket om hvordan arbeidsdagen ser ut.', avgLogProb: -0.3, noSpeechProb: 0.01, compressionRatio: 1.1 };

  it('keeps a short-context text the checks do not doubt', () => {
    expect(fullContextReasons(sound)).toEqual([]);
    expect(needsFullContext(sound)).toBe(false);
    // Low confidence alone is the [uklart] policy's business per word, not a failed context.
    expect(needsFullContext({ ...sound, avgLogProb: -1.5 })).toBe(false);
  });

  it('decodes again when the text loops, as unmodified Whisper does on a short context', () => {
    const loop = { ...sound, text: 'og så og så og så og så og så' };
    expect(fullContextReasons(loop).map((reason) => reason.kind)).toContain('repetition');
    expect(needsFullContext({ ...sound, compressionRatio: 2.6 })).toBe(true);
  });

  it('decodes again on subtitle boilerplate, anywhere in the text', () => {
    expect(fullContextReasons({ ...sound, text: 'Teksting av Nicolai Winther' }).map((reason) => reason.kind)).toContain('boilerplate');
    expect(needsFullContext({ ...sound, text: 'Ja, det stemmer. www.example.no' })).toBe(true);
  });

  it("decodes again when the model calls speech silence, or writes nothing, since the VAD heard speech", () => {
    expect(fullContextReasons({ ...sound, noSpeechProb: 0.8, avgLogProb: -1.2 }).map((reason) => reason.kind)).toEqual(['no-speech']);
    expect(fullContextReasons({ ...sound, text: '  ' })).toEqual([{ kind: 'empty' }]);
    // A confident decode with a high no-speech probability is kept (openai-whisper's rule).
    expect(needsFullContext({ ...sound, noSpeechProb: 0.8, avgLogProb: -0.2 })).toBe(false);
  });
});
