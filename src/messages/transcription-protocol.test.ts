import { describe, expect, it } from 'vitest';
import { WHISPER_LANGUAGES, isWhisperLanguage } from './transcription-protocol';

describe('WHISPER_LANGUAGES and isWhisperLanguage', () => {
  it('offers bokmål first and detection last', () => {
    expect(WHISPER_LANGUAGES).toEqual(['no', 'nn', 'en', 'sv', 'da', 'auto']);
  });

  it('tells Whisper codes from other stored languages', () => {
    for (const code of WHISPER_LANGUAGES) expect(isWhisperLanguage(code)).toBe(true);
    // `nb` is the UI locale's code, not Whisper's: Whisper writes bokmål for `no`.
    expect(isWhisperLanguage('nb')).toBe(false);
    expect(isWhisperLanguage('')).toBe(false);
  });
});
