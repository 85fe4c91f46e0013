import { useState } from 'preact/hooks';
import { createBackup, MINIMUM_PASSPHRASE_LENGTH, type IntervjuDatabase, type Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { downloadFile } from '../download';
import { localDate, reasonOf } from './format';

/** Saves the whole project as one file encrypted under a passphrase typed twice. */
export function BackupSection(props: { db: IntervjuDatabase; vault: Vault; t: Translate }) {
  const { db, vault, t } = props;
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    if ([...passphrase].length < MINIMUM_PASSPHRASE_LENGTH) return setMessage({ ok: false, text: t('passphraseTooShort') });
    if (passphrase !== repeat) return setMessage({ ok: false, text: t('passphraseMismatch') });
    setBusy(true);
    setMessage(null);
    try {
      const bytes = await createBackup(db, vault, passphrase);
      const name = `intervju-backup-${localDate()}.intervju`;
      // Never backed by a SharedArrayBuffer: fflate and WebCrypto return plain buffers.
      downloadFile(name, bytes as Uint8Array<ArrayBuffer>, 'application/octet-stream');
      setPassphrase('');
      setRepeat('');
      setMessage({ ok: true, text: t('backupSaved', { name }) });
    } catch (cause) {
      setMessage({ ok: false, text: t('backupFailed', { reason: reasonOf(cause) }) });
    } finally {
      setBusy(false);
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
