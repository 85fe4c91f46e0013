import { memo } from 'preact/compat';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Channel, Segment } from '../../../src/store';
import { timedTokens, type TranscriptEditor } from '../../../src/transcript-editing';
import type { Translate } from '../../../src/ui';
import { UnclearResolver } from './UnclearResolver';
import { clock } from './format';

export interface SegmentActions {
  editor: TranscriptEditor;
  playFrom: (seconds: number) => void;
  /** Opens the text editor of a segment, the cursor at `caret` if given (null closes it). */
  setEditing: (id: string | null, caret?: number) => void;
  /** Closes the text editor of this segment, if it is the one open. */
  stopEditing: (id: string) => void;
  /** The cursor position asked for by the last `setEditing`, once. */
  takeCaret: () => number | null;
  /** Opens the resolver of a marker (null closes it). */
  setResolving: (target: { segmentId: string; marker: number } | null) => void;
  speakerLabel: (channel: Channel) => string;
}

/**
 * One segment: its time (plays from there), its words (each plays from itself),
 * its `[uklart]` marks (open the resolver), and its tools (edit, speaker,
 * merge, checked). While edited, the text is a textarea saved at every change.
 */
export const SegmentRow = memo(function SegmentRow(props: {
  segment: Segment;
  t: Translate;
  actions: SegmentActions;
  editing: boolean;
  resolving: number | null;
  /** A new number each time editing opens, so one opening is one undo step. */
  typingKey: string;
}) {
  const { segment, t, actions, editing, resolving } = props;
  const edited = segment.source === 'edited';
  return (
    <div
      class={`segment${edited ? ' edited' : ''}${segment.checked ? ' checked' : ''}`}
      data-testid="transcript-segment"
      data-segment-id={segment.id}
      data-edited={String(edited)}
      data-checked={String(Boolean(segment.checked))}
      data-start={segment.start.toFixed(2)}
    >
      <button type="button" class="link time" title={t('playFromHere')} data-testid="segment-play" onClick={() => actions.playFrom(segment.start)}>
        {clock(segment.start)}
      </button>
      {editing ? (
        <SegmentTextArea segment={segment} actions={actions} typingKey={props.typingKey} t={t} />
      ) : (
        <p class="segment-text" onDblClick={() => actions.setEditing(segment.id)}>
          <SegmentWords segment={segment} actions={actions} />
        </p>
      )}
      <div class="segment-tools">
        {!editing && (
          <button type="button" class="icon" title={t('segmentEdit')} aria-label={t('segmentEdit')} data-testid="segment-edit-open" onClick={() => actions.setEditing(segment.id)}>
            ✎
          </button>
        )}
        <select
          aria-label={t('segmentSpeaker')}
          data-testid="segment-speaker"
          value={segment.channel}
          onChange={(event) => actions.editor.setSpeaker(segment.id, event.currentTarget.value as Channel)}
        >
          {(['interviewer', 'participant', 'mixed'] as const).map((channel) => (
            <option key={channel} value={channel}>
              {actions.speakerLabel(channel)}
            </option>
          ))}
        </select>
        <button type="button" class="icon" title={t('segmentMerge')} aria-label={t('segmentMerge')} data-testid="segment-merge" onClick={() => actions.editor.mergeWithNext(segment.id)}>
          ⤓
        </button>
        <label class="checked-mark">
          <input
            type="checkbox"
            data-testid="segment-checked"
            checked={Boolean(segment.checked)}
            onChange={(event) => actions.editor.setChecked(segment.id, event.currentTarget.checked)}
          />
          {t('segmentChecked')}
        </label>
        {segment.finalReading && (
          <div class="final-reading" data-testid="final-reading">
            <span class="muted">{t('finalReadingLabel', { model: segment.finalReading.model })}</span>{' '}
            <span data-testid="final-reading-text">{segment.finalReading.text}</span>{' '}
            <button type="button" class="secondary" data-testid="final-reading-take" onClick={() => actions.editor.takeFinalReading(segment.id)}>
              {t('finalReadingTake')}
            </button>{' '}
            <button type="button" class="link" data-testid="final-reading-dismiss" onClick={() => actions.editor.dismissFinalReading(segment.id)}>
              {t('finalReadingDismiss')}
            </button>
          </div>
        )}
        {edited && segment.original && (
          <details class="original" data-testid="segment-original">
            <summary>{t('segmentChanged')}</summary>
            <p>{segment.original.text}</p>
          </details>
        )}
      </div>
      {resolving !== null && (
        <UnclearResolver
          t={t}
          initialGuess={segment.unclear[resolving]?.guess ?? null}
          onClose={() => actions.setResolving(null)}
          onResolve={(resolution) => {
            actions.editor.resolveUnclear(segment.id, resolving, resolution);
            actions.setResolving(null);
          }}
        />
      )}
    </div>
  );
});

