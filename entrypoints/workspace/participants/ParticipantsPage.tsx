import { useEffect, useState } from 'preact/hooks';
import { broadcastStoreChange, onStoreChange } from '../../../src/messages';
import {
  exportParticipantData,
  listParticipants,
  listSessions,
  withdrawParticipant,
  type DeletionReceipt,
  type ExportProgress,
  type IntervjuDatabase,
  type Participant,
  type Session,
  type Vault,
} from '../../../src/store';
import type { ExportLocale } from '../../../src/export';
import type { Translate } from '../../../src/ui';
import { downloadBlob } from '../download';
import { ExportPanel } from '../exports/ExportPanel';
import { ConfirmStep } from '../privacy/ConfirmStep';
import { fileNamePart, localDate, reasonOf } from '../privacy/format';
import { ReceiptView } from '../privacy/ReceiptView';
import { QuoteSheetPanel } from '../quotes/QuoteSheetPanel';

interface Row {
  participant: Participant;
  sessions: Session[];
}

/** Everyone interviewed: consent, sessions, audio; withdrawal, export of their data and their transcripts; the project's export. */
export function ParticipantsPage(props: { db: IntervjuDatabase; vault: Vault; t: Translate; locale: ExportLocale }) {
  const { db, vault, t, locale } = props;
  const [transcriptsOf, setTranscriptsOf] = useState<string | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [receipt, setReceipt] = useState<DeletionReceipt | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [exporting, setExporting] = useState<({ participantId: string } & ExportProgress) | null>(null);
  const [quotesOf, setQuotesOf] = useState<string | null>(null);
  const reload = async () => {
    const sessions = await listSessions(db);
    const participants = await listParticipants(db);
    setRows(participants.map((participant) => ({ participant, sessions: sessions.filter((session) => session.participantId === participant.id) })));
  };
  useEffect(() => {
    void reload();
    return onStoreChange((change) => {
      if (change.type === 'participants.changed' || change.type === 'session.changed') void reload();
    });
  }, [db]);

  const withdraw = async ({ participant, sessions }: Row) => {
    const result = await withdrawParticipant(db, participant.id);
    setReceipt(result);
    setMessage(null);
    broadcastStoreChange({ type: 'participants.changed' });
    for (const session of sessions) broadcastStoreChange({ type: 'session.changed', sessionId: session.id });
  };
  const exportData = async ({ participant }: Row) => {
    try {
      const name = `intervju-${fileNamePart(participant.pseudonym)}-${localDate()}.zip`;
      setExporting({ participantId: participant.id, done: 0, total: 0 });
      const file = await exportParticipantData(db, vault, participant.id, {
        locale,
        onProgress: (progress) => setExporting({ participantId: participant.id, ...progress }),
      });
      downloadBlob(name, file);
      setMessage({ ok: true, text: t('participantExported', { name }) });
    } catch (cause) {
      setMessage({ ok: false, text: t('participantExportFailed', { reason: reasonOf(cause) }) });
    } finally {
      setExporting(null);
    }
  };

  return (
    <section class="card" data-testid="participants-page">
      <h2>{t('participantsTitle')}</h2>
      <p class="muted">{t('participantsHelp')}</p>
      {receipt && <ReceiptView t={t} title={t('withdrawReceipt', { pseudonym: receipt.participantPseudonym ?? '' })} receipt={receipt} />}
      {message && (
        <p class={message.ok ? 'notice' : 'error'} role="status" data-testid="participant-message">
          {message.text}
        </p>
      )}
      {rows.length === 0 && <p class="muted">{t('noParticipants')}</p>}
      <table class="sessions" data-testid="participant-list">
        <thead>
          <tr>
            <th>{t('pseudonymColumn')}</th>
            <th>{t('consentColumn')}</th>
            <th>{t('sessionsColumn')}</th>
            <th>{t('sessionAudio')}</th>
            <th>{t('actionsColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { participant, sessions } = row;
            const hasAudio = sessions.some((session) => session.hasAudio);
            return [
              <tr key={participant.id} data-testid="participant-row" data-participant-id={participant.id}>
                <td>{participant.pseudonym}</td>
                <td>{participant.consentAt ? new Date(participant.consentAt).toLocaleString() : t('consentMissing')}</td>
                <td>{sessions.length}</td>
                <td data-testid="participant-audio" data-has-audio={String(hasAudio)}>
                  {hasAudio ? t('audioKept') : t('audioNone')}
                </td>
                <td>
                  <div class="actions">
                    <button type="button" class="secondary" data-testid="participant-export" disabled={exporting !== null} onClick={() => void exportData(row)}>
                      {t('participantExport')}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      data-testid="participant-transcripts"
                      aria-expanded={transcriptsOf === participant.id}
                      onClick={() => setTranscriptsOf(transcriptsOf === participant.id ? null : participant.id)}
                    >
                      {t('exportTranscripts')}
                    </button>
                    {exporting?.participantId === participant.id && exporting.total > 0 && (
                      <div class="progress" aria-live="polite">
                        <progress data-testid="participant-export-progress" max={exporting.total} value={exporting.done} />
                        <span>{t('participantExportProgress', { done: exporting.done, total: exporting.total })}</span>
                      </div>
                    )}
                    <button
                      type="button"
                      class="secondary"
                      data-testid="participant-quotes"
                      aria-expanded={quotesOf === participant.id}
                      onClick={() => setQuotesOf(quotesOf === participant.id ? null : participant.id)}
                    >
                      {t('quotes')}
                    </button>
                    <ConfirmStep
                      t={t}
                      testId="participant-withdraw"
                      label={t('withdraw')}
                      confirmLabel={t('withdrawConfirm', { pseudonym: participant.pseudonym })}
                      question={
                        <p>
                          <strong>{t('withdrawQuestion', { pseudonym: participant.pseudonym })}</strong>{' '}
                          {t('withdrawWhat', { sessions: sessions.length })}
                        </p>
                      }
                      onConfirm={() => withdraw(row)}
                    />
                  </div>
                </td>
              </tr>,
              transcriptsOf === participant.id && (
                <tr key={`${participant.id}-export`} data-testid="participant-transcripts-row" data-participant-id={participant.id}>
                  <td colSpan={5}>
                    <ExportPanel
                      db={db}
                      vault={vault}
                      t={t}
                      locale={locale}
                      scope={{ kind: 'participant', participantId: participant.id }}
                      title={t('exportTitleParticipant', { pseudonym: participant.pseudonym })}
                    />
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
      {rows
        .filter((row) => row.participant.id === quotesOf)
        .map((row) => (
          <QuoteSheetPanel key={row.participant.id} db={db} vault={vault} t={t} participant={row.participant} />
        ))}
      <details class="project-export" data-testid="project-export">
        <summary>{t('exportTitleProject')}</summary>
        <p class="muted">{t('exportProjectHelp')}</p>
        <ExportPanel db={db} vault={vault} t={t} locale={locale} scope={{ kind: 'project' }} title={t('exportTitleProject')} />
      </details>
    </section>
  );
}
