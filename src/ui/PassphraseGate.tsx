import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { onStoreChange, type PassphraseResult, type VaultStatus } from '../messages';
import type { MessageKey, Translate } from './i18n';
import type { VaultAccess } from '../unlock';

const REFUSAL_TEXT: Record<Exclude<PassphraseResult, { ok: true }>['reason'], MessageKey> = {
  'wrong-passphrase': 'passphraseWrong',
  'too-short': 'passphraseTooShort',
  'already-set-up': 'passphraseAlreadySetUp',
  failed: 'passphraseFailed',
};

/**
 * Shows its children only while the store is unlocked. The first time, it asks
 * the researcher to choose a passphrase; afterwards, to enter it.
 */
export function PassphraseGate(props: {
  access: VaultAccess;
  t: Translate;
  children: (lock: () => Promise<void>) => ComponentChildren;
}) {
  const { access, t } = props;
  const [status, setStatus] = useState<VaultStatus | 'checking'>('checking');

  useEffect(() => {
    const refresh = () => void access.status().then(setStatus);
    refresh();
    return onStoreChange((change) => {
      if (change.type === 'vault.locked' || change.type === 'vault.unlocked') refresh();
    });
  }, [access]);

  const lock = async () => {
    await access.lock();
    setStatus('locked');
  };

  if (status === 'checking') return <p class="muted">{t('loading')}</p>;
  if (status === 'open') return <>{props.children(lock)}</>;
  return (
    <PassphraseForm
      t={t}
      setUp={status === 'set-up'}
      onSubmit={async (passphrase) => {
        const result = status === 'set-up' ? await access.setUp(passphrase) : await access.unlock(passphrase);
        if (result.ok) setStatus('open');
        return result;
      }}
    />
  );
}

function PassphraseForm(props: { t: Translate; setUp: boolean; onSubmit: (passphrase: string) => Promise<PassphraseResult> }) {
  const { t, setUp } = props;
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (setUp && passphrase.length < 8) return setError(t('passphraseTooShort'));
    if (setUp && passphrase !== confirmation) return setError(t('passphraseMismatch'));
    setBusy(true);
    try {
      const result = await props.onSubmit(passphrase);
      if (!result.ok) setError(t(REFUSAL_TEXT[result.reason], { reason: result.message ?? '' }));
    } catch (cause) {
      setError(t('passphraseFailed', { reason: cause instanceof Error ? cause.message : String(cause) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="passphrase" onSubmit={submit} data-testid="passphrase-form">
      <h2>{setUp ? t('passphraseSetUpTitle') : t('passphraseUnlockTitle')}</h2>
      <p class="muted">{setUp ? t('passphraseSetUpHelp') : t('passphraseUnlockHelp')}</p>
      <label>
        {t('passphrase')}
        <input
          type="password"
          autocomplete={setUp ? 'new-password' : 'current-password'}
          data-testid="passphrase-input"
          value={passphrase}
          onInput={(event) => setPassphrase(event.currentTarget.value)}
          autoFocus
        />
      </label>
      {setUp && (
        <label>
          {t('passphraseRepeat')}
          <input
            type="password"
            autocomplete="new-password"
            data-testid="passphrase-confirm"
            value={confirmation}
            onInput={(event) => setConfirmation(event.currentTarget.value)}
          />
        </label>
      )}
      {error && (
        <p class="error" role="alert" data-testid="passphrase-error">
          {error}
        </p>
      )}
      <button type="submit" data-testid="passphrase-submit" disabled={busy}>
        {busy ? t('working') : setUp ? t('passphraseSetUp') : t('unlock')}
      </button>
    </form>
  );
}
