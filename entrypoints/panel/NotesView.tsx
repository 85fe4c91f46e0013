import { useState } from 'preact/hooks';
import { formatDuration } from '../../src/coverage';
import type { Guide } from '../../src/guide';
import { guideItems } from '../../src/guide';
import { backgroundMessaging } from '../../src/messages';
import type { Note, Session } from '../../src/store';
import type { Translate } from '../../src/ui';

/** Time-stamped notes, attached to the current question, with a "revise this question" flag. */
export function NotesView(props: {
  session: Session;
  guide: Guide;
  notes: Note[];
  t: Translate;
}) {
  const { session, guide, t } = props;
  const [text, setText] = useState('');
  const [revise, setRevise] = useState(false);
  const items = guideItems(guide);
  const current = items.find((item) => item.id === session.currentItemId);
  const questionId = current ? (current.kind === 'question' ? current.id : current.questionId) : null;
  const questionText = (id: string | null) => items.find((item) => item.id === id)?.text ?? null;

  const save = async () => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    const result = await backgroundMessaging.sendMessage('note.add', { sessionId: session.id, text: trimmed, questionId, reviseGuide: revise });
    if (!result.ok) return;
    setText('');
    setRevise(false);
  };

  return (
    <section class="notes">
      <h2 id="notes-heading">{t('notes')}</h2>
      <ol class="note-list">
        {props.notes.map((note) => (
          <li key={note.id} class={note.reviseGuide ? 'revise' : ''} data-testid="note">
            <span class="time">{formatDuration(note.time - session.startedAt)}</span> {note.text}
            {note.reviseGuide && <span class="badge">{t('reviseFlag')}</span>}
            {note.questionId && <small class="muted"> — {questionText(note.questionId)}</small>}
          </li>
        ))}
      </ol>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <textarea
          data-testid="note-input"
          aria-labelledby="notes-heading"
          rows={2}
          value={text}
          placeholder={t('notePlaceholder')}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              void save();
            }
          }}
        />
        <div class="note-actions">
          <label>
            <input
              type="checkbox"
              data-testid="note-revise"
              checked={revise}
              onChange={(event) => setRevise(event.currentTarget.checked)}
            />
            {t('reviseQuestion')}
          </label>
          <button type="submit" data-testid="note-save">
            {t('saveNote')}
          </button>
        </div>
      </form>
    </section>
  );
}
