import type { WhisperLanguage } from '../messages';
import type { MessageKey, Translate } from './i18n';

/** Whisper's codes: `no` writes bokmål (`nb` is not one of them). */
const LANGUAGES: [WhisperLanguage, MessageKey][] = [
  ['no', 'languageBokmal'],
  ['nn', 'languageNynorsk'],
  ['en', 'languageEnglish'],
  ['sv', 'languageSwedish'],
  ['da', 'languageDanish'],
  ['auto', 'languageAuto'],
];

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
        {LANGUAGES.map(([code, key]) => (
          <option key={code} value={code}>
            {t(key)}
          </option>
        ))}
      </select>
    </label>
  );
}
