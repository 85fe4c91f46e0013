/**
 * What changed in the running session, with the changed data, sent to the panels
 * as it is stored: the panel applies it instead of asking for the whole session
 * again (which grew with the interview: every stored utterance re-read and
 * decrypted every segment so far).
 *
 * Runtime messages reach the extension's own pages only (panel frames, side panel,
 * workspace, offscreen document), never a content script or the meeting page, so
 * decrypted text may travel in them as it does in provisional-text notices.
 *
 * Each change carries the session's revision after it (bumped in the same
 * IndexedDB transaction as the change, see `Session.revision`), so a panel can
 * put changes from different senders (background, offscreen document) in commit
 * order, drop ones it already has, and notice one it missed.
 */
import { browser } from 'wxt/browser';
import type { CoverageEvent } from '../coverage';
import type { Note, Segment, Session } from '../store';
import type { RecordingState } from './recording-protocol';

export type PanelChange =
  | { type: 'segment.saved'; sessionId: string; revision: number; segment: Segment }
  | { type: 'coverage.recorded'; sessionId: string; revision: number; event: CoverageEvent }
  | { type: 'note.saved'; sessionId: string; revision: number; note: Note }
  | { type: 'session.updated'; sessionId: string; revision: number; session: Session };

export interface PanelChangeNotice {
  kind: 'intervju.panel-change';
  change: PanelChange;
  /** ms since epoch when the change was stored; the panel measures its update delay from it. */
  storedAt: number;
}

/**
 * The recording's state, sent by the background whenever it changes. `version`
 * counts the changes (kept in storage.session beside the state, so it goes on
 * across service-worker restarts): a panel orders notices and full states by it.
 */
export interface RecordingStateNotice {
  kind: 'intervju.recording-state';
  state: RecordingState | null;
  version: number;
}

const CHANGE_TYPES: ReadonlySet<string> = new Set<PanelChange['type']>(['segment.saved', 'coverage.recorded', 'note.saved', 'session.updated']);

export function isPanelChangeNotice(value: unknown): value is PanelChangeNotice {
  if (typeof value !== 'object' || value === null) return false;
  const notice = value as { kind?: unknown; change?: unknown; storedAt?: unknown };
  if (notice.kind !== 'intervju.panel-change' || typeof notice.storedAt !== 'number') return false;
  const change = notice.change as { type?: unknown; sessionId?: unknown; revision?: unknown } | null;
  return (
    typeof change === 'object' &&
    change !== null &&
    typeof change.type === 'string' &&
    CHANGE_TYPES.has(change.type) &&
    typeof change.sessionId === 'string' &&
    typeof change.revision === 'number'
  );
}

export function isRecordingStateNotice(value: unknown): value is RecordingStateNotice {
  if (typeof value !== 'object' || value === null) return false;
  const notice = value as { kind?: unknown; version?: unknown };
  return notice.kind === 'intervju.recording-state' && typeof notice.version === 'number';
}

interface RuntimeSender {
  sendMessage(message: unknown): Promise<unknown>;
}

const runtime = (): RuntimeSender => browser.runtime as unknown as RuntimeSender;

/** Sends a stored change to the panels. */
export function sendPanelChange(change: PanelChange, now = Date.now(), target: RuntimeSender = runtime()): void {
  const notice: PanelChangeNotice = { kind: 'intervju.panel-change', change, storedAt: now };
  // Rejects with "Receiving end does not exist" when no panel is open: nothing to tell.
  void target.sendMessage(notice).catch(() => undefined);
}

/** Tells the panels a session record changed (its current question, consent, status, problems). */
export function sendSessionUpdated(session: Session, target: RuntimeSender = runtime()): void {
  sendPanelChange({ type: 'session.updated', sessionId: session.id, revision: session.revision ?? 0, session }, Date.now(), target);
}

/** Sends the recording's state to the panels. */
export function sendRecordingState(state: RecordingState | null, version: number, target: RuntimeSender = runtime()): void {
  const notice: RecordingStateNotice = { kind: 'intervju.recording-state', state, version };
  void target.sendMessage(notice).catch(() => undefined);
}

/** The call's keyboard shortcut for ending the interview: the panels ask the researcher to confirm. */
export interface EndInterviewRequest {
  kind: 'intervju.end-interview';
}

export function isEndInterviewRequest(value: unknown): value is EndInterviewRequest {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'intervju.end-interview';
}

/** Asks the open panels to confirm ending the interview. */
export function requestEndInterview(target: RuntimeSender = runtime()): void {
  const request: EndInterviewRequest = { kind: 'intervju.end-interview' };
  void target.sendMessage(request).catch(() => undefined);
}
