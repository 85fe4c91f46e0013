import type { IntervjuDatabase } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { DeleteAllProject } from './DeleteAllProject';
import { ProjectForm } from './ProjectForm';
import { TranscriptionModelSection } from './TranscriptionModelSection';
import type { ProjectState } from './use-project';

/** The project: its settings, how long is left, and deleting it all by hand. */
export function ProjectPage(props: { db: IntervjuDatabase; t: Translate; project: ProjectState }) {
  const { db, t } = props;
  const { project, status, deleteAtEndDate, loaded } = props.project;
  if (!loaded) return <p class="muted">{t('loading')}</p>;
  return (
    <div data-testid="project-page">
      {project && (
        <p class="project-status" data-testid="project-days-left" data-days-left={status.daysLeft ?? ''}>
          {status.daysLeft === null
            ? t('projectNoEndDate')
            : status.ended
              ? t('projectEnded', { date: project.endDate ?? '' })
              : t('projectDaysLeft', { days: status.daysLeft, date: project.endDate ?? '' })}
        </p>
      )}
      <ProjectForm db={db} t={t} project={project} deleteAtEndDate={deleteAtEndDate} />
      <TranscriptionModelSection db={db} t={t} />
      <TranscriptionModelSection db={db} t={t} purpose="final" />
      <section class="card danger-zone">
        <h2>{t('deleteAllTitle')}</h2>
        <p class="muted">{t('deleteAllHelp')}</p>
        <DeleteAllProject db={db} t={t} project={project} />
      </section>
    </div>
  );
}
