/**
 * The records the store keeps, as callers see them (decrypted).
 *
 * WARNING: these shapes are persisted in IndexedDB (some inside encrypted
 * payloads) and in backups. Changing one needs a migration in `migrations.ts`,
 * a fixture for the new version in `migrations.fixtures.ts`, and a look at the
 * backup format in `backup-document.ts`.
 */
import type { Guide } from '../guide/model';
import type { CoverageSuggestion } from '../coverage/suggestions';

/** What happens to recordings; chosen per project to match the ethics approval. */
export type AudioPolicy =
  | { kind: 'delete-on-approval' }
  | { kind: 'delete-after-days'; days: number }
  | { kind: 'no-audio' };

export interface Project {
  title: string;
  /** ISO date (YYYY-MM-DD) when all project data must be deleted; null when not set. */
  endDate: string | null;
  audioPolicy: AudioPolicy;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
}

/** A reference to one version of one guide. */
export interface GuideRef {
  id: string;
  version: number;
}

/** Key/value settings; every key has a default, so reading never yields undefined. */
export interface Settings {
  /** Minutes without use after which the vault key is forgotten. */
  autoLockMinutes: number;
  /** The guide version new sessions use. */
  activeGuide: GuideRef | null;
  /** The session being run now, so a restarted service worker can pick it up. */
  activeSessionId: string | null;
  /**
   * The pilot the practice page runs (its own panel scope, never the live
   * interview's). A missing value reads as none, so older databases need no migration.
   */
  practiceSessionId: string | null;
  /**
   * Delete all project data automatically once the end date has come. On by
   * default: ethics approvals require deletion at the project's end date.
   * A missing value reads as the default, so older databases need no migration.
   */
  deleteAtEndDate: boolean;
  /**
   * The bundled Whisper model the researcher chose (its folder name), or null:
   * the best bundled one (src/transcribe/model-choice.ts). A chosen model that
   * a later build no longer carries falls back the same way.
   */
  transcriptionModel: string | null;
  /**
   * The bundled Whisper model of the full-quality pass after an interview (its
   * folder name), or null: automatic, the best bundled model as for
   * `transcriptionModel` (src/transcribe/model-choice.ts). A missing value reads as
   * the default, so older databases need no migration.
   */
  finalTranscriptionModel: string | null;
  /**
   * Mark what the transcript suggests at once, without the researcher confirming
   * each suggestion (marks then carry `source: 'suggested'`). Off by default:
   * nothing is marked unconfirmed unless the researcher chose so. A missing value
   * reads as the default, so older databases need no migration.
   */
  autoMarkSuggestions: boolean;
  /**
   * The transcript editor's keys (action name → key, e.g. `Ctrl+J`) where the
   * researcher changed the defaults of src/transcript-editing, and the rewind on
   * pause. A missing value reads as the default, so older databases need no migration.
   */
  transcriberKeys: TranscriberKeySettings;
}

/** Transcriber keys as stored: only the bindings the researcher changed. */
export interface TranscriberKeySettings {
  bindings: Record<string, string>;
  /** Seconds the audio steps back when paused (0 = none), so the last words are heard again on play. */
  rewindOnPauseSeconds: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  autoLockMinutes: 15,
  activeGuide: null,
  activeSessionId: null,
  practiceSessionId: null,
  deleteAtEndDate: true,
  transcriptionModel: null,
  finalTranscriptionModel: null,
  autoMarkSuggestions: false,
  transcriberKeys: { bindings: {}, rewindOnPauseSeconds: 1.5 },
};

export interface Participant {
  id: string;
  /** Fictive name; stored in clear because it identifies no one. */
  pseudonym: string;
  consentAt: number | null;
  withdrawnAt: number | null;
  createdAt: number;
}

export type SessionKind = 'interview' | 'pilot' | 'import';
export type SessionPlatform = 'zoom' | 'teams' | 'file' | 'other';
export type SessionStatus = 'active' | 'ended' | 'interrupted' | 'approved';
/** Why a session ended before its work was done (a file import cancelled or failed part-way). */
export type SessionEndReason = 'import-cancelled' | 'import-failed';

