import { useState } from 'preact/hooks';
import { deleteQuote, setQuoteStatus, type IntervjuDatabase, type Quote, type QuoteStatus, type Vault } from '../../../src/store';
import type { MessageKey, Translate } from '../../../src/ui';
import { ConfirmStep } from '../privacy/ConfirmStep';
import { reasonOf } from '../privacy/format';

export const STATUS_LABEL: Record<QuoteStatus, MessageKey> = {
  marked: 'quoteStatusMarked',
  sent: 'quoteStatusSent',
  approved: 'quoteStatusApproved',
  changed: 'quoteStatusChanged',
  withdrawn: 'quoteStatusWithdrawn',
};

function QuoteItem(props: { db: IntervjuDatabase; vault: Vault; t: Translate; quote: Quote; onChanged: () => void }) {
  const { db, vault, t, quote } = props;
  const [wording, setWording] = useState(quote.changedText ?? quote.text);
  const [error, setError] = useState<string | null>(null);
  const setStatus = async (status: QuoteStatus, changedText: string | null = null) => {
    try {
      await setQuoteStatus(db, vault, quote.id, status, changedText);
      setError(null);
      props.onChanged();
    } catch (cause) {
      setError(reasonOf(cause));
    }
  };
  return (
    <li class="quote-item" data-testid="quote-item" data-quote-id={quote.id} data-status={quote.status}>
      <p>
        {quote.contextBefore !== '' && <span class="muted">… {quote.contextBefore} </span>}
        <strong>«{quote.text}»</strong>
        {quote.contextAfter !== '' && <span class="muted"> {quote.contextAfter} …</span>}
      </p>
      <div class="actions">
        <label>
          {t('quoteStatus')}{' '}
          <select data-testid="quote-status" value={quote.status} onChange={(event) => void setStatus(event.currentTarget.value as QuoteStatus, quote.changedText)}>
            {(Object.keys(STATUS_LABEL) as QuoteStatus[]).map((status) => (
              <option key={status} value={status}>
                {t(STATUS_LABEL[status])}
              </option>
            ))}
          </select>
        </label>
        <ConfirmStep
          t={t}
          testId="quote-delete"
          secondary
          label={t('quoteUnmark')}
          confirmLabel={t('quoteUnmarkConfirm')}
          question={<p>{t('quoteUnmarkQuestion')}</p>}
          onConfirm={async () => {
            await deleteQuote(db, quote.id);
            props.onChanged();
          }}
        />
      </div>
      {quote.status === 'changed' && (
        <label class="quote-wording">
          {t('quoteChangedWording')}
          <textarea data-testid="quote-changed-text" rows={3} value={wording} onInput={(event) => setWording(event.currentTarget.value)} />
          <button type="button" data-testid="quote-changed-save" onClick={() => void setStatus('changed', wording)}>
            {t('save')}
          </button>
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Marked quotes with their status (sent, approved, changed with the new wording, withdrawn), as the researcher tracks them. */
export function QuoteList(props: { db: IntervjuDatabase; vault: Vault; t: Translate; quotes: readonly Quote[]; onChanged: () => void }) {
  if (props.quotes.length === 0) return <p class="muted">{props.t('quoteNone')}</p>;
  return (
    <ol class="quote-list" data-testid="quote-list">
      {props.quotes.map((quote) => (
        <QuoteItem key={`${quote.id}:${quote.statusAt ?? 0}`} db={props.db} vault={props.vault} t={props.t} quote={quote} onChanged={props.onChanged} />
      ))}
    </ol>
  );
}
