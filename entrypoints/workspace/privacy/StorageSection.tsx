import { useEffect, useState } from 'preact/hooks';
import { estimateStorage, requestPersistentStorage, type StorageEstimateReport } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { formatBytes } from './format';

/** Usage against quota, whether the browser promised to keep the data, and a warning when room runs low. */
export function StorageSection(props: { t: Translate }) {
  const { t } = props;
  const [report, setReport] = useState<StorageEstimateReport | null>(null);
  const [asked, setAsked] = useState<boolean | null>(null);
  const refresh = () => void estimateStorage().then(setReport);
  useEffect(refresh, []);

  const persist = async () => {
    setAsked(await requestPersistentStorage());
    refresh();
  };

  if (!report) return <p class="muted">{t('loading')}</p>;
  const locale = document.documentElement.lang;
  return (
    <section class="card" data-testid="storage" data-warning={report.warning} data-persisted={String(report.persisted)}>
      <h2>{t('storageTitle')}</h2>
      {report.quota > 0 ? (
        <>
          <p data-testid="storage-usage">
            {t('storageUsage', { used: formatBytes(report.usage, locale), quota: formatBytes(report.quota, locale) })}
          </p>
          <meter min={0} max={report.quota} value={report.usage} low={report.quota * 0.8} high={report.quota * 0.95} optimum={0}>
            {Math.round((report.usage / report.quota) * 100)} %
          </meter>
        </>
      ) : (
        <p class="muted">{t('storageUnknown')}</p>
      )}
      {report.warning !== 'none' && (
        <p class={report.warning === 'critical' ? 'error' : 'warning'} role="alert" data-testid="storage-warning">
          {report.warning === 'critical' ? t('storageCritical') : t('storageLow')}
        </p>
      )}
      <p data-testid="storage-persisted">{report.persisted ? t('storagePersisted') : t('storageNotPersisted')}</p>
      {!report.persisted && (
        <button type="button" class="secondary" data-testid="storage-persist" onClick={() => void persist()}>
          {t('storagePersist')}
        </button>
      )}
      {asked === false && <p class="warning">{t('storagePersistRefused')}</p>}
    </section>
  );
}
