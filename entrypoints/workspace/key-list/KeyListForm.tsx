import { useState } from 'preact/hooks';
import { replacementConflict } from '../../../src/pseudonymise';
import { addKeyListEntry, type IntervjuDatabase, type KeyListEntry, type KeyListKind, type Participant, type Vault } from '../../../src/store';
import type { MessageKey, Translate } from '../../../src/ui';
import { reasonOf } from '../privacy/format';

export const KIND_LABEL: Record<KeyListKind, MessageKey> = {
  name: 'keyKindName',
  place: 'keyKindPlace',
  institution: 'keyKindInstitution',
  other: 'keyKindOther',
};

/** The kind of a real ↔ fictive pair, as a select (the key list's form and rows, the pseudonym review). */
export function KindSelect(props: { t: Translate; value: KeyListKind; onChange: (kind: KeyListKind) => void; testId?: string; label?: string }) {
  return (
    <select data-testid={props.testId} aria-label={props.label} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value as KeyListKind)}>
      {(Object.keys(KIND_LABEL) as KeyListKind[]).map((option) => (
        <option key={option} value={option}>
          {props.t(KIND_LABEL[option])}
        </option>
      ))}
    </select>
  );
}

/** Adds one real ↔ fictive pair, encrypted. */
export function KeyListForm(props: {
  db: IntervjuDatabase;
  vault: Vault;
  t: Translate;
  participants: Participant[];
  /** The list as it is, to refuse a pair that would chain with another when the list is applied. */
  entries: KeyListEntry[];
  onAdded: () => void;
}) {
  const { db, vault, t } = props;
  const [real, setReal] = useState('');
  const [fictive, setFictive] = useState('');
  const [kind, setKind] = useState<KeyListKind>('name');
  const [participantId, setParticipantId] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async (event: Event) => {
    event.preventDefault();
    if (real.trim() === '' || fictive.trim() === '') return setError(t('keyListBothRequired'));
    const conflict = replacementConflict(props.entries, { real: real.trim(), fictive: fictive.trim(), kind });
    if (conflict) return setError(t('replacementConflict', { real: conflict.entry.real, fictive: conflict.entry.fictive }));
    try {
      await addKeyListEntry(db, vault, { real: real.trim(), fictive: fictive.trim(), kind, participantId: participantId || null });
      setReal('');
      setFictive('');
      setError(null);
      props.onAdded();
    } catch (cause) {
      setError(reasonOf(cause));
    }
  };

  return (
    <form class="key-list-form" onSubmit={add} data-testid="key-list-form">
      <label>
        {t('keyListReal')}
        <input autocomplete="off" data-testid="key-list-real" value={real} onInput={(event) => setReal(event.currentTarget.value)} />
      </label>
      <label>
        {t('keyListFictive')}
        <input autocomplete="off" data-testid="key-list-fictive" value={fictive} onInput={(event) => setFictive(event.currentTarget.value)} />
      </label>
      <label>
        {t('keyListKind')}
        <KindSelect t={t} testId="key-list-kind" value={kind} onChange={setKind} />
      </label>
      <label>
        {t('keyListParticipant')}
        <select data-testid="key-list-participant" value={participantId} onChange={(event) => setParticipantId(event.currentTarget.value)}>
          <option value="">{t('keyListNoParticipant')}</option>
          {props.participants.map((participant) => (
            <option key={participant.id} value={participant.id}>
              {participant.pseudonym}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" data-testid="key-list-add">
        {t('keyListAdd')}
      </button>
    </form>
  );
}
