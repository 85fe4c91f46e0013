import { useEffect, useState } from 'preact/hooks';
import { formatDuration } from '../../../src/coverage';
import { onStoreChange } from '../../../src/messages';
import {
  listParticipants,
  listSessions,
  type IntervjuDatabase,
  type Participant,
  type Session,
  type Vault,
} from '../../../src/store';
import type { MessageKey, Translate } from '../../../src/ui';

const STATUS_LABEL: Record<Session['status'], MessageKey> = {
  active: 'statusActive',
  ended: 'statusEnded',
  interrupted: 'statusInterrupted',
  approved: 'statusApproved',
};

/** Every interview and pilot, newest first. */
export function SessionsPage(props: { db: IntervjuDatabase; vault: Vault; t: Translate }) {
  const { db, t } = props;
  const [sessions, setSessions] = useState<Session[]>([]);
  const [participants, setParticipants] = useState<Map<string, Participant>>(new Map());
  const reload = async () => {
    setSessions(await listSessions(db));
    setParticipants(new Map((await listParticipants(db)).map((participant) => [participant.id, participant])));
  };
  useEffect(() => {
    void reload();
    return onStoreChange((change) => {
      if (change.type === 'session.changed' || change.type === 'participants.changed') void reload();
    });
  }, [db]);

  return (
    <section class="card">
      <h2>{t('sessionsTitle')}</h2>
      {sessions.length === 0 && <p class="muted">{t('noSessions')}</p>}
      <table class="sessions" data-testid="session-list">
        <thead>
          <tr>
            <th>{t('sessionWhen')}</th>
            <th>{t('sessionWho')}</th>
            <th>{t('sessionLength')}</th>
            <th>{t('sessionStatus')}</th>
            <th>{t('sessionAudio')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id} data-testid="session-row" data-session-id={session.id}>
              <td>{new Date(session.startedAt).toLocaleString()}</td>
              <td>
                {session.kind === 'pilot'
                  ? t('pilot')
                  : (participants.get(session.participantId ?? '')?.pseudonym ?? t('withdrawnParticipant'))}
              </td>
              <td>{session.endedAt ? formatDuration(session.endedAt - session.startedAt) : '–'}</td>
              <td>{t(STATUS_LABEL[session.status])}</td>
              <td>{session.hasAudio ? t('audioKept') : t('audioNone')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
