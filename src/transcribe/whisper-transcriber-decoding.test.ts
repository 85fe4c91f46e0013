import { describe, expect, it } from 'vitest';
import {
  incrementalTokenTexts,
  interpolateWords,
  placeChunks,
  readProbeLogits,
  windowRanges,
} from './whisper-transcriber-decoding';

describe('placing decoded chunks in the session', () => {
  it('adds the window start, trims text and drops empty chunks', () => {
    const placed = placeChunks(
      [
        { text: ' Hei der', timestamp: [0.5, 1.25] },
        { text: '  ', timestamp: [1.25, 2] },
      ],
      60,
      65,
    );
    expect(placed).toEqual([{ text: 'Hei der', start: 60.5, end: 61.25 }]);
  });

  it('closes a segment cut off by the token limit at the end of the audio, and clamps times past it', () => {
    const placed = placeChunks([{ text: 'og så', timestamp: [4.5, null] }, { text: 'mer', timestamp: [9, 29.98] }], 10, 15);
    expect(placed).toEqual([
      { text: 'og så', start: 14.5, end: 15 },
      { text: 'mer', start: 15, end: 15 },
    ]);
  });
});

describe('words without word timestamps', () => {
  it('spreads a segment over its words by length, end to end', () => {
    const words = interpolateWords([{ text: 'ja nå', start: 2, end: 4 }]);
    expect(words).toEqual([
      { text: 'ja', start: 2, end: 3 },
      { text: 'nå', start: 3, end: 4 },
    ]);
  });
});

describe('token texts for word confidence', () => {
  it('gives each text token what it added to the text, and special tokens nothing', () => {
    const pieces: Record<number, string> = { 1: ' Hei', 2: ' på', 3: ' deg' };
    const texts = incrementalTokenTexts([1, 900, 2, 3], (id) => id < 100, (ids) => ids.map((id) => pieces[id]).join(''));
    expect(texts).toEqual([' Hei', '', ' på', ' deg']);
  });

  it('gives a character split over two byte tokens to the token that completes it', () => {
    // "ø" is two UTF-8 bytes: after the first, a decoder shows U+FFFD.
    const decode = (ids: number[]) => (ids.length === 1 ? ' s\uFFFD' : ' sø');
    expect(incrementalTokenTexts([7, 8], () => true, decode)).toEqual([' s\uFFFD', 'ø']);
  });
});

describe('the start-of-transcript probe', () => {
  it('picks the most likely language token and the no-speech probability', () => {
    const logits = new Float32Array([0, 0, 3, 5, Math.log(2)]);
    const result = readProbeLogits(logits, new Map([[2, 'no'], [3, 'sv']]), 4);
    expect(result.language).toBe('sv');
    const total = 1 + 1 + Math.exp(3) + Math.exp(5) + 2;
    expect(result.noSpeechProb).toBeCloseTo(2 / total, 10);
  });

  it('gives no no-speech probability for a model without that token', () => {
    expect(readProbeLogits(new Float32Array([1, 2]), new Map([[1, 'en']]), null)).toEqual({ language: 'en', noSpeechProb: null });
  });
});

describe('30 s windows', () => {
  it('covers the samples with consecutive windows, the last one short', () => {
    expect(windowRanges(70, 30)).toEqual([
      [0, 30],
      [30, 60],
      [60, 70],
    ]);
    expect(windowRanges(0, 30)).toEqual([]);
  });
});
