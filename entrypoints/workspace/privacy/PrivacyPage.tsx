import type { IntervjuDatabase, Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { BackupSection } from './BackupSection';
import { RestoreSection } from './RestoreSection';
import { SecuritySection } from './SecuritySection';
import { StorageSection } from './StorageSection';

/** Backup and restore, storage, and the lock: the researcher's own safety settings. */
export function PrivacyPage(props: { db: IntervjuDatabase; vault: Vault; t: Translate }) {
  const { db, vault, t } = props;
  return (
    <div data-testid="privacy-page">
      <p class="muted">{t('privacyIntro')}</p>
      <BackupSection db={db} vault={vault} t={t} />
      <RestoreSection db={db} vault={vault} t={t} />
      <StorageSection t={t} />
      <SecuritySection db={db} t={t} />
    </div>
  );
}
