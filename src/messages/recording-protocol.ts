/**
 * Recording: the background starts and stops it, the offscreen document does it.
 * The state lives in chrome.storage.session (the background may be stopped at any
 * time), and the offscreen document reports changes back.
 */
import type { SessionProblem } from '../store';
import { defineGuardedMessaging } from './guarded-messaging';
import type { ModelInfo, WhisperLanguage } from './transcription-protocol';

/** `call`: tab audio = participant, microphone = interviewer. `single`: one microphone, both speakers. */
export type RecordingMode = 'call' | 'single';
/** `stopping`: capture has ended and what is still queued is being transcribed and stored. */
export type RecordingStatus = 'idle' | 'starting' | 'recording' | 'paused' | 'stopping' | 'stopped';
export type RecordingChannel = 'interviewer' | 'participant' | 'mixed';

/**
 * Conditions of the recording under way, shown while it runs. What went wrong
 * (a failed write, a closed tab, text not transcribed) is a `SessionProblem`
 * instead, kept with the session.
 */
export type RecordingWarning =
  | { kind: 'silent-channel'; channel: RecordingChannel; since: number }
  | { kind: 'clipping'; channel: RecordingChannel }
  /** Silero VAD could not run: the simpler energy detector cuts utterances (noise may pass as speech). */
  | { kind: 'voice-detector-fallback' };

/** Utterances of this recording: heard by the VAD, stored as segments, empty (no words), failed, still queued. */
export interface UtteranceCounts {
  heard: number;
  stored: number;
  /** Transcribed, but nothing to store (no words, or the hallucination checks dropped them). */
  empty: number;
  failed: number;
  queued: number;
}

/** What cuts the audio into utterances: Silero VAD, or the energy detector it falls back to. */
export type VoiceDetectorKind = 'silero' | 'energy';

export interface RecordingState {
  sessionId: string;
  status: RecordingStatus;
  mode: RecordingMode;
  /** The captured call tab; null in single-source mode. */
  tabId: number | null;
  /** ms since epoch when capture began. */
  startedAt: number;
  model: ModelInfo | null;
  warnings: RecordingWarning[];
  /** Null until the offscreen document reports it. */
  voiceDetector?: VoiceDetectorKind | null;
  /** Absent until the first utterance. */
  counts?: UtteranceCounts;
  /** What the recorder's contexts hold, reported with the counts (absent until the first). */
  memory?: RecorderMemory;
}

/**
 * Memory a long recording must not grow, in bytes, as the recorder sees it: the
 * soak benchmark reads it to tell a JavaScript leak from WebAssembly heaps that
 * grew to the largest run. Each figure is absent where the browser gives none.
 */
export interface RecorderMemory {
  /** The offscreen document's JavaScript heap in use (Chrome's `performance.memory`). */
  offscreenHeapBytes?: number;
  /** The offscreen document's WebAssembly memory (the voice detector's onnxruntime). */
  offscreenWasmBytes?: number;
  /** The transcription worker's WebAssembly memory after its latest run (Whisper's onnxruntime). */
  workerWasmBytes?: number;
}

export type StartRecordingRefusal =
  | 'locked'
  | 'no-session'
  | 'consent-incomplete'
  | 'capture-not-granted'
  | 'microphone-denied'
  | 'already-recording'
  | 'failed';

export type StartRecordingResult = { ok: true } | { ok: false; reason: StartRecordingRefusal; message?: string };

export interface OffscreenBeginRequest {
  sessionId: string;
  /** From chrome.tabCapture.getMediaStreamId; null in single-source mode. */
  streamId: string | null;
  mode: RecordingMode;
  language: WhisperLanguage;
  /** The session's start (ms since epoch): segment times count from there. */
  sessionStartedAt: number;
  /** False under the project's "keep no audio" policy: transcribe live, store only text. */
  keepAudio: boolean;
  model: string;
  /**
   * The unlocked data key (exported), which the recording keeps until it stops.
   * Offscreen documents get no chrome.storage, so the background hands it over;
   * runtime messages never leave the extension.
   */
  vaultKey: string;
}

