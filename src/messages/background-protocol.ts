/**
 * Requests the background service worker answers. One protocol map per receiver
 * (WXT recommends @webext-core/messaging for typed runtime messages); payloads are
 * plain data because runtime messages are serialised.
 *
 * Why the panel goes through the background for its data: the in-call panel is an
 * extension frame inside Zoom's or Teams' page, a third-party context. When the
 * browser blocks third-party cookies (the default in many profiles) such a frame
 * is refused IndexedDB ("The user denied permission to access the database"), so
 * it reads and writes the store only through these messages.
 */
import type { CoverageCommand, CoverageEvent, CoverageItemKind, CoverageState } from '../coverage';
import type { Guide } from '../guide';
import type { FinalPass, Note, Participant, Segment, Session, SessionProblem } from '../store';
import type { RecordingMode, RecordingState, StartRecordingResult, UtteranceCounts } from './recording-protocol';
import type { WhisperLanguage } from './transcription-protocol';
import { defineGuardedMessaging } from './guarded-messaging';

/** What the store's lock looks like from a page: never set up, locked, or open. */
export type VaultStatus = 'set-up' | 'locked' | 'open';

/** Why a passphrase was refused. */
export type PassphraseRefusal = 'wrong-passphrase' | 'too-short' | 'already-set-up' | 'failed';

export type PassphraseResult = { ok: true } | { ok: false; reason: PassphraseRefusal; message?: string };

/**
 * Which session a panel shows and changes. `call`: the live interview (the panel
 * beside a call and the side panel). `practice`: the practice page's own pilot
 * rehearsal (`Settings.practiceSessionId`), so rehearsing never shows or changes
 * a live interview running in a call tab.
 */
export type PanelScope = 'call' | 'practice';

/** The scope a panel page was opened for (`?scope=practice` from the practice page; anything else is the call). */
export function panelScopeFromSearch(search: string): PanelScope {
  return new URLSearchParams(search).get('scope') === 'practice' ? 'practice' : 'call';
}

/** Everything the panel shows. */
export interface PanelState {
  vault: VaultStatus;
  /** The guide of the running session, else the active guide. */
  guide: Guide | null;
  session: Session | null;
  /** The session's revision when this state was read (0 without a session): changes after it are applied on top. */
  revision: number;
  participant: Participant | null;
  events: CoverageEvent[];
  /** Empty while locked. */
  notes: Note[];
  /** The running session's transcript so far, in time order; empty while locked. */
  segments: Segment[];
  /** The recording of the running session, if any. */
  recording: RecordingState | null;
  /**
   * The version of the recording state read (it counts every change of it, see
   * `RecordingStateNotice`): a notice newer than this one wins over `recording`.
   */
  recordingVersion: number;
  /** How many sessions still hold audio (the ethics approval wants it deleted once transcribed). */
  sessionsWithAudio: number;
  /** Why the last attempt to start recording failed, if it did. */
  recordingFailure: StartRecordingResult | null;
  /** Whether what the transcript suggests is marked at once (`Settings.autoMarkSuggestions`). */
  autoMark: boolean;
  /**
   * The full-quality pass asked for last, of whichever session (usually the
   * interview that just ended), for a line in the panel; null when none. Kept up
   * to date by the sessions' `session.updated` changes (`PanelUpdates`).
   * Optional: a state without it reads as none.
   */
  lastFinalPass?: { sessionId: string; pass: FinalPass } | null;
}

export interface StartSessionRequest {
  kind: 'interview' | 'pilot';
  /** Which panel starts it; a practice panel always starts a pilot, bound to the practice page. Absent: `call`. */
  scope?: PanelScope;
  /** Required for interviews; ignored for pilots. */
  pseudonym: string;
  platform: 'zoom' | 'teams' | 'other';
  /** The interview's language, for transcription and the [uklart] label. */
  language: WhisperLanguage;
}

export type StartSessionResult = { ok: true; session: Session } | { ok: false; reason: 'no-guide' | 'no-pseudonym' | 'locked' };

