import { broadcastStoreChange } from '../../../src/messages';
import { deleteAllProjectData, deletionRecord, keepLastDeletion, type IntervjuDatabase, type Project } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { forgetVault } from '../../../src/unlock';
import { ConfirmStep } from '../privacy/ConfirmStep';

/**
 * Deletes everything, the vault included, after the researcher types the project
 * title. The receipt is kept outside the database (it is about to be empty) and
 * shown by LastDeletionNotice once the page returns to first set-up.
 */
export function DeleteAllProject(props: { db: IntervjuDatabase; t: Translate; project: Project | null }) {
  const { db, t, project } = props;
  const typed = project?.title ?? t('deleteAllWord');
  const run = async () => {
    const receipt = await deleteAllProjectData(db);
    await keepLastDeletion(deletionRecord('project-deleted-by-hand', receipt));
    broadcastStoreChange({ type: 'project.changed' });
    broadcastStoreChange({ type: 'participants.changed' });
    // The wrapped key is gone with the data: no page may keep using the old one.
    await forgetVault();
  };
  return (
    <ConfirmStep
      t={t}
      testId="project-delete-all"
      label={t('deleteAll')}
      confirmLabel={t('deleteAllConfirm')}
      typed={typed}
      question={
        <>
          <p>
            <strong>{t('deleteAllQuestion')}</strong>
          </p>
          <p>{t('deleteAllWhat')}</p>
          <p>
            {t('deleteAllBackupFirst')} <a href="#/privacy">{t('navPrivacy')}</a>
          </p>
        </>
      }
      onConfirm={run}
    />
  );
}
