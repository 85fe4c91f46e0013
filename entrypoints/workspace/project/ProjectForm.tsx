import { useEffect, useRef, useState } from 'preact/hooks';
import { broadcastStoreChange } from '../../../src/messages';
import { saveProject, setSetting, type AudioPolicy, type IntervjuDatabase, type Project } from '../../../src/store';
import type { MessageKey, Translate } from '../../../src/ui';
import { reasonOf } from '../privacy/format';

type PolicyKind = AudioPolicy['kind'];
const POLICIES: readonly { kind: PolicyKind; label: MessageKey; help: MessageKey }[] = [
  { kind: 'delete-on-approval', label: 'policyOnApproval', help: 'policyOnApprovalHelp' },
  { kind: 'delete-after-days', label: 'policyAfterDays', help: 'policyAfterDaysHelp' },
  { kind: 'no-audio', label: 'policyNoAudio', help: 'policyNoAudioHelp' },
];

/** Title, end date, audio policy and automatic deletion of the project. */
export function ProjectForm(props: { db: IntervjuDatabase; t: Translate; project: Project | null; deleteAtEndDate: boolean }) {
  const { db, t, project } = props;
  const [title, setTitle] = useState(project?.title ?? '');
  const [endDate, setEndDate] = useState(project?.endDate ?? '');
  const [policy, setPolicy] = useState<PolicyKind>(project?.audioPolicy.kind ?? 'delete-on-approval');
  const [days, setDays] = useState(project?.audioPolicy.kind === 'delete-after-days' ? project.audioPolicy.days : 30);
  const [autoDelete, setAutoDelete] = useState(props.deleteAtEndDate);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // Reset the fields only when the stored project really changed: it is re-read on
  // every store notice, and a new copy of the same project must not wipe what the
  // researcher is typing. Not on mount either: the state starts from the same
  // values, and Preact runs effects after paint, when typing may have begun.
  const stored = `${JSON.stringify(project)}|${props.deleteAtEndDate}`;
  const shown = useRef(stored);
  useEffect(() => {
    if (shown.current === stored) return;
    shown.current = stored;
    setTitle(project?.title ?? '');
    setEndDate(project?.endDate ?? '');
    setPolicy(project?.audioPolicy.kind ?? 'delete-on-approval');
    if (project?.audioPolicy.kind === 'delete-after-days') setDays(project.audioPolicy.days);
    setAutoDelete(props.deleteAtEndDate);
  }, [stored]);

  const save = async (event: Event) => {
    event.preventDefault();
    if (title.trim() === '') return setMessage({ ok: false, text: t('projectTitleRequired') });
    if (policy === 'delete-after-days' && !(Number.isInteger(days) && days >= 0)) {
      return setMessage({ ok: false, text: t('projectDaysInvalid') });
    }
    const audioPolicy: AudioPolicy = policy === 'delete-after-days' ? { kind: policy, days } : { kind: policy };
    try {
      await saveProject(db, { title: title.trim(), endDate: endDate || null, audioPolicy, createdAt: project?.createdAt ?? Date.now() });
      await setSetting(db, 'deleteAtEndDate', autoDelete);
      broadcastStoreChange({ type: 'project.changed' });
      setMessage({ ok: true, text: t('projectSaved') });
    } catch (cause) {
      setMessage({ ok: false, text: t('projectSaveFailed', { reason: reasonOf(cause) }) });
    }
  };

  return (
    <form class="card project-form" onSubmit={save} data-testid="project-form">
      <h2>{project ? t('projectTitle') : t('projectCreateTitle')}</h2>
      <label>
        {t('projectName')}
        <input data-testid="project-title" value={title} onInput={(event) => setTitle(event.currentTarget.value)} required />
      </label>
      <label>
        {t('projectEndDate')}
        <input type="date" data-testid="project-end-date" value={endDate} onInput={(event) => setEndDate(event.currentTarget.value)} />
        <span class="muted help">{t('projectEndDateHelp')}</span>
      </label>
      <fieldset class="policy" data-testid="audio-policy">
        <legend>{t('audioPolicy')}</legend>
        {POLICIES.map((option) => (
          <label key={option.kind} class="policy-option">
            <input
              type="radio"
              name="audio-policy"
              value={option.kind}
              data-testid={`audio-policy-${option.kind}`}
              checked={policy === option.kind}
              onChange={() => setPolicy(option.kind)}
            />
            <strong>{t(option.label)}</strong>
            <span class="muted help">{t(option.help)}</span>
          </label>
        ))}
        {policy === 'delete-after-days' && (
          <label class="days">
            {t('policyDays')}
            <input
              type="number"
              min={0}
              step={1}
              data-testid="audio-days"
              value={days}
              onInput={(event) => setDays(Number(event.currentTarget.value))}
            />
          </label>
        )}
      </fieldset>
      <label>
        <input type="checkbox" data-testid="project-auto-delete" checked={autoDelete} onChange={(event) => setAutoDelete(event.currentTarget.checked)} />
        {t('projectAutoDelete')}
        <span class="muted help">{t('projectAutoDeleteHelp')}</span>
      </label>
      {message && (
        <p class={message.ok ? 'notice' : 'error'} role="status" data-testid="project-message">
          {message.text}
        </p>
      )}
      <button type="submit" data-testid="project-save">
        {t('projectSave')}
      </button>
    </form>
  );
}