/** How ending an interview went: the problems the recording had, kept with the session too. */
export interface EndSessionResult {
  ok: boolean;
  /** True when a recording was running and was stopped first. */
  stoppedRecording: boolean;
  problems: SessionProblem[];
  /** The stopped recording's utterances (absent when none ran or the document did not answer). */
  counts?: UtteranceCounts;
}

/** How stopping a recording went. */
export interface StopRecordingResult {
  ok: boolean;
  problems: SessionProblem[];
  counts?: UtteranceCounts;
}

export interface BackgroundProtocol {
  'vault.status'(): VaultStatus;
  'vault.setUp'(passphrase: string): PassphraseResult;
  'vault.unlock'(passphrase: string): PassphraseResult;
  'vault.lock'(): void;
  /** The state of the scope's session: the live interview (`call`) or the practice page's pilot. */
  'panel.state'(scope: PanelScope): PanelState;
  /** The stored revision of a session, so a panel can tell it missed a change (null: no such session). */
  'panel.revision'(sessionId: string): number | null;
  'session.start'(request: StartSessionRequest): StartSessionResult;
  /**
   * Ends the interview. A recording of it is stopped first: what is still queued is
   * transcribed and stored, the devices released; what went wrong comes back (and
   * is kept with the session).
   */
  'session.end'(sessionId: string): EndSessionResult;
  /** Takes up an interview that a browser crash or restart interrupted. */
  'session.resume'(sessionId: string): void;
  'session.select'(request: { sessionId: string; itemId: string }): void;
  'consent.record'(request: { sessionId: string; checkedItemIds: string[] }): void;
  /** The guide's closing items ticked in this session (`Session.closingChecked`). */
  'closing.record'(request: { sessionId: string; checkedItemIds: string[] }): void;
  'coverage.mark'(request: { sessionId: string; itemId: string; itemKind: CoverageItemKind; state: CoverageState }): void;
  /**
   * Confirms (a mark with `source: 'confirmed'`) or dismisses a suggestion the
   * transcript made (src/coverage/suggestions.ts). A suggestion already decided,
   * perhaps in the other panel, is left as it is.
   */
  'coverage.suggestion'(request: { sessionId: string; suggestionId: string; decision: 'confirmed' | 'dismissed' }): void;
  /** Switches auto-marking of suggestions on or off (a setting of the project). */
  'coverage.autoMark'(enabled: boolean): void;
  /** Runs a coverage command (next question, mark covered, …) on the scope's running session (absent: `call`). */
  'coverage.command'(request: CoverageCommand | { command: CoverageCommand; scope: PanelScope }): void;
  /**
   * Starts recording the scope's running session (absent: `call`); `tabId` is the
   * call tab (absent in the side panel: the active tab).
   */
  'recording.start'(request: { mode: RecordingMode; tabId?: number; scope?: PanelScope }): StartRecordingResult;
  'recording.pause'(): void;
  'recording.resume'(): void;
  'recording.stop'(): StopRecordingResult;
  'note.add'(request: { sessionId: string; text: string; questionId: string | null; reviseGuide: boolean }): { ok: boolean };
  /**
   * The full-quality pass over a session's stored audio (docs/final-pass.md):
   * `start` asks for it (anew after a finished, failed or cancelled one),
   * `pause`, `resume`, `cancel` the researcher's buttons. `ok: false` when the
   * action does not apply now (the reason says why).
   */
  'finalPass.control'(request: { sessionId: string; action: FinalPassAction }): FinalPassControlResult;
}

export type FinalPassAction = 'start' | 'pause' | 'resume' | 'cancel';
export type FinalPassControlResult = { ok: true } | { ok: false; reason: 'no-audio' | 'no-model' | 'not-applicable' | 'no-session' };

/**
 * Every request here reads or changes the store or the recording, so the
 * background answers only the extension's own pages, never the content script on
 * a meeting page (see sender-check.ts).
 */
export const backgroundMessaging = defineGuardedMessaging<BackgroundProtocol>('extension-page');
