import { useEffect, useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../../../src/ui';
import { dismissLastDeletion, onLastDeletionChange, readLastDeletion, type DeletionRecord } from '../../../src/store';
import { ReceiptView } from './ReceiptView';

const TITLE: Record<DeletionRecord['kind'], MessageKey> = {
  'project-end-automatic': 'lastDeletionAutomatic',
  'project-deleted-by-hand': 'lastDeletionByHand',
  'audio-retention': 'lastDeletionAudio',
};

/**
 * Reports the last deletion until the researcher dismisses it. Shown outside the
 * passphrase gate: after a whole-project deletion there is no vault to unlock.
 */
export function LastDeletionNotice(props: { t: Translate }) {
  const { t } = props;
  const [record, setRecord] = useState<DeletionRecord | null>(null);
  useEffect(() => {
    const refresh = () => void readLastDeletion().then(setRecord);
    refresh();
    return onLastDeletionChange(refresh);
  }, []);
  if (!record) return null;
  return (
    <section class="card notice-card" data-testid="last-deletion" data-kind={record.kind}>
      <ReceiptView t={t} title={t(TITLE[record.kind])} receipt={record} />
      <button type="button" class="secondary" data-testid="last-deletion-dismiss" onClick={() => void dismissLastDeletion()}>
        {t('dismiss')}
      </button>
    </section>
  );
}
