import { useEffect, useState } from 'preact/hooks';
import { onStoreChange } from '../../../src/messages';
import {
  deleteKeyList,
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
import { KeyListForm } from './KeyListForm';
import { KeyListRow } from './KeyListRow';

/**
 * The key between real and fictive names, which is also the replacement list that
 * pseudonymises transcripts and exports: kept apart from the data, encrypted,
 * exported and deleted on its own.
 */
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

  const exportJson = async () => {
    const name = `intervju-nokkelliste-${localDate()}.json`;
    downloadFile(name, await exportKeyList(db, vault), 'application/json');
    setMessage(t('keyListExported', { name }));
  };

  return (
    <section class="card" data-testid="key-list-page">
      <h2>{t('keyListTitle')}</h2>
      <p class="muted">{t('keyListHelp')}</p>
      <p class="muted">{t('replacementListHelp')}</p>
      <KeyListForm db={db} vault={vault} t={t} participants={participants} entries={entries} onAdded={() => void reload()} />
      {message && (
        <p class="notice" role="status" data-testid="key-list-message">
          {message}
        </p>
      )}
      <div data-testid="replacement-list">
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
                <KeyListRow
                  key={entry.id}
                  db={db}
                  vault={vault}
                  t={t}
                  entry={entry}
                  participants={participants}
                  entries={entries}
                  onChanged={(text) => {
                    setMessage(text);
                    void reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
      </div>
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
