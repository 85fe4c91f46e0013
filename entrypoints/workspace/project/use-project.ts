import { useEffect, useState } from 'preact/hooks';
import { onStoreChange } from '../../../src/messages';
import { getProject, getSetting, projectEndStatus, type IntervjuDatabase, type Project, type ProjectEndStatus } from '../../../src/store';

export interface ProjectState {
  loaded: boolean;
  project: Project | null;
  deleteAtEndDate: boolean;
  status: ProjectEndStatus;
  reload: () => Promise<void>;
}

/** The project record, its end-date status and the auto-delete setting, kept current across pages. */
export function useProject(db: IntervjuDatabase, now: () => number = Date.now): ProjectState {
  const [state, setState] = useState<Omit<ProjectState, 'reload'>>({
    loaded: false,
    project: null,
    deleteAtEndDate: true,
    status: projectEndStatus(null, now()),
  });
  const reload = async () => {
    const project = await getProject(db);
    const deleteAtEndDate = await getSetting(db, 'deleteAtEndDate');
    setState({ loaded: true, project, deleteAtEndDate, status: projectEndStatus(project, now()) });
  };
  useEffect(() => {
    void reload();
    // The date moves on while a workspace tab stays open for days.
    const timer = setInterval(() => void reload(), 60 * 60 * 1000);
    const unsubscribe = onStoreChange((change) => {
      if (change.type === 'project.changed') void reload();
    });
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [db]);
  return { ...state, reload };
}
