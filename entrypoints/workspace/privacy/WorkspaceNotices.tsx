import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { estimateStorage, requestPersistentStorage, type StorageWarning } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { EndDateBanner } from '../project/EndDateBanner';
import type { ProjectState } from '../project/use-project';

const PERSIST_ASKED_KEY = 'lifecycle.persistRequested';

/**
 * Asks once per installation for persistent storage, so the browser does not
 * evict interviews under disk pressure. `persist()` exists only in windows, not in
 * the service worker, so the first unlocked workspace page asks.
 */
async function requestPersistenceOnce(): Promise<void> {
  if ((await browser.storage.local.get(PERSIST_ASKED_KEY))[PERSIST_ASKED_KEY]) return;
  await requestPersistentStorage();
  await browser.storage.local.set({ [PERSIST_ASKED_KEY]: true });
}

/** Banners on every workspace page: the end date coming, and storage running low. */
export function WorkspaceNotices(props: { t: Translate; project: ProjectState }) {
  const { t, project } = props;
  const [storage, setStorage] = useState<StorageWarning>('none');
  useEffect(() => {
    void requestPersistenceOnce().catch(() => undefined);
    void estimateStorage().then((report) => setStorage(report.warning));
  }, []);
  return (
    <>
      <EndDateBanner t={t} status={project.status} endDate={project.project?.endDate ?? null} deleteAtEndDate={project.deleteAtEndDate} />
      {storage !== 'none' && (
        <div class={`banner ${storage === 'critical' ? 'banner-danger' : 'banner-warn'}`} role="alert" data-testid="storage-banner">
          {storage === 'critical' ? t('storageCritical') : t('storageLow')} <a href="#/privacy">{t('navPrivacy')}</a>
        </div>
      )}
    </>
  );
}
