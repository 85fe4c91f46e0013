import { WHISPER_LANGUAGES, type WhisperLanguage } from '../messages';
import type { MessageKey, Translate } from './i18n';

/** The name of each of Whisper's codes (the list and its order: WHISPER_LANGUAGES); `no` writes bokmål. */
const LANGUAGE_NAMES: Record<WhisperLanguage, MessageKey> = {
  no: 'languageBokmal',
  nn: 'languageNynorsk',
  en: 'languageEnglish',
  sv: 'languageSwedish',
  da: 'languageDanish',
  auto: 'languageAuto',
};

/** The language an interview is held in, for transcription and the [uklart] label. */
export function LanguageSelect(props: {
  t: Translate;
  value: WhisperLanguage;
  onChange: (language: WhisperLanguage) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = props;
  return (
    <label>
      {t('interviewLanguage')}
      <select
        data-testid={props.testId}
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.currentTarget.value as WhisperLanguage)}
      >
        {WHISPER_LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {t(LANGUAGE_NAMES[code])}
          </option>
        ))}
      </select>
    </label>
  );
}