export interface Session {
  id: string;
  kind: SessionKind;
  /** Null for pilots and imports without a participant. */
  participantId: string | null;
  guideId: string;
  guideVersion: number;
  platform: SessionPlatform;
  startedAt: number;
  endedAt: number | null;
  status: SessionStatus;
  currentItemId: string | null;
  /**
   * Each time the current question (or probe) changed while the session ran: the
   * item that became current and when (ms since epoch), in order; the first entry is
   * the guide's first question at the session's start. The session view puts a
   * question's heading, and the exports code the transcript, from these and the
   * marks. Ids and times only, no content. Absent on older sessions (headings then
   * come from marks alone): optional, so no migration.
   */
  currentChanges?: CurrentChange[];
  /** BCP 47 language of the interview, e.g. `nb`. */
  language: string;
  /** True while audio chunks of this session are stored. */
  hasAudio: boolean;
  /** Ids of the guide's intro/consent checklist items ticked in this session. */
  consentChecked: string[];
  /**
   * Ids of the guide's closing items (`Guide.closing`) ticked in this session. Optional:
   * absent means none ticked (older sessions need no migration).
   */
  closingChecked?: string[];
  /**
   * Counts every stored change a panel shows (segments, marks, notes, this record),
   * bumped in the same transaction as the change, so a panel applying changes one by
   * one can drop stale ones and notice a missed one. Absent on sessions stored
   * before it existed (read as 0): optional, so no migration.
   */
  revision?: number;
  /**
   * What went wrong while recording (a failed finish, audio that could not be
   * stored, the call tab closed), kept with the session so it is never only in
   * the console and still shows after the recording ended. No content: kinds,
   * times and error messages. Absent on older sessions (read as none).
   */
  problems?: SessionProblem[];
  /** When the latest recording of this session began (ms since epoch); absent before the first. */
  recordingStartedAt?: number;
  /**
   * Set when the session ended short of its work, so the workspace can say so.
   * Optional: absent means it ended normally (older records need no migration).
   */
  endReason?: SessionEndReason;
  /**
   * What the transcript suggested marking (src/coverage/suggestions.ts), with what
   * the researcher decided. Item and segment ids, scores and times only: the words
   * stay in the encrypted segment. Absent on older sessions (read as none):
   * optional, so no migration.
   */
  suggestions?: CoverageSuggestion[];
  /**
   * Each time the researcher chose to export this session with real names (exports
   * are pseudonymised by default): when, and which format. No content. Absent when
   * never (optional, so no migration).
   */
  realNameExports?: RealNameExport[];
  /**
   * The full-quality pass over the session's stored audio after the interview
   * (docs/final-pass.md): its state and how far it got, so it resumes after a
   * browser restart at the utterance where it stopped. Times and counts only, no
   * content. Absent when no pass was asked for (older sessions: no migration).
   */
  finalPass?: FinalPass;
}

/**
 * `waiting`: asked for, runs when no recording runs and the store is unlocked;
 * `paused`: the researcher paused it; `cancelled`: they stopped it (what it
 * replaced stays replaced).
 */
export type FinalPassState = 'waiting' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';

/** Progress of the full-quality pass (`Session.finalPass`). */
export interface FinalPass {
  state: FinalPassState;
  /** The bundled model it transcribes with (folder name). */
  model: string;
  /** Seconds of stored audio over every channel; 0 until the pass has read the audio. */
  totalSeconds: number;
  /** Seconds of that audio done. */
  doneSeconds: number;
  /** Recordings (one per channel and recording start, in `audioRuns` order) finished. */
  runsDone: number;
  /** The channel of the recording under way; null before the first and after the last. */
  channel: Channel | null;
  /** Session seconds up to which the recording under way is done: a resumed pass cuts its audio from here. */
  doneUntil: number;
  /** Utterances transcribed; of them, how many replaced live text and how many were kept beside the researcher's. */
  utterancesDone: number;
  replaced: number;
  readings: number;
  /** ms since epoch. */
  requestedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Why it failed (an error message, no content). */
  error?: string;
}

/** The current question (or probe) changed: which item became current, and when (ms since epoch). */
export interface CurrentChange {
  itemId: string;
  at: number;
}

/** One logged choice to export with real names instead of the fictive ones. */
export interface RealNameExport {
  at: number;
  /** What was exported: an export format (`docx`, `txt`, `vtt`, `srt`, `qdpx`), `participant-data` or `quote-sheet`. */
  format: string;
}

/** One thing that went wrong during a session's recording, as the workspace and panel show it. */
export type SessionProblem =
  | { kind: 'finish-failed'; at: number; message: string }
  | { kind: 'tab-closed'; at: number }
  | { kind: 'tab-reloaded'; at: number }
  | { kind: 'audio-not-stored'; at: number; message: string }
  | { kind: 'audio-processing-failed'; at: number; message: string }
  | { kind: 'storage-full'; at: number }
  | { kind: 'transcription-failed'; at: number; message: string }
  /** The full-quality pass after the interview failed (it can be started again from the session view). */
  | { kind: 'final-pass-failed'; at: number; message: string }
  /** Speech heard but not transcribed (its audio is kept where the project keeps audio): seconds from session start. */
  | { kind: 'untranscribed'; at: number; channel: Channel; start: number; end: number };

