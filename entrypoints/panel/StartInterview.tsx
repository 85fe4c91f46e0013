import { useState } from 'preact/hooks';
import type { Guide } from '../../src/guide';
import { backgroundMessaging, type WhisperLanguage } from '../../src/messages';
import { LanguageSelect, type MessageKey, type Translate } from '../../src/ui';
import { panelScope } from './panel-scope';

/** Where the panel runs: the in-call frame passes the meeting page's platform in its URL. */
function currentPlatform(): 'zoom' | 'teams' | 'other' {
  const platform = new URLSearchParams(location.search).get('platform');
  return platform === 'zoom' || platform === 'teams' ? platform : 'other';
}

const REFUSAL: Record<'no-guide' | 'no-pseudonym' | 'locked', MessageKey> = {
  'no-guide': 'noGuide',
  'no-pseudonym': 'pseudonymRequired',
  locked: 'passphraseUnlockTitle',
};

/**
 * Starts a session: an interview with a participant's pseudonym, or a pilot
 * rehearsal. On the practice page only a pilot can start (bound to that page).
 */
export function StartInterview(props: { guide: Guide; t: Translate }) {
  const { guide, t } = props;
  const practice = panelScope === 'practice';
  const [kind, setKind] = useState<'interview' | 'pilot'>(practice ? 'pilot' : 'interview');
  const [pseudonym, setPseudonym] = useState('');
  const [language, setLanguage] = useState<WhisperLanguage>('no');
  const [error, setError] = useState<string | null>(null);

  const start = async (event: Event) => {
    event.preventDefault();
    if (kind === 'interview' && pseudonym.trim() === '') return setError(t('pseudonymRequired'));
    const result = await backgroundMessaging.sendMessage('session.start', {
      kind,
      scope: panelScope,
      pseudonym,
      platform: currentPlatform(),
      language,
    });
    if (!result.ok) setError(t(REFUSAL[result.reason]));
  };

  return (
    <form class="start" onSubmit={start}>
      <h2>{practice ? t('practiceStartTitle') : t('startTitle')}</h2>
      <p class="muted">
        {guide.title} · {t('guideVersion', { version: guide.version })} · {t('minutesShort', { minutes: guide.plannedMinutes })}
      </p>
      {practice && <p class="muted">{t('practiceStartHelp')}</p>}
      {!practice && (
      <fieldset class="kind">
        <legend class="visually-hidden">{t('sessionKind')}</legend>
        <label>
          <input type="radio" name="kind" checked={kind === 'interview'} onChange={() => setKind('interview')} />
          {t('kindInterview')}
        </label>
        <label>
          <input
            type="radio"
            name="kind"
            data-testid="interview-kind-pilot"
            checked={kind === 'pilot'}
            onChange={() => setKind('pilot')}
          />
          {t('kindPilot')}
        </label>
      </fieldset>
      )}
      {kind === 'interview' && (
        <label>
          {t('pseudonym')}
          <input
            data-testid="participant-pseudonym"
            value={pseudonym}
            placeholder={t('pseudonymPlaceholder')}
            onInput={(event) => setPseudonym(event.currentTarget.value)}
          />
          <small class="muted">{t('pseudonymHelp')}</small>
        </label>
      )}
      <LanguageSelect t={t} value={language} onChange={setLanguage} testId="interview-language" />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" data-testid="interview-start">
        {kind === 'pilot' ? t('startPilot') : t('startInterview')}
      </button>
    </form>
  );
}