/** Requests the offscreen document answers. */
export interface OffscreenProtocol {
  'offscreen.begin'(request: OffscreenBeginRequest): StartRecordingResult;
  'offscreen.pause'(): void;
  'offscreen.resume'(): void;
  /**
   * Stops capture, transcribes what is still queued, writes the last audio and
   * releases every device; the problems of this recording come back (already kept
   * with the session).
   */
  'offscreen.finish'(): FinishRecordingResult;
  /**
   * Runs the full-quality pass over one session's stored audio (docs/final-pass.md):
   * answers at once (`ok: false` when a pass or a recording already runs); the
   * document writes progress on the session and reports the end with `finalPass.report`.
   */
  'offscreen.finalPass.run'(request: FinalPassRunRequest): { ok: boolean; message?: string };
  /** Stops the pass under way (its last written utterance is where it resumes); resolves once it writes nothing more. */
  'offscreen.finalPass.stop'(): void;
}

export interface FinalPassRunRequest {
  sessionId: string;
  model: string;
  language: WhisperLanguage;
  /** The unlocked data key (exported), as for a recording. */
  vaultKey: string;
}

/** How a pass run in the offscreen document ended: all done, failed (message kept with the session), or stopped when asked. */
export type FinalPassOutcome = { sessionId: string; outcome: 'done' | 'stopped' } | { sessionId: string; outcome: 'failed'; message: string };

/** The offscreen document tells the background a pass ended, so it can run the next one or close the document. */
export interface FinalPassReportProtocol {
  'finalPass.report'(report: FinalPassOutcome): void;
}

export interface FinishRecordingResult {
  ok: boolean;
  problems: SessionProblem[];
  counts: UtteranceCounts;
}

/** Reports the offscreen document sends to the background. */
export interface RecordingReportProtocol {
  'recording.report'(report: {
    status?: RecordingStatus;
    model?: ModelInfo | null;
    warnings?: RecordingWarning[];
    voiceDetector?: VoiceDetectorKind;
    counts?: UtteranceCounts;
    memory?: RecorderMemory;
  }): void;
}

/** The offscreen document obeys the background (an extension page), never a content script. */
export const offscreenMessaging = defineGuardedMessaging<OffscreenProtocol>('extension-page');
/** Only the recorder itself reports how the recording goes. */
export const recordingReportMessaging = defineGuardedMessaging<RecordingReportProtocol>('offscreen-document');

/** Only the offscreen document reports how a pass ended. */
export const finalPassReportMessaging = defineGuardedMessaging<FinalPassReportProtocol>('offscreen-document');

/** Live level meters, broadcast several times a second straight to the panels (not stored). */
export interface LevelsNotice {
  kind: 'intervju.levels';
  sessionId: string;
  levels: Partial<Record<RecordingChannel, { level: number; peak: number; clipped: boolean }>>;
}

export function isLevelsNotice(value: unknown): value is LevelsNotice {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'intervju.levels';
}

/**
 * The text so far of an utterance still under way (or, with `text` null, that it
 * is gone: its final text was stored), broadcast straight to the panels and never
 * stored. Already through the [uklart] policy; what it marked carries no guess.
 */
export interface ProvisionalNotice {
  kind: 'intervju.provisional';
  sessionId: string;
  channel: RecordingChannel;
  /** Seconds from session start. */
  start: number;
  end: number;
  text: string | null;
  unclear: { start: number; end: number }[];
}

export function isProvisionalNotice(value: unknown): value is ProvisionalNotice {
  if (typeof value !== 'object' || value === null) return false;
  const notice = value as Partial<ProvisionalNotice>;
  return (
    notice.kind === 'intervju.provisional' &&
    typeof notice.sessionId === 'string' &&
    typeof notice.channel === 'string' &&
    typeof notice.start === 'number' &&
    (notice.text === null || typeof notice.text === 'string') &&
    Array.isArray(notice.unclear)
  );
}
