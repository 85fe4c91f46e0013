import { ALL_STORES, type StoreName } from '../../../src/store';
import type { MessageKey, Translate } from '../../../src/ui';

const STORE_LABEL: Record<StoreName, MessageKey> = {
  project: 'storeProject',
  vault: 'storeVault',
  guides: 'storeGuides',
  settings: 'storeSettings',
  participants: 'storeParticipants',
  sessions: 'storeSessions',
  segments: 'storeSegments',
  coverage: 'storeCoverage',
  notes: 'storeNotes',
  audio: 'storeAudio',
  keyList: 'storeKeyList',
  quotes: 'storeQuotes',
  speech: 'storeSpeech',
};

/** The researcher's name for a kind of record. */
export function storeLabel(t: Translate, name: StoreName): string {
  return t(STORE_LABEL[name]);
}

/** The parts of a deletion receipt the researcher needs: when, how many of what, and whether it was checked. */
export interface ReceiptLike {
  at: number;
  counts: Record<StoreName, number>;
  verified: boolean;
}

/** What a deletion removed, per kind of record, and whether a check found anything left. */
export function ReceiptView(props: { t: Translate; title: string; receipt: ReceiptLike }) {
  const { t, receipt } = props;
  const deleted = ALL_STORES.filter((name) => receipt.counts[name] > 0);
  return (
    <div class="receipt" role="status" data-testid="deletion-receipt" data-verified={String(receipt.verified)}>
      <h3>{props.title}</h3>
      <p class="muted">{t('receiptAt', { time: new Date(receipt.at).toLocaleString() })}</p>
      {deleted.length === 0 ? (
        <p>{t('receiptNothing')}</p>
      ) : (
        <ul>
          {deleted.map((name) => (
            <li key={name} data-testid="receipt-count" data-store={name}>
              {storeLabel(t, name)}: {receipt.counts[name]}
            </li>
          ))}
        </ul>
      )}
      <p class={receipt.verified ? 'notice' : 'error'} data-testid="receipt-verified">
        {receipt.verified ? t('receiptVerified') : t('receiptNotVerified')}
      </p>
    </div>
  );
}
