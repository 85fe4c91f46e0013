import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import * as edit from '../../../src/guide';
import { GuideValidationError, newVersion, type Guide } from '../../../src/guide';
import type { Translate } from '../../../src/ui';

type Update = (change: (draft: Guide) => Guide) => void;

/**
 * Edits a guide by mouse and keyboard. Saving makes a new version with a change
 * note; the version sessions already used is never touched. Alt+↑/↓ in any field
 * moves its item.
 */
export function GuideEditor(props: { guide: Guide; t: Translate; onCancel: () => void; onSave: (guide: Guide) => Promise<void> }) {
  const { t } = props;
  const [draft, setDraft] = useState<Guide>(props.guide);
  const [history, setHistory] = useState<Guide[]>([]);
  const [changeNote, setChangeNote] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const update: Update = (change) => {
    setHistory([...history, draft].slice(-100));
    setDraft(change(draft));
  };
  const undo = () => {
    const previous = history[history.length - 1];
    if (!previous) return;
    setHistory(history.slice(0, -1));
    setDraft(previous);
  };

  const save = async () => {
    try {
      await props.onSave(newVersion(props.guide, draft, changeNote));
    } catch (cause) {
      setErrors(
        cause instanceof GuideValidationError
          ? cause.problems.map((problem) => `${problem.path}: ${problem.message}`)
          : [(cause as Error).message],
      );
    }
  };

  return (
    <section
      class="card guide-editor"
      data-testid="guide-editor"
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key === 'z' && !(event.target instanceof HTMLInputElement)) undo();
      }}
    >
      <h2>{t('editorTitle', { version: props.guide.version })}</h2>
      <div class="editor-details">
        <label>
          {t('guideTitle')}
          <input value={draft.title} onInput={(event) => update((d) => edit.updateGuideDetails(d, { title: event.currentTarget.value }))} />
        </label>
        <label class="minutes">
          {t('plannedMinutes')}
          <input
            type="number"
            min={1}
            value={draft.plannedMinutes}
            onInput={(event) => update((d) => edit.updateGuideDetails(d, { plannedMinutes: Number(event.currentTarget.value) }))}
          />
        </label>
      </div>

      <h3>{t('introChecklist')}</h3>
      <ol class="editor-list">
        {draft.intro.map((item, index) => (
          <Row
            key={item.id}
            t={t}
            onUp={() => update((d) => edit.moveChecklistItem(d, item.id, index - 1))}
            onDown={() => update((d) => edit.moveChecklistItem(d, item.id, index + 1))}
            onRemove={() => update((d) => edit.removeChecklistItem(d, item.id))}
          >
            <input
              aria-label={t('checklistItemLabel', { number: index + 1 })}
              value={item.text}
              onInput={(event) => update((d) => edit.updateChecklistItem(d, item.id, event.currentTarget.value))}
            />
          </Row>
        ))}
      </ol>
      <button type="button" class="secondary" onClick={() => update((d) => edit.addChecklistItem(d, ''))}>
        + {t('addChecklistItem')}
      </button>

      {draft.sections.map((section, sectionIndex) => (
        <fieldset key={section.id} class="editor-section" data-testid="editor-section">
          <legend>{t('sectionNumber', { number: sectionIndex + 1 })}</legend>
          <Row
            t={t}
            bare
            onUp={() => update((d) => edit.moveSection(d, section.id, sectionIndex - 1))}
            onDown={() => update((d) => edit.moveSection(d, section.id, sectionIndex + 1))}
            onRemove={() => confirm(t('confirmRemoveSection', { title: section.title })) && update((d) => edit.removeSection(d, section.id))}
          >
            <input
              class="section-title-input"
              aria-label={t('sectionTitle')}
              value={section.title}
              onInput={(event) => update((d) => edit.updateSection(d, section.id, { title: event.currentTarget.value }))}
            />
            <input
              class="minutes-input"
              type="number"
              min={0}
              aria-label={t('plannedMinutes')}
              placeholder={t('minutesShort', { minutes: '–' })}
              value={section.plannedMinutes ?? ''}
              onInput={(event) =>
                update((d) =>
                  edit.updateSection(d, section.id, {
                    plannedMinutes: event.currentTarget.value === '' ? null : Number(event.currentTarget.value),
                  }),
                )
              }
            />
          </Row>
          <Reminders t={t} reminders={section.reminders} owner={{ sectionId: section.id }} update={update} />
          <ol class="editor-list">
            {section.questions.map((question, questionIndex) => (
              <li key={question.id} class="editor-question" data-testid="editor-question">
                <Row
                  t={t}
                  bare
                  onUp={() => update((d) => edit.moveQuestion(d, question.id, section.id, questionIndex - 1))}
                  onDown={() => update((d) => edit.moveQuestion(d, question.id, section.id, questionIndex + 1))}
                  onRemove={() => update((d) => edit.removeQuestion(d, question.id))}
                >
                  <input
                    aria-label={t('questionText')}
                    value={question.text}
                    onInput={(event) => update((d) => edit.updateQuestion(d, question.id, { text: event.currentTarget.value }))}
                  />
                </Row>
                <input
                  class="condition-input"
                  aria-label={t('conditionLabel')}
                  placeholder={t('conditionPlaceholder')}
                  value={question.condition ?? ''}
                  onInput={(event) =>
                    update((d) => edit.updateQuestion(d, question.id, { condition: event.currentTarget.value || null }))
                  }
                />
                <label class="must-ask-toggle">
                  <input
                    type="checkbox"
                    data-testid="editor-must-ask"
                    checked={question.mustAsk === true}
                    onChange={(event) => update((d) => edit.updateQuestion(d, question.id, { mustAsk: event.currentTarget.checked }))}
                  />{' '}
                  {t('mustAskLabel')}
                </label>
                <ul class="editor-list probes-edit">
                  {question.probes.map((probe, probeIndex) => (
                    <Row
                      key={probe.id}
                      t={t}
                      onUp={() => update((d) => edit.moveProbe(d, probe.id, question.id, probeIndex - 1))}
                      onDown={() => update((d) => edit.moveProbe(d, probe.id, question.id, probeIndex + 1))}
                      onRemove={() => update((d) => edit.removeProbe(d, probe.id))}
                    >
                      <input
                        aria-label={t('probeText')}
                        value={probe.text}
                        onInput={(event) => update((d) => edit.updateProbe(d, probe.id, event.currentTarget.value))}
                      />
                    </Row>
                  ))}
                </ul>
                <Reminders t={t} reminders={question.reminders} owner={{ questionId: question.id }} update={update} />
                <button type="button" class="link" onClick={() => update((d) => edit.addProbe(d, question.id, ''))}>
                  + {t('addProbe')}
                </button>
              </li>
            ))}
          </ol>
          <button type="button" class="secondary" onClick={() => update((d) => edit.addQuestion(d, section.id, ''))}>
            + {t('addQuestion')}
          </button>
        </fieldset>
      ))}
      <button type="button" class="secondary" onClick={() => update((d) => edit.addSection(d, ''))}>
        + {t('addSection')}
      </button>

      <h3>{t('closingChecklist')}</h3>
      <p class="muted">{t('closingChecklistHelp')}</p>
      <ol class="editor-list">
        {(draft.closing ?? []).map((item, index) => (
          <Row
            key={item.id}
            t={t}
            onUp={() => update((d) => edit.moveClosingItem(d, item.id, index - 1))}
            onDown={() => update((d) => edit.moveClosingItem(d, item.id, index + 1))}
            onRemove={() => update((d) => edit.removeClosingItem(d, item.id))}
          >
            <input
              data-testid="editor-closing-item"
              aria-label={t('closingChecklist')}
              value={item.text}
              onInput={(event) => update((d) => edit.updateClosingItem(d, item.id, event.currentTarget.value))}
            />
          </Row>
        ))}
      </ol>
      <button type="button" class="secondary" data-testid="editor-add-closing" onClick={() => update((d) => edit.addClosingItem(d, ''))}>
        + {t('addClosingItem')}
      </button>

      <label>
        {t('changeNote')}
        <input data-testid="guide-change-note" value={changeNote} onInput={(event) => setChangeNote(event.currentTarget.value)} />
      </label>
      {errors.length > 0 && (
        <ul class="error" role="alert" data-testid="guide-editor-errors">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="button" data-testid="guide-editor-save" disabled={changeNote.trim() === ''} onClick={() => void save()}>
          {t('saveNewVersion', { version: props.guide.version + 1 })}
        </button>
        <button type="button" class="secondary" disabled={history.length === 0} onClick={undo}>
          {t('undo')}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}

/** One editable item with move and remove buttons; Alt+↑/↓ inside it moves it too. */
function Row(props: {
  t: Translate;
  bare?: boolean;
  onUp: () => void;
  onDown: () => void;
  onRemove: () => void;
  children: ComponentChildren;
}) {
  const { t } = props;
  const content = (
    <div
      class="editor-row"
      onKeyDown={(event) => {
        if (!event.altKey) return;
        if (event.key === 'ArrowUp') props.onUp();
        else if (event.key === 'ArrowDown') props.onDown();
        else return;
        event.preventDefault();
      }}
    >
      {props.children}
      <button type="button" class="icon" aria-label={t('moveUp')} title={t('moveUp')} onClick={props.onUp}>
        ↑
      </button>
      <button type="button" class="icon" aria-label={t('moveDown')} title={t('moveDown')} onClick={props.onDown}>
        ↓
      </button>
      <button type="button" class="icon" aria-label={t('remove')} title={t('remove')} onClick={props.onRemove}>
        ✕
      </button>
    </div>
  );
  return props.bare ? content : <li>{content}</li>;
}

function Reminders(props: { t: Translate; reminders: string[]; owner: edit.ReminderOwner; update: Update }) {
  const { t, reminders, owner, update } = props;
  return (
    <div class="editor-reminders">
      <ul class="editor-list">
        {reminders.map((reminder, index) => (
          <Row
            key={index}
            t={t}
            onUp={() => update((d) => edit.moveReminder(d, owner, index, index - 1))}
            onDown={() => update((d) => edit.moveReminder(d, owner, index, index + 1))}
            onRemove={() => update((d) => edit.removeReminder(d, owner, index))}
          >
            <input
              class="reminder-input"
              aria-label={t('reminder')}
              value={reminder}
              onInput={(event) => update((d) => edit.updateReminder(d, owner, index, event.currentTarget.value))}
            />
          </Row>
        ))}
      </ul>
      <button type="button" class="link" onClick={() => update((d) => edit.addReminder(d, owner, ''))}>
        + {t('addReminder')}
      </button>
    </div>
  );
}


