import { describe, expect, it } from 'vitest';
import { pickLocale, translator } from './i18n';
import { en } from './messages-en';
import { nb } from './messages-nb';

describe('interface language', () => {
  it('follows the browser: any Norwegian preference gives bokmål, else English', () => {
    expect(pickLocale(['nb-NO', 'en'])).toBe('nb');
    expect(pickLocale(['nn'])).toBe('nb');
    expect(pickLocale(['no'])).toBe('nb');
    expect(pickLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(pickLocale(['sv'])).toBe('en');
  });

  it('fills placeholders', () => {
    expect(translator('nb')('guideVersion', { version: 3 })).toBe('versjon 3');
    expect(translator('en')('consentTitle', { done: 2, total: 5 })).toBe('Before we start (2/5)');
  });

  it('has every text in both languages, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    expect(Object.keys(en).sort()).toEqual(Object.keys(nb).sort());
    for (const key of Object.keys(nb) as (keyof typeof nb)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(nb[key]));
    }
  });
});
