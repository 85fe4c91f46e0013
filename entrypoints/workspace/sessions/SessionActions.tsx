import { broadcastStoreChange } from '../../../src/messages';
import { approveSession, deletePilot, deleteSessionAudio, type IntervjuDatabase, type Project, type Session } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { ConfirmStep } from '../privacy/ConfirmStep';
import { approvalEffect } from './approval-effect';

/**
 * Approve a finished transcript (kept here for quick approval of a short session;
 * the session view's `approve-transcript` is the same step after reading) and
 * delete a session's audio now; each asks once and reports.
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
      {session.status !== 'active' && session.guideId !== '' && (
        <a href={`#/sessions/${encodeURIComponent(session.id)}/summary`} data-testid="session-summary">
          {t('summaryOpen')}
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
      {session.kind === 'pilot' && (
        <a href={`#/sessions/${encodeURIComponent(session.id)}/revise`} data-testid="session-revise">
          {t('sessionRevise')}
        </a>
      )}
      {/* Pilots are practice, not research data: deletable whenever they are not running (end one in the panel first). */}
      {session.kind === 'pilot' && session.status !== 'active' && (
        <ConfirmStep
          t={t}
          testId="session-delete"
          label={t('pilotDelete')}
          confirmLabel={t('pilotDeleteConfirm')}
          question={<p>{t('pilotDeleteQuestion')}</p>}
          onConfirm={async () => {
            await deletePilot(db, session.id);
            announce();
            props.onDone(t('pilotDeleted'));
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
