/**
 * Interface language: Norwegian bokmål or English, following the browser's
 * language preferences. Every string exists in both; the `Messages` type makes a
 * missing translation a compile error.
 */
import { en } from './messages-en';
import { nb, type Messages } from './messages-nb';

export type Locale = 'nb' | 'en';
export type MessageKey = keyof Messages;

const CATALOGUES: Record<Locale, Messages> = { nb, en };

/** Picks bokmål for any Norwegian preference (nb, no, nn), English otherwise. */
export function pickLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translate function for one locale; `{name}` placeholders are filled from params. */
export function translator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  return (key, params) => {
    const template = catalogue[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}
