import { useState } from 'preact/hooks';
import { markPassage } from '../../../src/quotes';
import { addQuote, type IntervjuDatabase, type Quote, type QuoteAnchor, type Segment, type Session, type Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { reasonOf } from '../privacy/format';
import { selectedPassage } from './selection';

export interface QuoteMarkProps {
  db: IntervjuDatabase;
  vault: Vault;
  t: Translate;
  session: Session;
  /** The session's segments in time order, as shown. */
  segments: readonly Segment[];
  /** Where the passage lies; defaults to the page's text selection inside the transcript (./selection.ts). */
  readSelection?: () => { from: QuoteAnchor; to: QuoteAnchor } | null;
  onMarked?: (quote: Quote) => void;
}

/** Marks the selected passage as a quote for the participant to approve (stored encrypted, with its context). */
export function QuoteMark(props: QuoteMarkProps) {
  const { db, vault, t, session } = props;
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const mark = async () => {
    const selection = (props.readSelection ?? selectedPassage)();
    const passage = selection ? markPassage(props.segments, selection.from, selection.to) : null;
    if (!passage) return setMessage({ ok: false, text: t('quoteSelectFirst') });
    try {
      const quote = await addQuote(db, vault, { ...passage, sessionId: session.id, participantId: session.participantId });
      setMessage({ ok: true, text: t('quoteMarked') });
      props.onMarked?.(quote);
    } catch (cause) {
      setMessage({ ok: false, text: reasonOf(cause) });
    }
  };

  return (
    <span class="quote-mark">
      {/* mousedown would move the focus and, in some browsers, drop the selection before the click. */}
      <button type="button" class="secondary" data-testid="quote-mark" onMouseDown={(event) => event.preventDefault()} onClick={() => void mark()}>
        {t('quoteMark')}
      </button>
      {message && (
        <span class={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="quote-mark-message">
          {' '}
          {message.text}
        </span>
      )}
    </span>
  );
}
