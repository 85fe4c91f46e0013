import { useEffect, useState } from 'preact/hooks';
import {
  changePassphrase,
  getSetting,
  MINIMUM_PASSPHRASE_LENGTH,
  PassphraseTooShortError,
  setSetting,
  WrongPassphraseError,
  type IntervjuDatabase,
} from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { reasonOf } from './format';

type Message = { ok: boolean; text: string } | null;

/** Auto-lock time and passphrase change. */
export function SecuritySection(props: { db: IntervjuDatabase; t: Translate }) {
  const { db, t } = props;
  // Null until the stored value is read: the field waits for it, so a late read cannot overwrite typing.
  const [minutes, setMinutes] = useState<number | null>(null);
  const [lockMessage, setLockMessage] = useState<Message>(null);
  useEffect(() => void getSetting(db, 'autoLockMinutes').then(setMinutes), [db]);

  const saveMinutes = async (event: Event) => {
    event.preventDefault();
    if (minutes === null) return;
    if (!(Number.isInteger(minutes) && minutes >= 1 && minutes <= 480)) return setLockMessage({ ok: false, text: t('autoLockInvalid') });
    await setSetting(db, 'autoLockMinutes', minutes);
    setLockMessage({ ok: true, text: t('autoLockSaved', { minutes }) });
  };

  return (
    <>
      <form class="card" onSubmit={saveMinutes} data-testid="auto-lock-form">
        <h2>{t('securityTitle')}</h2>
        <label>
          {t('autoLockMinutes')}
          <input type="number" min={1} max={480} step={1} data-testid="auto-lock-minutes" value={minutes ?? ''} disabled={minutes === null} onInput={(event) => setMinutes(Number(event.currentTarget.value))} />
          <span class="muted help">{t('autoLockHelp')}</span>
        </label>
        {lockMessage && (
          <p class={lockMessage.ok ? 'notice' : 'error'} role="status" data-testid="auto-lock-message">
            {lockMessage.text}
          </p>
        )}
        <button type="submit" data-testid="auto-lock-save">
          {t('save')}
        </button>
      </form>
      <ChangePassphrase db={db} t={t} />
    </>
  );
}

function ChangePassphrase(props: { db: IntervjuDatabase; t: Translate }) {
  const { db, t } = props;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  const change = async (event: Event) => {
    event.preventDefault();
    if ([...next].length < MINIMUM_PASSPHRASE_LENGTH) return setMessage({ ok: false, text: t('passphraseTooShort') });
    if (next !== repeat) return setMessage({ ok: false, text: t('passphraseMismatch') });
    setBusy(true);
    setMessage(null);
    try {
      await changePassphrase(db, current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setMessage({ ok: true, text: t('passphraseChanged') });
    } catch (cause) {
      if (cause instanceof WrongPassphraseError) setMessage({ ok: false, text: t('passphraseCurrentWrong') });
      else if (cause instanceof PassphraseTooShortError) setMessage({ ok: false, text: t('passphraseTooShort') });
      else setMessage({ ok: false, text: t('passphraseChangeFailed', { reason: reasonOf(cause) }) });
    } finally {
      setBusy(false);
    }
  };

  const field = (label: string, testId: string, value: string, set: (value: string) => void, autocomplete: string) => (
    <label>
      {label}
      <input type="password" autocomplete={autocomplete} data-testid={testId} value={value} onInput={(event) => set(event.currentTarget.value)} />
    </label>
  );
  return (
    <form class="card" onSubmit={change} data-testid="change-passphrase-form">
      <h2>{t('changePassphraseTitle')}</h2>
      <p class="muted">{t('changePassphraseHelp')}</p>
      {field(t('passphraseCurrent'), 'passphrase-current', current, setCurrent, 'current-password')}
      {field(t('passphraseNew'), 'passphrase-new', next, setNext, 'new-password')}
      {field(t('passphraseRepeat'), 'passphrase-new-repeat', repeat, setRepeat, 'new-password')}
      {message && (
        <p class={message.ok ? 'notice' : 'error'} role="status" data-testid="change-passphrase-message">
          {message.text}
        </p>
      )}
      <button type="submit" data-testid="change-passphrase-submit" disabled={busy}>
        {busy ? t('working') : t('changePassphrase')}
      </button>
    </form>
  );
}
