import { useState } from 'preact/hooks';
import { broadcastStoreChange } from '../../../src/messages';
import {
  ALL_STORES,
  BackupRejectedError,
  restoreBackup,
  VaultStateError,
  type BackupProgress,
  type BackupRejectionReason,
  type IntervjuDatabase,
  type RestoreReport,
  type Vault,
} from '../../../src/store';
import type { MessageKey, Translate } from '../../../src/ui';
import { ConfirmStep } from './ConfirmStep';
import { reasonOf } from './format';
import { storeLabel } from './ReceiptView';

const REJECTION_TEXT: Record<BackupRejectionReason, MessageKey> = {
  'not-a-backup': 'restoreNotBackup',
  truncated: 'restoreTruncated',
  'tampered-or-wrong-passphrase': 'restoreTamperedOrWrong',
  'unsupported-version': 'restoreNewerVersion',
};

function explain(t: Translate, cause: unknown): string {
  if (cause instanceof BackupRejectedError) return t(REJECTION_TEXT[cause.reason]);
  if (cause instanceof VaultStateError) return t('restoreVaultMismatch');
  return t('restoreFailed', { reason: reasonOf(cause) });
}

/** Replaces the project's data with a backup's, after asking once; a bad file changes nothing. */
export function RestoreSection(props: { db: IntervjuDatabase; vault: Vault; t: Translate }) {
  const { db, vault, t } = props;
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<RestoreReport | null>(null);
  const [progress, setProgress] = useState<BackupProgress | null>(null);

  const restore = async () => {
    if (!file) return;
    setError(null);
    setReport(null);
    setProgress({ done: 0, total: file.size });
    try {
      // The File itself: the restore reads it a segment at a time.
      const result = await restoreBackup(db, file, passphrase, vault, { onProgress: setProgress });
      setReport(result);
      setPassphrase('');
      for (const type of ['project.changed', 'participants.changed', 'guide.changed'] as const) broadcastStoreChange({ type });
    } catch (cause) {
      setError(explain(t, cause));
    } finally {
      setProgress(null);
    }
  };
  const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0);

  return (
    <section class="card" data-testid="restore-form">
      <h2>{t('restoreTitle')}</h2>
      <p class="muted">{t('restoreHelp')}</p>
      <label>
        {t('restoreFile')}
        <input type="file" accept=".intervju,application/octet-stream" data-testid="restore-file" onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)} />
      </label>
      <label>
        {t('backupPassphrase')}
        <input type="password" autocomplete="off" data-testid="restore-passphrase" value={passphrase} onInput={(event) => setPassphrase(event.currentTarget.value)} />
      </label>
      {progress && (
        <div class="progress" aria-live="polite">
          <progress data-testid="restore-progress" max={progress.total} value={progress.done} />
          <span>{t('restoreProgress', { done: megabytes(progress.done), total: megabytes(progress.total) })}</span>
        </div>
      )}
      {error && (
        <p class="error" role="alert" data-testid="restore-error">
          {error}
        </p>
      )}
      {report && (
        <div class="receipt" role="status" data-testid="restore-report">
          <p class="notice">{t('restoreDone', { time: new Date(report.backupCreatedAt).toLocaleString() })}</p>
          <ul>
            {ALL_STORES.filter((name) => report.counts[name] > 0).map((name) => (
              <li key={name} data-testid="restore-count" data-store={name}>
                {storeLabel(t, name)}: {report.counts[name]}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ConfirmStep
        t={t}
        testId="restore-start"
        label={t('restoreStart')}
        confirmLabel={t('restoreConfirm')}
        disabled={!file || passphrase === '' || progress !== null}
        question={<p>{t('restoreQuestion', { name: file?.name ?? '' })}</p>}
        onConfirm={restore}
      />
    </section>
  );
}
