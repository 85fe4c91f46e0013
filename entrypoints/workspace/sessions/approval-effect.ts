import type { Project, Session } from '../../../src/store';
import type { Translate } from '../../../src/ui';

/** What approving does to this session's audio under the project's policy, in plain words. */
export function approvalEffect(t: Translate, project: Project | null, session: Session): string {
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
