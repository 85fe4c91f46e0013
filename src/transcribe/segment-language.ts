import type { WhisperLanguage } from '../messages';

/**
 * The language a segment is stored in, which also picks its [uklart] label
 * (`unclearLabel`): the interview's language; when Whisper was left to detect it
 * (`auto`), bokmål (`no`). The one rule for live finals, provisional texts and
 * file imports alike.
 */
export function segmentLanguage(language: WhisperLanguage): Exclude<WhisperLanguage, 'auto'> {
  return language === 'auto' ? 'no' : language;
}
