import { useEffect, useState } from 'preact/hooks';
import { quoteSheet, quoteSheetDocx, quoteSheetHtml } from '../../../src/quotes';
import {
  listKeyList,
  listParticipantQuotes,
  listSessions,
  setQuoteStatus,
  type IntervjuDatabase,
  type Participant,
  type Quote,
  type Vault,
} from '../../../src/store';
import { pickLocale, type Locale, type Translate } from '../../../src/ui';
import { downloadFile } from '../download';
import { fileNamePart, localDate, reasonOf } from '../privacy/format';
import { QuoteList } from './QuoteList';

export interface QuoteSheetPanelProps {
  db: IntervjuDatabase;
  vault: Vault;
  t: Translate;
  participant: Participant;
  /** Language of the sheet; the UI's by default. */
  locale?: Locale;
}

/**
 * A participant's quotes: their status, and the sheet to send them for approval
 * (.docx, or a printable page), pseudonymised with the replacement list.
 */
export function QuoteSheetPanel(props: QuoteSheetPanelProps) {
  const { db, vault, t, participant } = props;
  const locale = props.locale ?? pickLocale();
  const [quotes, setQuotes] = useState<Quote[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const reload = async () => setQuotes(await listParticipantQuotes(db, vault, participant.id));
  useEffect(() => {
    void reload();
  }, [db, vault, participant.id]);

  const buildSheet = async () => {
    const sessions = (await listSessions(db)).filter((session) => session.participantId === participant.id).sort((left, right) => left.startedAt - right.startedAt);
    return quoteSheet({
      pseudonym: participant.pseudonym,
      quotes: await listParticipantQuotes(db, vault, participant.id),
      replacements: await listKeyList(db, vault),
      sessionOrder: sessions.map((session) => session.id),
    });
  };
  const run = async (work: () => Promise<string>) => {
    try {
      setMessage({ ok: true, text: await work() });
    } catch (cause) {
      setMessage({ ok: false, text: reasonOf(cause) });
    }
  };
  const downloadDocx = () =>
    run(async () => {
      const name = `sitater-${fileNamePart(participant.pseudonym)}-${localDate()}.docx`;
      downloadFile(name, await quoteSheetDocx(await buildSheet(), locale), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      return t('quoteSheetSaved', { name });
    });
  const openPrintable = () =>
    run(async () => {
      const url = URL.createObjectURL(new Blob([quoteSheetHtml(await buildSheet(), locale)], { type: 'text/html' }));
      const opened = window.open(url, '_blank');
      opened?.addEventListener('load', () => opened.print(), { once: true });
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return t('quoteSheetOpened');
    });
  const markSent = () =>
    run(async () => {
      const marked = (quotes ?? []).filter((quote) => quote.status === 'marked');
      for (const quote of marked) await setQuoteStatus(db, vault, quote.id, 'sent');
      await reload();
      return t('quoteSheetMarkedSent', { count: marked.length });
    });

  return (
    <section class="card quote-sheet" data-testid="quote-sheet" data-participant-id={participant.id}>
      <h3>{t('quoteSheetTitle', { pseudonym: participant.pseudonym })}</h3>
      <p class="muted">{t('quoteSheetHelp')}</p>
      {quotes === null ? (
        <p class="muted">{t('loading')}</p>
      ) : (
        <QuoteList db={db} vault={vault} t={t} quotes={quotes} onChanged={() => void reload()} />
      )}
      <div class="actions">
        <button type="button" data-testid="quote-sheet-docx" disabled={!quotes || quotes.length === 0} onClick={() => void downloadDocx()}>
          {t('quoteSheetDocx')}
        </button>
        <button type="button" class="secondary" data-testid="quote-sheet-print" disabled={!quotes || quotes.length === 0} onClick={() => void openPrintable()}>
          {t('quoteSheetPrint')}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="quote-sheet-sent"
          disabled={!quotes || !quotes.some((quote) => quote.status === 'marked')}
          onClick={() => void markSent()}
        >
          {t('quoteSheetMarkSent')}
        </button>
      </div>
      {message && (
        <p class={message.ok ? 'notice' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="quote-sheet-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
