import { useEffect, useState } from 'preact/hooks';
import { onStoreChange } from '../../../src/messages';
import {
  deleteKeyList,
  deleteKeyListEntry,
  exportKeyList,
  listKeyList,
  listParticipants,
  type IntervjuDatabase,
  type KeyListEntry,
  type Participant,
  type Vault,
} from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { downloadFile } from '../download';
import { ConfirmStep } from '../privacy/ConfirmStep';
import { localDate } from '../privacy/format';
import { KeyListForm, KIND_LABEL } from './KeyListForm';

/** The key between real and fictive names: kept apart from the data, encrypted, exported and deleted on its own. */
export function KeyListPage(props: { db: IntervjuDatabase; vault: Vault; t: Translate }) {
  const { db, vault, t } = props;
  const [entries, setEntries] = useState<KeyListEntry[]>([]);
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const reload = async () => {
    setEntries(await listKeyList(db, vault));
    setParticipants(await listParticipants(db));
  };
  useEffect(() => {
    void reload();
    return onStoreChange((change) => {
      if (change.type === 'participants.changed') void reload();
    });
  }, [db, vault]);
  const pseudonymOf = (id: string | null) => participants.find((participant) => participant.id === id)?.pseudonym ?? '–';

  const exportJson = async () => {
    const name = `intervju-nokkelliste-${localDate()}.json`;
    downloadFile(name, await exportKeyList(db, vault), 'application/json');
    setMessage(t('keyListExported', { name }));
  };

  return (
    <section class="card" data-testid="key-list-page">
      <h2>{t('keyListTitle')}</h2>
      <p class="muted">{t('keyListHelp')}</p>
      <KeyListForm db={db} vault={vault} t={t} participants={participants} onAdded={() => void reload()} />
      {message && (
        <p class="notice" role="status" data-testid="key-list-message">
          {message}
        </p>
      )}
      {entries.length === 0 ? (
        <p class="muted">{t('keyListEmpty')}</p>
      ) : (
        <table class="sessions" data-testid="key-list">
          <thead>
            <tr>
              <th>{t('keyListReal')}</th>
              <th>{t('keyListFictive')}</th>
              <th>{t('keyListKind')}</th>
              <th>{t('keyListParticipant')}</th>
              <th>{t('actionsColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-testid="key-list-entry" data-entry-id={entry.id}>
                <td>{entry.real}</td>
                <td>{entry.fictive}</td>
                <td>{t(KIND_LABEL[entry.kind])}</td>
                <td>{pseudonymOf(entry.participantId)}</td>
                <td>
                  <ConfirmStep
                    t={t}
                    testId="key-list-delete"
                    label={t('remove')}
                    confirmLabel={t('keyListDeleteConfirm')}
                    question={<p>{t('keyListDeleteQuestion', { real: entry.real, fictive: entry.fictive })}</p>}
                    onConfirm={async () => {
                      await deleteKeyListEntry(db, entry.id);
                      setMessage(t('keyListDeleted', { fictive: entry.fictive }));
                      await reload();
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="actions">
        <ConfirmStep
          t={t}
          testId="key-list-export"
          secondary
          label={t('keyListExport')}
          confirmLabel={t('keyListExportConfirm')}
          disabled={entries.length === 0}
          question={<p>{t('keyListExportWarning')}</p>}
          onConfirm={exportJson}
        />
        <ConfirmStep
          t={t}
          testId="key-list-delete-all"
          label={t('keyListDeleteAll')}
          confirmLabel={t('keyListDeleteAllConfirm')}
          disabled={entries.length === 0}
          question={<p>{t('keyListDeleteAllQuestion', { count: entries.length })}</p>}
          onConfirm={async () => {
            const count = await deleteKeyList(db);
            setMessage(t('keyListAllDeleted', { count }));
            await reload();
          }}
        />
      </div>
    </section>
  );
}