function SegmentWords(props: { segment: Segment; actions: SegmentActions }) {
  const { segment, actions } = props;
  const tokens = timedTokens(segment);
  const pieces = [];
  let last = 0;
  for (const [index, token] of tokens.entries()) {
    if (token.from > last) pieces.push(segment.text.slice(last, token.from));
    last = token.to;
    if (token.marker) {
      pieces.push(
        <mark
          key={index}
          class={`unclear${token.span.kept ? ' kept' : ''}`}
          data-testid="uklart"
          data-start={token.span.start.toFixed(2)}
          data-end={token.span.end.toFixed(2)}
          data-kept={String(Boolean(token.span.kept))}
          data-word-index={index}
          role="button"
          tabIndex={0}
          onClick={() => {
            actions.playFrom(Math.max(0, token.start - 1));
            actions.setResolving({ segmentId: segment.id, marker: token.index });
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') actions.setResolving({ segmentId: segment.id, marker: token.index });
          }}
        >
          {token.text}
        </mark>,
      );
    } else {
      pieces.push(
        <span key={index} class="word" data-testid="transcript-word" data-word-index={index} data-start={token.start.toFixed(2)} onClick={() => actions.playFrom(token.start)}>
          {token.text}
        </span>,
      );
    }
  }
  if (last < segment.text.length) pieces.push(segment.text.slice(last));
  return <>{pieces}</>;
}

function SegmentTextArea(props: { segment: Segment; actions: SegmentActions; typingKey: string; t: Translate }) {
  const { segment, actions } = props;
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    area.current?.focus();
    const caret = actions.takeCaret();
    if (caret !== null) area.current?.setSelectionRange(caret, caret);
  }, []);
  // The text can change under the textarea (undo): show it unless it is what was typed. Compared
  // with the editor's text now, not this render's: keys typed since the render are in both already.
  useLayoutEffect(() => {
    const now = actions.editor.find(segment.id)?.text;
    if (area.current && now !== undefined && area.current.value !== now) area.current.value = now;
  }, [segment.text]);
  return (
    <textarea
      ref={area}
      class="segment-edit"
      data-testid="segment-edit"
      data-segment-id={segment.id}
      aria-label={props.t('segmentEdit')}
      rows={Math.max(2, Math.ceil(segment.text.length / 90))}
      defaultValue={segment.text}
      onInput={(event) => actions.editor.editText(segment.id, event.currentTarget.value, props.typingKey)}
      onBlur={() => {
        actions.editor.endTyping();
        actions.stopEditing(segment.id);
      }}
      onKeyDown={(event) => {
        const target = event.currentTarget;
        // Enter splits at the cursor and goes on typing at the start of the second part;
        // Backspace at the very start merges into the segment before, the cursor at the join.
        if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
          event.preventDefault();
          actions.editor.endTyping();
          const second = actions.editor.split(segment.id, target.selectionStart);
          if (second) actions.setEditing(second, 0);
        } else if (event.key === 'Backspace' && target.selectionStart === 0 && target.selectionEnd === 0) {
          const list = actions.editor.segments;
          const previous = list[list.findIndex((item) => item.id === segment.id) - 1];
          const join = previous ? previous.text.trim().length + 1 : 0;
          if (previous && actions.editor.mergeWithNext(previous.id)) {
            event.preventDefault();
            actions.editor.endTyping();
            actions.setEditing(previous.id, join);
          }
        }
      }}
    />
  );
}
