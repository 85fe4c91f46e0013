import { useEffect, useState } from 'preact/hooks';
import { formatDuration } from '../../../src/coverage';
import { onStoreChange } from '../../../src/messages';
import {
  getProject,
  listParticipants,
  listSessions,
  type IntervjuDatabase,
  type Participant,
  type Project,
  type Session,
  type SessionEndReason,
  type Vault,
} from '../../../src/store';
import { FinalPassBar } from '../session-view/FinalPassBar';
import { describeProblems, type MessageKey, type Translate } from '../../../src/ui';
import { SessionActions } from './SessionActions';

const STATUS_LABEL: Record<Session['status'], MessageKey> = {
  active: 'statusActive',
  ended: 'statusEnded',
  interrupted: 'statusInterrupted',
  approved: 'statusApproved',
};

const END_REASON_LABEL: Record<SessionEndReason, MessageKey> = {
  'import-cancelled': 'endReasonImportCancelled',
  'import-failed': 'endReasonImportFailed',
};

/** Every interview and pilot, newest first. */
export function SessionsPage(props: { db: IntervjuDatabase; vault: Vault; t: Translate }) {
  const { db, t } = props;
  const [sessions, setSessions] = useState<Session[]>([]);
  const [participants, setParticipants] = useState<Map<string, Participant>>(new Map());
  const [project, setProject] = useState<Project | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const reload = async () => {
    setProject(await getProject(db));
    setSessions(await listSessions(db));
    setParticipants(new Map((await listParticipants(db)).map((participant) => [participant.id, participant])));
  };
  useEffect(() => {
    void reload();
    return onStoreChange((change) => {
      if (change.type === 'session.changed' || change.type === 'participants.changed' || change.type === 'project.changed') void reload();
    });
  }, [db]);

  return (
    <section class="card">
      <h2>{t('sessionsTitle')}</h2>
      {sessions.length === 0 && <p class="muted">{t('noSessions')}</p>}
      {message && (
        <p class="notice" role="status" data-testid="session-message">
          {message}
        </p>
      )}
      <table class="sessions" data-testid="session-list">
        <thead>
          <tr>
            <th>{t('sessionWhen')}</th>
            <th>{t('sessionWho')}</th>
            <th>{t('sessionLength')}</th>
            <th>{t('sessionStatus')}</th>
            <th>{t('sessionAudio')}</th>
            <th>{t('actionsColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id} data-testid="session-row" data-session-id={session.id} data-kind={session.kind} data-status={session.status}>
              <td>{new Date(session.startedAt).toLocaleString()}</td>
              <td>
                {session.kind === 'pilot'
                  ? t('pilot')
                  : session.participantId === null
                    ? t('noParticipant')
                    : (participants.get(session.participantId)?.pseudonym ?? t('withdrawnParticipant'))}
                {session.kind === 'import' && <small class="muted"> ({t('sessionKindImport')})</small>}
              </td>
              <td>{session.endedAt ? formatDuration(session.endedAt - session.startedAt) : '–'}</td>
              <td>
                {t(STATUS_LABEL[session.status])}
                {session.endReason && (
                  <span data-testid="session-end-reason" data-reason={session.endReason}>
                    {' '}({t(END_REASON_LABEL[session.endReason])})
                  </span>
                )}
                {/* Why a recording stopped or what it could not do: kept with the session, shown here after the call. */}
                {describeProblems(session.problems ?? [], t).map((problem) => (
                  <p key={problem.kind} class="warning session-problem" data-testid="session-problem" data-kind={problem.kind}>
                    ⚠ {problem.text}
                  </p>
                ))}
                <FinalPassBar session={session} t={t} compact />
              </td>
              <td data-testid="session-audio" data-has-audio={String(session.hasAudio)}>
                {session.hasAudio ? <strong class="audio-held">{t('audioKept')}</strong> : t('audioNone')}
              </td>
              <td>
                <a class="button-link" href={`#/sessions/${encodeURIComponent(session.id)}`} data-testid="session-open">
                  {t('sessionOpen')}
                </a>
                <SessionActions db={db} t={t} session={session} project={project} onDone={(text) => setMessage(text)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
