import { describe, expect, it } from 'vitest';
import { segmentLanguage } from './segment-language';
import { unclearLabel } from './unclear-policy';

describe('segmentLanguage', () => {
  it('keeps the interview language', () => {
    expect((['no', 'nn', 'en', 'sv', 'da'] as const).map(segmentLanguage)).toEqual(['no', 'nn', 'en', 'sv', 'da']);
  });

  it('stores a detected language as bokmål, labelled [uklart]', () => {
    expect(segmentLanguage('auto')).toBe('no');
    expect(unclearLabel(segmentLanguage('auto'))).toBe('uklart');
  });
});
