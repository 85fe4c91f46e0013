import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { latestStates } from '../../../src/coverage';
import { formatTimestamp } from '../../../src/export';
import { broadcastStoreChange } from '../../../src/messages';
import { approveSession, saveSegments, type Channel, type IntervjuDatabase, type Segment, type Vault } from '../../../src/store';
import {
  actionFor,
  blocksOf,
  JUMP_SECONDS,
  nextUnclear,
  resolveBindings,
  stepRate,
  timedTokens,
  TranscriptEditor,
  transcriptItems,
  transcriptProgress,
} from '../../../src/transcript-editing';
import { GuideView, type Translate } from '../../../src/ui';
import { ConfirmStep } from '../privacy/ConfirmStep';
import { approvalEffect } from '../sessions/approval-effect';
import { AudioBar } from './AudioBar';
import { FinalPassBar } from './FinalPassBar';
import { loadSessionAudio } from './session-audio';
import { SessionPlayer } from './session-player';
import type { SegmentActions } from './SegmentRow';
import { TranscriberKeys } from './TranscriberKeys';
import { TranscriptPane } from './TranscriptPane';
import { useLiveSegments } from './use-live-segments';
import { useSessionData, type SessionData } from './use-session-data';
import { SessionSuggestions } from './SessionSuggestions';

/**
 * What the pseudonymisation and export parts of the view get: the session as
 * the view has it now, with the segments as edited, and the editor (to apply
 * replacements as undoable edits). Pass render functions as `pseudonymSlot` /
 * `exportSlot`; they are shown in their places in the view's side column.
 */
export interface SessionViewContext extends Omit<SessionData, 'segments' | 'keys'> {
  segments: readonly Segment[];
  editor: TranscriptEditor;
}

export type SessionViewSlot = (context: SessionViewContext) => ComponentChildren;

/** A session's transcript against its audio: read, listen, correct, resolve [uklart], approve. */
export function SessionView(props: {
  db: IntervjuDatabase;
  vault: Vault;
  t: Translate;
  sessionId: string;
  pseudonymSlot?: SessionViewSlot;
  exportSlot?: SessionViewSlot;
}) {
  const { db, vault, t, sessionId } = props;
  const opened = useRef(performance.now());
  const { data, missing, setKeys } = useSessionData(db, vault, sessionId);
  if (missing) return <p class="error" data-testid="session-view-missing">{t('sessionMissing')}</p>;
  if (!data) return <p class="muted">{t('loading')}</p>;
  return <LoadedSessionView {...props} data={data} opened={opened.current} setKeys={setKeys} />;
}

