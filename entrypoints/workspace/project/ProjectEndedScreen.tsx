import type { IntervjuDatabase, Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { BackupSection } from '../privacy/BackupSection';
import { DeleteAllProject } from './DeleteAllProject';
import type { ProjectState } from './use-project';

/**
 * On and after the end date: the ethics approval says all data goes now. The
 * screen offers a last backup, then deleting everything; if the board extended
 * the project, the end date can still be changed on the project page.
 */
export function ProjectEndedScreen(props: { db: IntervjuDatabase; vault: Vault; t: Translate; project: ProjectState }) {
  const { db, vault, t } = props;
  const { project, deleteAtEndDate } = props.project;
  return (
    <section class="card ended" role="alert" data-testid="project-ended">
      <h2>{t('endedTitle', { title: project?.title ?? '', date: project?.endDate ?? '' })}</h2>
      <p>{t('endedExplanation')}</p>
      <p>{deleteAtEndDate ? t('endedAutomatic') : t('endedManual')}</p>
      <div class="ended-steps">
        <div class="ended-step">
          <strong>{t('endedStepExport')}</strong>
          <BackupSection db={db} vault={vault} t={t} />
        </div>
        <div class="ended-step">
          <strong>{t('endedStepDelete')}</strong>
          <div class="actions">
            <DeleteAllProject db={db} t={t} project={project} />
          </div>
        </div>
      </div>
      <p class="muted">
        {t('endedExtended')} <a href="#/project">{t('navProject')}</a>
      </p>
    </section>
  );
}
