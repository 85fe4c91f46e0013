import { useState } from 'preact/hooks';
import { replacementConflict } from '../../../src/pseudonymise';
import { deleteKeyListEntry, updateKeyListEntry, type IntervjuDatabase, type KeyListEntry, type Participant, type Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { ConfirmStep } from '../privacy/ConfirmStep';
import { reasonOf } from '../privacy/format';
import { KIND_LABEL, KindSelect } from './KeyListForm';

/**
 * One pair of the key list, which is also the replacement list: shown, or
 * edited in place (a better fictive name, the kind, the participant it belongs to).
 */
export function KeyListRow(props: {
  db: IntervjuDatabase;
  vault: Vault;
  t: Translate;
  entry: KeyListEntry;
  participants: Participant[];
  /** The whole list, to refuse an edit that would chain with another pair. */
  entries: KeyListEntry[];
  onChanged: (message: string) => void;
}) {
  const { db, vault, t, entry } = props;
  const [draft, setDraft] = useState<KeyListEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pseudonymOf = (id: string | null) => (id === null ? t('replacementProjectWide') : (props.participants.find((participant) => participant.id === id)?.pseudonym ?? '–'));

  const save = async (event: Event) => {
    event.preventDefault();
    if (!draft) return;
    if (draft.real.trim() === '' || draft.fictive.trim() === '') return setError(t('keyListBothRequired'));
    const others = props.entries.filter((other) => other.id !== entry.id);
    const conflict = replacementConflict(others, { real: draft.real.trim(), fictive: draft.fictive.trim(), kind: draft.kind });
    if (conflict) return setError(t('replacementConflict', { real: conflict.entry.real, fictive: conflict.entry.fictive }));
    try {
      await updateKeyListEntry(db, vault, { ...draft, real: draft.real.trim(), fictive: draft.fictive.trim() });
      setDraft(null);
      setError(null);
      props.onChanged(t('replacementSaved', { fictive: draft.fictive.trim() }));
    } catch (cause) {
      setError(reasonOf(cause));
    }
  };

  if (draft) {
    return (
      <tr data-testid="key-list-entry" data-entry-id={entry.id} data-editing="true">
        <td>
          <input aria-label={t('keyListReal')} data-testid="replacement-real" value={draft.real} onInput={(event) => setDraft({ ...draft, real: event.currentTarget.value })} />
        </td>
        <td>
          <input
            aria-label={t('keyListFictive')}
            data-testid="replacement-fictive"
            value={draft.fictive}
            onInput={(event) => setDraft({ ...draft, fictive: event.currentTarget.value })}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void save(event);
              if (event.key === 'Escape') setDraft(null);
            }}
          />
        </td>
        <td>
          <KindSelect t={t} label={t('keyListKind')} value={draft.kind} onChange={(kind) => setDraft({ ...draft, kind })} />
        </td>
        <td>
          <select
            aria-label={t('keyListParticipant')}
            value={draft.participantId ?? ''}
            onChange={(event) => setDraft({ ...draft, participantId: event.currentTarget.value || null })}
          >
            <option value="">{t('replacementProjectWide')}</option>
            {props.participants.map((participant) => (
              <option key={participant.id} value={participant.id}>
                {participant.pseudonym}
              </option>
            ))}
          </select>
        </td>
        <td>
          <button type="button" data-testid="replacement-save" onClick={(event) => void save(event)}>
            {t('save')}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setDraft(null)}>
            {t('cancel')}
          </button>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </td>
      </tr>
    );
  }
  return (
    <tr data-testid="key-list-entry" data-entry-id={entry.id}>
      <td>{entry.real}</td>
      <td>{entry.fictive}</td>
      <td>{t(KIND_LABEL[entry.kind])}</td>
      <td>{pseudonymOf(entry.participantId)}</td>
      <td>
        <button type="button" class="secondary" data-testid="replacement-edit" onClick={() => setDraft(entry)}>
          {t('replacementEdit')}
        </button>
        <ConfirmStep
          t={t}
          testId="key-list-delete"
          label={t('remove')}
          confirmLabel={t('keyListDeleteConfirm')}
          question={<p>{t('keyListDeleteQuestion', { real: entry.real, fictive: entry.fictive })}</p>}
          onConfirm={async () => {
            await deleteKeyListEntry(db, entry.id);
            props.onChanged(t('keyListDeleted', { fictive: entry.fictive }));
          }}
        />
      </td>
    </tr>
  );
}