/** A problem before its time is set (`Omit` over each member of the union). */
export type NewSessionProblem = SessionProblem extends infer Member ? (Member extends unknown ? Omit<Member, 'at'> : never) : never;

export interface Note {
  id: string;
  sessionId: string;
  /** Milliseconds since the Unix epoch. */
  time: number;
  text: string;
  questionId: string | null;
  reviseGuide: boolean;
}

/** Microphone = interviewer, call tab = participant; `mixed` when one microphone hears both (single-source mode). */
export type Channel = 'interviewer' | 'participant' | 'mixed';

export interface SegmentWord {
  text: string;
  start: number;
  end: number;
  probability: number;
}

export interface UnclearSpan {
  start: number;
  end: number;
  guess: string | null;
  /**
   * The researcher listened again and kept it unclear (with or without a guess),
   * so it no longer counts as left to resolve. Optional: absent means not yet
   * reviewed (older records need no migration).
   */
  kept?: boolean;
}

/** What the machine wrote for a segment, kept once the researcher edits it (the view shows what changed). */
export interface SegmentOriginal {
  text: string;
  words: SegmentWord[];
  unclear: UnclearSpan[];
  channel: Channel;
}

export interface Segment {
  id: string;
  sessionId: string;
  channel: Channel;
  /** Seconds from session start. */
  start: number;
  /** Seconds from session start. */
  end: number;
  text: string;
  words: SegmentWord[];
  unclear: UnclearSpan[];
  /** `edited` once the researcher changed it; an edited segment is never replaced by a transcription. */
  source: 'live' | 'edited';
  /**
   * The machine's version, set on the first edit and never changed after.
   * Optional: absent on segments nobody edited (and on older records: no migration).
   */
  original?: SegmentOriginal;
  /** The researcher read (and listened to) this segment and marked it checked. Optional: absent = not checked. */
  checked?: boolean;
  /**
   * The full-quality pass's reading of this stretch, kept beside the text because
   * the researcher had worked on it (edited, checked, quoted): the view shows it
   * beside theirs to take or dismiss. Optional: absent = none (no migration).
   */
  finalReading?: FinalReading;
}

/** What the full-quality pass heard where the researcher's text stays (`Segment.finalReading`). */
export interface FinalReading {
  text: string;
  words: SegmentWord[];
  unclear: UnclearSpan[];
  /** The model that made it (folder name). */
  model: string;
}

export interface AudioChunk {
  id: string;
  sessionId: string;
  channel: Channel;
  sequence: number;
  /** Seconds from session start. */
  start: number;
  /** Seconds from session start. */
  end: number;
  codec: string;
  bytes: Uint8Array;
}

/**
 * What the call's voice detector (Silero) said of consecutive frames of one
 * channel: kept with the audio and deleted with it, so the pass after the
 * interview can cut the recording without running the detector again.
 */
export interface SpeechTrack {
  id: string;
  sessionId: string;
  channel: Channel;
  /** Session seconds at the start of the first frame. */
  start: number;
  /** Length of each frame (Silero: 0.032 s). */
  frameSeconds: number;
  /** Speech probability per frame, 0..1. */
  probabilities: Float32Array;
}

/** What is known of a chunk without decrypting it. */
export type AudioChunkMetadata = Omit<AudioChunk, 'bytes'>;

export type KeyListKind = 'name' | 'place' | 'institution' | 'other';

export interface KeyListEntry {
  id: string;
  participantId: string | null;
  real: string;
  fictive: string;
  kind: KeyListKind;
}

/** Where a quote starts or ends: a character offset in one segment's text. */
export interface QuoteAnchor {
  segmentId: string;
  offset: number;
}

/**
 * A quote's standing with the participant: marked by the researcher, sent for
 * approval, then approved, changed (with their wording) or withdrawn.
 */
export type QuoteStatus = 'marked' | 'sent' | 'approved' | 'changed' | 'withdrawn';

/** A passage marked as a quote, to be approved by the participant before it is published. */
export interface Quote {
  id: string;
  sessionId: string;
  /** The session's participant; null for pilots and imports without one. */
  participantId: string | null;
  /** First character, in the first segment. */
  start: QuoteAnchor;
  /** One past the last character, in the last segment. */
  end: QuoteAnchor;
  /** Seconds from session start where the passage begins, for order and playback. */
  time: number;
  /** The passage as marked (the sheet pseudonymises it with the replacement list). */
  text: string;
  /** A little of what was said before and after, so the participant sees the quote in context. */
  contextBefore: string;
  contextAfter: string;
  status: QuoteStatus;
  /** The participant's wording, when the status is `changed`; null otherwise. */
  changedText: string | null;
  /** When the status last changed; null while only marked. */
  statusAt: number | null;
  createdAt: number;
}

export type { Guide };
