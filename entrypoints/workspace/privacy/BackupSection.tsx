import { useState } from 'preact/hooks';
import { createBackup, MINIMUM_PASSPHRASE_LENGTH, type BackupProgress, type IntervjuDatabase, type Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { downloadBlob } from '../download';
import { localDate, reasonOf } from './format';

/** Saves the whole project as one file encrypted under a passphrase typed twice. */
export function BackupSection(props: { db: IntervjuDatabase; vault: Vault; t: Translate }) {
  const { db, vault, t } = props;
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    if ([...passphrase].length < MINIMUM_PASSPHRASE_LENGTH) return setMessage({ ok: false, text: t('passphraseTooShort') });
    if (passphrase !== repeat) return setMessage({ ok: false, text: t('passphraseMismatch') });
    setBusy(true);
    setMessage(null);
    try {
      const file = await createBackup(db, vault, passphrase, { onProgress: setProgress });
      const name = `intervju-backup-${localDate()}.intervju`;
      downloadBlob(name, file);
      setPassphrase('');
      setRepeat('');
      setMessage({ ok: true, text: t('backupSaved', { name }) });
    } catch (cause) {
      setMessage({ ok: false, text: t('backupFailed', { reason: reasonOf(cause) }) });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <form class="card" onSubmit={create} data-testid="backup-form">
      <h2>{t('backupTitle')}</h2>
      <p class="muted">{t('backupHelp')}</p>
      <label>
        {t('backupPassphrase')}
        <input type="password" autocomplete="new-password" data-testid="backup-passphrase" value={passphrase} onInput={(event) => setPassphrase(event.currentTarget.value)} />
      </label>
      <label>
        {t('passphraseRepeat')}
        <input type="password" autocomplete="new-password" data-testid="backup-passphrase-repeat" value={repeat} onInput={(event) => setRepeat(event.currentTarget.value)} />
      </label>
      {busy && progress && progress.total > 0 && (
        <div class="progress" aria-live="polite">
          <progress data-testid="backup-progress" max={progress.total} value={progress.done} />
          <span>{t('backupProgress', { done: progress.done, total: progress.total })}</span>
        </div>
      )}
      {message && (
        <p class={message.ok ? 'notice' : 'error'} role="status" data-testid="backup-message">
          {message.text}
        </p>
      )}
      <button type="submit" data-testid="backup-create" disabled={busy}>
        {busy ? t('working') : t('backupCreate')}
      </button>
    </form>
  );
}
