import { broadcastStoreChange } from '../../../src/messages';
import { approveSession, deleteSessionAudio, type IntervjuDatabase, type Project, type Session } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { ConfirmStep } from '../privacy/ConfirmStep';

/** What approving does to this session's audio under the project's policy, in plain words. */
function approvalEffect(t: Translate, project: Project | null, session: Session): string {
  if (!session.hasAudio) return t('approveNoAudio');
  switch (project?.audioPolicy.kind) {
    case 'delete-on-approval':
    case 'no-audio':
      return t('approveDeletesAudio');
    case 'delete-after-days':
      return t('approveKeepsAudioDays', { days: project.audioPolicy.days });
    default:
      return t('approveKeepsAudio');
  }
}

/**
 * Approve a finished transcript (until the transcript editor has its own approve
 * step) and delete a session's audio now; each asks once and reports.
 */
export function SessionActions(props: { db: IntervjuDatabase; t: Translate; session: Session; project: Project | null; onDone: (message: string) => void }) {
  const { db, t, session, project } = props;
  const finished = session.status === 'ended' || session.status === 'interrupted';
  const announce = () => broadcastStoreChange({ type: 'session.changed', sessionId: session.id });
  return (
    <div class="actions">
      {session.status !== 'active' && (
        <a href={`#/sessions/${encodeURIComponent(session.id)}/export`} data-testid="session-export">
          {t('exportOpen')}
        </a>
      )}
      {finished && (
        <ConfirmStep
          t={t}
          testId="session-approve"
          secondary
          label={t('approveTranscript')}
          confirmLabel={t('approveConfirm')}
          question={<p>{t('approveQuestion', { effect: approvalEffect(t, project, session) })}</p>}
          onConfirm={async () => {
            const approved = await approveSession(db, session.id);
            announce();
            props.onDone(session.hasAudio && !approved.hasAudio ? t('approvedAudioDeleted') : t('approved'));
          }}
        />
      )}
      {session.hasAudio && session.status !== 'active' && (
        <ConfirmStep
          t={t}
          testId="session-delete-audio"
          label={t('deleteAudioNow')}
          confirmLabel={t('deleteAudioConfirm')}
          question={<p>{t('deleteAudioQuestion')}</p>}
          onConfirm={async () => {
            const count = await deleteSessionAudio(db, session.id);
            announce();
            props.onDone(t('audioDeleted', { count }));
          }}
        />
      )}
    </div>
  );
}
