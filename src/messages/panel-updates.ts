/**
 * The panel's copy of the running session, kept up to date change by change.
 *
 * A full state (`panel.state`) is asked for only when the panel opens, when
 * something outside the session changed (guide, lock, another session), or after
 * a gap: a change that never arrived. Changes arrive from two senders (the
 * background writes marks and notes, the offscreen document segments), so they
 * can arrive out of revision order; a change ahead of the next expected one is
 * held until the missing one comes, and if it has not come within `gapMs` the
 * panel reloads.
 */
import type { CoverageEvent } from '../coverage';
import type { Note, Segment, Session } from '../store';
import type { PanelState } from './background-protocol';
import type { PanelChange } from './panel-changes';
import type { RecordingState } from './recording-protocol';

/** What happened to a change: shown, already shown (or older), waiting for an earlier one, or not this panel's. */
export type ChangeOutcome = 'applied' | 'stale' | 'held' | 'other-session' | 'reload';

/** How long a missing change may be late before the panel reloads everything. */
export const DEFAULT_GAP_MS = 1000;

const byTime = (left: Segment, right: Segment) =>
  left.start - right.start || left.end - right.end || left.channel.localeCompare(right.channel);

/** Inserts or replaces `item` (by id) in a list kept sorted by `compare`. */
function upsertSorted<T extends { id: string }>(list: readonly T[], item: T, compare: (left: T, right: T) => number): T[] {
  const next = list.filter((existing) => existing.id !== item.id);
  let index = next.length;
  // Live changes nearly always land at the end: search from there.
  while (index > 0 && compare(next[index - 1]!, item) > 0) index--;
  next.splice(index, 0, item);
  return next;
}

/** The recording when it is the shown session's, else none. */
function recordingOf(state: PanelState, recording: RecordingState | null): RecordingState | null {
  return recording && state.session && recording.sessionId === state.session.id ? recording : null;
}

export class PanelUpdates {
  private state: PanelState | null = null;
  private readonly held = new Map<number, PanelChange>();
  private heldSince: number | null = null;
  /** The newest recording-state notice received, applied or not. */
  private recordingNotice: { state: RecordingState | null; version: number } | null = null;

  constructor(private readonly gapMs = DEFAULT_GAP_MS) {}

  /** What the panel shows now; null before the first full state. */
  current(): PanelState | null {
    return this.state;
  }

  /**
   * Takes a full state. Returns false (and keeps what is shown) when it is older
   * than what is shown: a slow reply overtaken by changes applied since it was asked.
   */
  snapshot(state: PanelState): boolean {
    const shown = this.state;
    if (shown && shown.session && state.session && shown.session.id === state.session.id && state.revision < shown.revision) {
      return false;
    }
    // The recording's state is read late in a full state, while notices come at
    // once: a reply read before a stop finished can land after the notice that it
    // had (a panel opened mid-stop would show "stopping" for good). The newer wins.
    const notice = this.recordingNotice;
    this.state =
      notice && notice.version > state.recordingVersion
        ? { ...state, recording: recordingOf(state, notice.state), recordingVersion: notice.version }
        : state;
    for (const revision of [...this.held.keys()]) if (revision <= state.revision) this.held.delete(revision);
    if (this.held.size === 0) this.heldSince = null;
    this.drain();
    return true;
  }

  /** Applies a change, or holds it until the changes before it have arrived. */
  receive(change: PanelChange, now: number): ChangeOutcome {
    const state = this.state;
    if (state && (!state.session || state.session.id !== change.sessionId)) {
      // Another session's full-quality pass (the interview that just ended): its line, not the session, changes.
      return change.type === 'session.updated' && this.noteFinalPass(change.session) ? 'applied' : 'other-session';
    }
    if (!state || !state.session || state.session.id !== change.sessionId) return 'other-session';
    if (change.revision <= state.revision) return 'stale';
    if (change.revision > state.revision + 1) {
      this.held.set(change.revision, change);
      this.heldSince ??= now;
      return 'held';
    }
    if (!this.apply(change)) return 'reload';
    this.drain();
    return 'applied';
  }

  /** Takes a session's pass for the panel's line when it is the one shown or asked for later; true when the line changed. */
  private noteFinalPass(session: Session): boolean {
    const state = this.state;
    const pass = session.finalPass;
    if (!state || !pass) return false;
    const shown = state.lastFinalPass ?? null;
    if (shown && shown.sessionId !== session.id && shown.pass.requestedAt > pass.requestedAt) return false;
    this.state = { ...state, lastFinalPass: { sessionId: session.id, pass } };
    return true;
  }

  /**
   * The recording's state, as the background sent it with its version; shown only
   * while it is this session's. A notice no newer than what is shown is dropped; one
   * that came before the first full state is kept for it. Returns true when the
   * shown state changed.
   */
  recordingChanged(recording: RecordingState | null, version: number): boolean {
    if (this.recordingNotice && version <= this.recordingNotice.version) return false;
    this.recordingNotice = { state: recording, version };
    const state = this.state;
    if (!state || version <= state.recordingVersion) return false;
    this.state = { ...state, recording: recordingOf(state, recording), recordingVersion: version };
    return true;
  }

  /** True when a change has been missing for longer than the gap allows: ask for the full state. */
  needsReload(now: number): boolean {
    return this.heldSince !== null && now - this.heldSince >= this.gapMs;
  }

  /** True when the store has changes this panel has not shown (from a revision check). */
  isBehind(sessionId: string, storedRevision: number): boolean {
    return this.state?.session?.id === sessionId && storedRevision > this.state.revision;
  }

  private drain(): void {
    for (;;) {
      const state = this.state;
      const next = state ? this.held.get(state.revision + 1) : undefined;
      if (!next) break;
      this.held.delete(next.revision);
      if (!this.apply(next)) break;
    }
    if (this.held.size === 0) this.heldSince = null;
  }

  /** False when the change means the panel must show something else (the session ended). */
  private apply(change: PanelChange): boolean {
    const state = this.state;
    if (!state) return false;
    const revision = change.revision;
    switch (change.type) {
      case 'segment.saved':
        // Segments and notes are shown only while the store is unlocked.
        this.state = {
          ...state,
          revision,
          segments: state.vault === 'open' ? upsertSorted(state.segments, change.segment, byTime) : state.segments,
        };
        return true;
      case 'note.saved':
        this.state = {
          ...state,
          revision,
          notes: state.vault === 'open' ? upsertSorted<Note>(state.notes, change.note, (left, right) => left.time - right.time) : state.notes,
        };
        return true;
      case 'coverage.recorded':
        // Events are a log in time order; one with the same time goes after those recorded before it.
        this.state = { ...state, revision, events: upsertSorted<CoverageEvent>(state.events, change.event, (left, right) => left.time - right.time) };
        return true;
      case 'session.updated': {
        const open = change.session.status === 'active' || change.session.status === 'interrupted';
        if (!open) {
          this.state = { ...state, revision };
          return false;
        }
        this.state = { ...state, revision, session: change.session };
        return true;
      }
    }
  }
}