function LoadedSessionView(props: {
  db: IntervjuDatabase;
  vault: Vault;
  t: Translate;
  sessionId: string;
  data: SessionData;
  opened: number;
  setKeys: (keys: SessionData['keys']) => void;
  pseudonymSlot?: SessionViewSlot;
  exportSlot?: SessionViewSlot;
}) {
  const { db, vault, t, data } = props;
  const { session, participant } = data;

  // The editor: every change encrypted and stored at once, then announced to other pages.
  const announcingOwn = useRef(false);
  const editor = useMemo(
    () =>
      new TranscriptEditor(
        data.segments,
        async (write) => {
          await saveSegments(db, vault, write.put, write.deleteIds);
          // This page hears its own announcement at once (store-changes.ts): it needs no read.
          announcingOwn.current = true;
          try {
            broadcastStoreChange({ type: 'segments.changed', sessionId: session.id });
          } finally {
            announcingOwn.current = false;
          }
        },
        { language: session.language, newId: () => crypto.randomUUID() },
      ),
    [db, vault, session.id],
  );
  const [segments, setSegments] = useState<readonly Segment[]>(editor.segments);
  const [saveError, setSaveError] = useState<unknown>(null);
  useEffect(() => editor.onChange(() => (setSegments(editor.segments), setSaveError(editor.lastError))), [editor]);
  // A session still being transcribed: new and changed segments come in as they are stored.
  useLiveSegments(db, vault, session.id, editor, announcingOwn);

  // Audio: decrypted in memory when the view opens, one element per channel.
  const [player, setPlayer] = useState<SessionPlayer | null>(null);
  const [audioLoading, setAudioLoading] = useState(session.hasAudio);
  const audioHost = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!session.hasAudio) return;
    let disposed = false;
    let cleanup = () => undefined as void;
    void loadSessionAudio(db, vault, session.id).then(({ runs, revoke }) => {
      if (disposed || !audioHost.current) return revoke();
      const created = new SessionPlayer(runs, audioHost.current);
      cleanup = () => (created.dispose(), revoke());
      setPlayer(created);
      setAudioLoading(false);
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [db, vault, session.id, session.hasAudio]);

  const speakerLabel = useCallback(
    (channel: Channel) => {
      const pseudonym = participant?.pseudonym || t('speakerParticipant');
      if (channel === 'interviewer') return t('speakerInterviewer');
      if (channel === 'participant') return pseudonym;
      return t('speakerMixed', { participant: pseudonym });
    },
    [participant, t],
  );

  const [editingId, setEditingId] = useState<string | null>(null);
  /** Where the cursor goes in the segment opened next (after a split or merge), if not at the start. */
  const caretOnOpen = useRef<number | null>(null);
  const [typingKey, setTypingKey] = useState('0');
  const [resolving, setResolving] = useState<{ segmentId: string; marker: number } | null>(null);
  const [follow, setFollow] = useState(true);
  const [forceBlock, setForceBlock] = useState<number | null>(null);

  const items = useMemo(
    () =>
      transcriptItems({
        segments,
        notes: data.notes,
        coverage: data.coverage,
        guide: data.guide,
        sessionStartedAt: session.startedAt,
        ...(session.currentChanges ? { currentChanges: session.currentChanges } : {}),
      }),
    [segments, data.notes, data.coverage, data.guide, session.startedAt, session.currentChanges],
  );
  const blocks = useMemo(() => blocksOf(items), [items]);
  const blockOfSegment = useMemo(() => {
    const map = new Map<string, number>();
    blocks.forEach((block, index) => block.forEach((item) => item.kind === 'turn' && item.segments.forEach((segment) => map.set(segment.id, index))));
    return map;
  }, [blocks]);

  /** Renders a segment's block if needed, then scrolls it into view. */
  const reveal = useCallback(
    (segmentId: string) => {
      setForceBlock(blockOfSegment.get(segmentId) ?? null);
      requestAnimationFrame(() => {
        const element = document.querySelector(`[data-testid="transcript-segment"][data-segment-id="${CSS.escape(segmentId)}"]`);
        element?.scrollIntoView({ block: 'center' });
      });
    },
    [blockOfSegment],
  );

  const actions: SegmentActions = useMemo(
    () => ({
      editor,
      playFrom: (seconds: number) => player?.play(seconds),
      setEditing: (id: string | null, caret?: number) => {
        setEditingId(id);
        caretOnOpen.current = caret ?? null;
        if (id) setTypingKey(String(performance.now()));
      },
      // A textarea also loses focus when it is removed (its segment merged or split away): only its own editing closes.
      stopEditing: (id: string) => setEditingId((current) => (current === id ? null : current)),
      takeCaret: () => {
        const caret = caretOnOpen.current;
        caretOnOpen.current = null;
        return caret;
      },
      setResolving,
      speakerLabel,
    }),
    [editor, player, speakerLabel],
  );

  usePlaybackHighlight(player, segments, follow, reveal);

  // The transcriber's keys, anywhere in the view, also while typing in a segment.
  const bindings = useMemo(() => resolveBindings(data.keys.bindings), [data.keys.bindings]);
  const rewind = data.keys.rewindOnPauseSeconds;
  const goToUnclear = useCallback(
    (direction: 1 | -1) => {
      const index = resolving ? segments.findIndex((segment) => segment.id === resolving.segmentId) : currentSegmentIndex(segments, player?.time ?? -1);
      const found = nextUnclear(segments, index >= 0 ? { segmentIndex: index, marker: resolving?.marker ?? (direction === 1 ? -1 : Infinity) } : null, direction);
      if (!found) return;
      const segment = editor.find(found.segmentId);
      const marker = segment ? timedTokens(segment).filter((token) => token.marker)[found.marker] : undefined;
      if (marker) player?.seek(Math.max(0, marker.start - 1));
      setEditingId(null);
      setResolving(found);
      reveal(found.segmentId);
    },
    [segments, resolving, player, editor, reveal],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.dataset.testid === 'key-rebind') return;
      const action = actionFor(bindings, event);
      if (!action) return;
      const typing = target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement;
      // In a text field the browser's own undo works on what is being typed (each change is stored anyway).
      if ((action === 'undo' || action === 'redo') && typing) return;
      event.preventDefault();
      switch (action) {
        case 'playPause':
          return player?.toggle(rewind);
        case 'back':
          return player?.seek(player.time - JUMP_SECONDS);
        case 'forward':
          return player?.seek(player.time + JUMP_SECONDS);
        case 'slower':
        case 'faster':
          return player?.setRate(stepRate(player.playbackRate, action === 'faster' ? 1 : -1));
        case 'nextUnclear':
        case 'previousUnclear':
          return goToUnclear(action === 'nextUnclear' ? 1 : -1);
        case 'timeMark':
          return insertTimeMark(target, editor, player?.time ?? 0);
        case 'undo':
          return void editor.undo();
        case 'redo':
          return void editor.redo();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [bindings, rewind, player, editor, goToUnclear]);

  // How long opening took (store read and decryption, layout, first render): a figure to watch (docs/session-view.md).
  const [openMs, setOpenMs] = useState<number | null>(null);
  useEffect(() => {
    const measure = performance.measure('intervju:session-view-open', { start: props.opened, end: performance.now() });
    setOpenMs(Math.round(measure.duration));
    console.info(`Intervju: session view opened in ${Math.round(measure.duration)} ms (${segments.length} segments)`);
  }, []);

  const progress = transcriptProgress(segments);
  const states = useMemo(() => latestStates(data.coverage), [data.coverage]);
  const context: SessionViewContext = { ...data, segments, editor };
  const finished = session.status === 'ended' || session.status === 'interrupted';
  const [approvedMessage, setApprovedMessage] = useState<string | null>(null);

  return (
    <div class="session-view" data-testid="session-view" data-session-id={session.id} data-open-ms={openMs ?? undefined}>
      <header class="session-view-header">
        <a href="#/sessions" data-testid="session-view-back">
          ← {t('navSessions')}
        </a>
        {/* The same pages the sessions list opens for this session: its summary, and for a pilot the revise view. */}
        {session.status !== 'active' && session.guideId !== '' && (
          <a class="session-view-link" href={`#/sessions/${encodeURIComponent(session.id)}/summary`} data-testid="session-view-summary">
            {t('summaryOpen')}
          </a>
        )}
        {session.kind === 'pilot' && (
          <a class="session-view-link" href={`#/sessions/${encodeURIComponent(session.id)}/revise`} data-testid="session-view-revise">
            {t('sessionRevise')}
          </a>
        )}
        <h2>
          {sessionTitle(t, session, participant)}{' '}
          <span class="muted">{new Date(session.startedAt).toLocaleString()}</span>
        </h2>
        <p class="progress" data-testid="transcript-progress" data-checked={progress.checked} data-segments={progress.segments} data-unclear-left={progress.unclearLeft}>
          {t('progressChecked', { checked: progress.checked, total: progress.segments })} · {t('progressUnclear', { count: progress.unclearLeft })}
          {' '}
          <button type="button" class="secondary" data-testid="next-uklart" disabled={progress.unclearLeft === 0} onClick={() => goToUnclear(1)}>
            {t('nextUnclear')}
          </button>
          <button type="button" class="link" data-testid="undo" disabled={!editor.canUndo} onClick={() => editor.undo()}>
            {t('undo')}
          </button>
          <button type="button" class="link" data-testid="redo" disabled={!editor.canRedo} onClick={() => editor.redo()}>
            {t('redo')}
          </button>
        </p>
        {saveError !== null && (
          <p class="error" role="alert" data-testid="segment-save-error">
            {t('segmentSaveFailed', { reason: saveError instanceof Error ? saveError.message : String(saveError) })}
          </p>
        )}
        <FinalPassBar session={session} t={t} />
        <div ref={audioHost} class="audio-elements" />
        <AudioBar t={t} player={player} loading={audioLoading} rewind={rewind} follow={follow} onFollow={setFollow} />
      </header>
      <div class="session-view-columns">
        <TranscriptPane blocks={blocks} t={t} actions={actions} editingId={editingId} resolving={resolving} typingKey={typingKey} forceBlock={forceBlock} />
        <aside class="session-view-side">
          <TranscriberKeys db={db} t={t} settings={data.keys} onChange={props.setKeys} />
          <section class="card" data-testid="approve-section">
            <h3>{t('approveTitle')}</h3>
            {session.status === 'approved' && <p data-testid="transcript-approved">{t('approved')}</p>}
            {approvedMessage && <p class="notice" role="status">{approvedMessage}</p>}
            {finished && (
              <ConfirmStep
                t={t}
                testId="approve-transcript"
                secondary
                label={t('approveTranscript')}
                confirmLabel={t('approveConfirm')}
                question={<p>{t('approveQuestion', { effect: approvalEffect(t, data.project, session) })}</p>}
                onConfirm={async () => {
                  await editor.settled();
                  const approved = await approveSession(db, session.id);
                  broadcastStoreChange({ type: 'session.changed', sessionId: session.id });
                  setApprovedMessage(session.hasAudio && !approved.hasAudio ? t('approvedAudioDeleted') : t('approved'));
                }}
              />
            )}
            {session.status === 'active' && <p class="muted">{t('approveWhenEnded')}</p>}
          </section>
          {/* Pseudonymisation plugs in here (suggestions, replacement list, quotes): the `pseudonymSlot` prop. */}
          {props.pseudonymSlot && (
            <section class="card" data-slot="pseudonymise">
              {props.pseudonymSlot(context)}
            </section>
          )}
          {/* Exports plug in here (formats, download): the `exportSlot` prop. */}
          {props.exportSlot && (
            <section class="card" data-slot="export">
              {props.exportSlot(context)}
            </section>
          )}
          {data.guide && (
            <SessionSuggestions guide={data.guide} session={session} states={states} segments={segments} onShowSegment={reveal} t={t} />
          )}
          {data.guide && (
            <section class="card coverage" data-testid="session-coverage">
              <h3>{t('coverageTitle')}</h3>
              <GuideView guide={data.guide} t={t} states={states} />
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}

/** Who the session was with: the pseudonym, a pilot, an audio file without one, or a withdrawn participant. */
function sessionTitle(t: Translate, session: SessionData['session'], participant: SessionData['participant']): string {
  if (participant) return participant.pseudonym;
  if (session.kind === 'pilot') return t('pilot');
  if (session.participantId === null) return t('sessionImported');
  return t('withdrawnParticipant');
}

/** The segment playing at a time (the last that started at or before it), or -1. */
function currentSegmentIndex(segments: readonly Segment[], seconds: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((segments[middle]?.start ?? 0) <= seconds) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Puts `#hh:mm:ss-d#` at the cursor of the segment being typed in (f4's time mark). */
function insertTimeMark(target: HTMLElement | null, editor: TranscriptEditor, seconds: number): void {
  if (!(target instanceof HTMLTextAreaElement) || !target.dataset.segmentId) return;
  const mark = formatTimestamp(seconds);
  target.setRangeText(` ${mark} `, target.selectionStart, target.selectionEnd, 'end');
  editor.editText(target.dataset.segmentId, target.value);
}

/**
 * While playing: the word being said gets `playing` (set on the DOM directly:
 * the clock moves every frame, and re-rendering the transcript that often
 * would cost more than the audio), and with `follow` the view keeps its
 * segment on screen.
 */
function usePlaybackHighlight(player: SessionPlayer | null, segments: readonly Segment[], follow: boolean, reveal: (segmentId: string) => void) {
  const last = useRef<{ segmentId: string | null; element: Element | null }>({ segmentId: null, element: null });
  useEffect(() => {
    if (!player) return;
    return player.onChange(() => {
      const index = currentSegmentIndex(segments, player.time);
      const segment = segments[index];
      const playing = segment && player.time <= segment.end + 0.5 ? segment : null;
      let element: Element | null = null;
      if (playing) {
        const tokens = timedTokens(playing);
        const word = tokens.findLast((token) => token.start <= player.time);
        const row = document.querySelector(`[data-testid="transcript-segment"][data-segment-id="${CSS.escape(playing.id)}"]`);
        element = word ? (row?.querySelector(`[data-word-index="${tokens.indexOf(word)}"]`) ?? null) : null;
        if (playing.id !== last.current.segmentId && player.isPlaying && follow) {
          const box = row?.getBoundingClientRect();
          if (!box || box.top < 0 || box.bottom > innerHeight) reveal(playing.id);
        }
      }
      if (element !== last.current.element) {
        last.current.element?.classList.remove('playing');
        element?.classList.add('playing');
      }
      last.current = { segmentId: playing?.id ?? null, element };
    });
  }, [player, segments, follow, reveal]);
}
