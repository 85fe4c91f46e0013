import { useEffect, useState } from 'preact/hooks';
import { formatDuration } from '../../../src/coverage';
import {
  buildInterviewSummary,
  summaryFileName,
  summaryMarkdown,
  summaryStateLabel,
  type ExportLocale,
  type InterviewSummary,
} from '../../../src/export';
import { getGuide, getParticipant, getSession, listCoverage, listNotes, type IntervjuDatabase, type Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { downloadFile } from '../download';
import { exportSeams } from '../exports/export-seams';

/** `#/sessions/<id>/summary` → the session's id; anything else → null. */
export function sessionSummaryId(hash: string): string | null {
  const match = /^#\/sessions\/([^/]+)\/summary$/u.exec(hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

type Loaded = { kind: 'summary'; summary: InterviewSummary } | { kind: 'no-guide' } | { kind: 'missing' };

/**
 * One session's summary at `#/sessions/<id>/summary`, reached from the sessions
 * list: coverage, time per section, closing items and notes, to read, download as
 * Markdown or print. Notes are pseudonymised with the key list, on screen too, so
 * what is printed is what is downloaded.
 */
export function InterviewSummaryRoute(props: { db: IntervjuDatabase; vault: Vault; t: Translate; locale: ExportLocale }) {
  const { db, vault, t, locale } = props;
  const [sessionId, setSessionId] = useState(sessionSummaryId(location.hash));
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    const onHash = () => setSessionId(sessionSummaryId(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (sessionId === null) return;
    let live = true;
    setLoaded(null);
    void (async () => {
      const session = await getSession(db, sessionId);
      const guide = session?.guideId ? await getGuide(db, session.guideId, session.guideVersion) : null;
      if (!session) return live && setLoaded({ kind: 'missing' });
      if (!guide) return live && setLoaded({ kind: 'no-guide' });
      const [participant, events, notes] = await Promise.all([
        session.participantId ? getParticipant(db, session.participantId) : Promise.resolve(null),
        listCoverage(db, sessionId),
        listNotes(db, vault, sessionId),
      ]);
      const transform = exportSeams(db, vault).transform;
      const safe = transform ? await transform({ segments: [], notes }, { session, participant }) : { notes };
      const summary = buildInterviewSummary({ guide, session, pseudonym: participant?.pseudonym ?? null, events, notes: safe.notes });
      if (live) setLoaded({ kind: 'summary', summary });
    })();
    return () => {
      live = false;
    };
  }, [db, vault, sessionId]);
  if (sessionId === null) return null;
  if (loaded === null) return <p class="muted">{t('loading')}</p>;
  if (loaded.kind !== 'summary') {
    return (
      <div class="card" data-testid="interview-summary" data-session-id={sessionId}>
        <p>{t(loaded.kind === 'missing' ? 'summaryMissing' : 'summaryNoGuide')}</p>
        <a href="#/sessions">{t('summaryBack')}</a>
      </div>
    );
  }
  return <SummaryView summary={loaded.summary} sessionId={sessionId} t={t} locale={locale} />;
}

function minutes(ms: number | null, t: Translate): string {
  return ms === null ? '–' : t('minutesShort', { minutes: Math.round(ms / 60_000) });
}

function SummaryView(props: { summary: InterviewSummary; sessionId: string; t: Translate; locale: ExportLocale }) {
  const { summary, t, locale } = props;
  const download = () => downloadFile(summaryFileName(summary, locale), summaryMarkdown(summary, locale), 'text/markdown;charset=utf-8');
  return (
    <article class="card interview-summary" data-testid="interview-summary" data-session-id={props.sessionId}>
      <h2>{t('summaryTitle')}</h2>
      <p>
        {t('summaryFor', { who: summary.pseudonym ?? t('pilot') })} · {summary.guideTitle} ({t('guideVersion', { version: summary.guideVersion })}) ·{' '}
        {new Date(summary.startedAt).toLocaleString(locale === 'nb' ? 'nb-NO' : 'en-GB')}
      </p>
      <p>{t('summaryDuration', { spent: formatDuration(summary.durationMs), planned: formatDuration(summary.plannedMs) })}</p>
      <div class="actions no-print">
        <button type="button" data-testid="summary-download" onClick={download}>
          {t('summaryDownload')}
        </button>
        <button type="button" class="secondary" data-testid="summary-print" onClick={() => window.print()}>
          {t('summaryPrint')}
        </button>
        <a href="#/sessions">{t('summaryBack')}</a>
      </div>

      <h3>{t('summaryCoverage')}</h3>
      {summary.sections.map((section) => (
        <section key={section.id} class="summary-section">
          <h4>{section.title}</h4>
          <ul>
            {section.questions.map((question) => (
              <li key={question.id} data-testid="summary-question" data-question-id={question.id} data-state={question.state}>
                {question.mustAsk && <span class="must-ask">{t('mustAsk')}</span>}
                {question.text} — <em>{summaryStateLabel(question, locale)}</em>
                {question.probes.length > 0 && (
                  <ul>
                    {question.probes.map((probe) => (
                      <li key={probe.id} data-testid="summary-probe" data-probe-id={probe.id} data-state={probe.state}>
                        {probe.text} — <em>{summaryStateLabel(probe, locale)}</em>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {summary.openMustAsk.length > 0 && (
        <div class="summary-open-must-ask">
          <h4>{t('summaryOpenMustAsk')}</h4>
          <ul>
            {summary.openMustAsk.map((text, index) => (
              <li key={index}>{text}</li>
            ))}
          </ul>
        </div>
      )}

      <h3>{t('summaryTimes')}</h3>
      <table class="summary-times" data-testid="summary-times">
        <thead>
          <tr>
            <th scope="col">{t('summarySection')}</th>
            <th scope="col">{t('summarySpent')}</th>
            <th scope="col">{t('summaryPlanned')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.sections.map((section) => (
            <tr key={section.id}>
              <th scope="row">{section.title}</th>
              <td>{section.spentMs === null ? t('summaryNotReached') : minutes(section.spentMs, t)}</td>
              <td>{minutes(section.plannedMs, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {summary.closing.length > 0 && (
        <>
          <h3>{t('summaryClosing')}</h3>
          <ul>
            {summary.closing.map((item, index) => (
              <li key={index}>
                {item.text} — <em>{t(item.checked ? 'summaryClosingDone' : 'summaryClosingNotDone')}</em>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t('summaryNotes')}</h3>
      <p class="muted">{t('summaryPseudonymised')}</p>
      {summary.notes.length === 0 && <p>{t('summaryNoNotes')}</p>}
      <ul data-testid="summary-notes">
        {summary.notes.map((note, index) => (
          <li key={index} data-testid="summary-note">
            <span class="muted">{formatDuration(note.at * 1000)}</span>
            {note.question && <span class="muted"> · {note.question}</span>}
            {note.reviseGuide && <strong> [{t('summaryRevise')}]</strong>} {note.text}
          </li>
        ))}
      </ul>
    </article>
  );
}
