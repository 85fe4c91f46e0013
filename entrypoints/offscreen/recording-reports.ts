import { browser } from 'wxt/browser';
import {
  recordingReportMessaging,
  sendSessionUpdated,
  type LevelsNotice,
  type RecordingChannel,
  type RecorderMemory,
  type RecordingWarning,
  type UtteranceCounts,
} from '../../src/messages';
import { trackWebAssemblyMemories } from '../../src/transcribe';
import { addSessionProblem, type IntervjuDatabase, type NewSessionProblem, type SessionProblem } from '../../src/store';

const LEVELS_INTERVAL_MS = 125;

/**
 * Everything the recording tells the rest of the extension: passing conditions
 * (a silent channel) to the background's recording state, level meters straight
 * to the panels, and what went wrong kept with the session in the store, so it
 * is shown after the recording too and never only in the console.
 */
export class RecordingReports {
  private warnings: RecordingWarning[] = [];
  private readonly problems: SessionProblem[] = [];
  private problemWrites: Promise<void> = Promise.resolve();
  private levels: LevelsNotice['levels'] = {};
  private levelsTimer: ReturnType<typeof setInterval> | null = null;
  private workerWasmBytes: number | undefined;

  constructor(
    private readonly db: IntervjuDatabase,
    private readonly sessionId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends a report to the background; a background that cannot be reached must not break the recording. */
  send(report: Parameters<typeof recordingReportMessaging.sendMessage<'recording.report'>>[1]): void {
    void recordingReportMessaging.sendMessage('recording.report', report).catch(() => undefined);
  }

  started(): void {
    this.send({ status: 'recording', warnings: this.warnings });
  }

  warn(warning: RecordingWarning): void {
    if (this.warnings.some((existing) => existing.kind === warning.kind)) return;
    this.warnings.push(warning);
    this.send({ warnings: this.warnings });
  }

  /** A channel fell silent (`since` set) or sounds again (null). */
  silence(channel: RecordingChannel, since: number | null): void {
    this.warnings = this.warnings.filter((warning) => !(warning.kind === 'silent-channel' && warning.channel === channel));
    if (since !== null) this.warnings.push({ kind: 'silent-channel', channel, since });
    this.send({ warnings: this.warnings });
  }

  /** Keeps what went wrong with the session and shows it in the panels. */
  problem(problem: NewSessionProblem): void {
    const kept = { ...problem, at: this.now() } as SessionProblem;
    this.problems.push(kept);
    this.problemWrites = this.problemWrites.then(async () => {
      try {
        sendSessionUpdated(await addSessionProblem(this.db, this.sessionId, kept));
      } catch (cause) {
        // The store itself fails: the finish result still carries the problem to the background.
        console.error('Intervju: could not keep a recording problem with the session', cause, kept);
      }
    });
  }

  /** The problems of this recording, once all of them are stored. */
  async settledProblems(): Promise<SessionProblem[]> {
    await this.problemWrites;
    return [...this.problems];
  }

  /** The transcription worker's WebAssembly memory after a run, sent with the next counts. */
  workerMemory(bytes: number | undefined): void {
    if (bytes !== undefined) this.workerWasmBytes = bytes;
  }

  counts(counts: UtteranceCounts): void {
    const heap = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
    const memory: RecorderMemory = { offscreenWasmBytes: trackWebAssemblyMemories().totalBytes() };
    if (heap !== undefined) memory.offscreenHeapBytes = heap;
    if (this.workerWasmBytes !== undefined) memory.workerWasmBytes = this.workerWasmBytes;
    this.send({ counts, memory });
  }

  setLevel(channel: RecordingChannel, reading: { level: number; peak: number; clipped: boolean }): void {
    this.levels[channel] = reading;
  }

  startLevels(): void {
    this.levelsTimer ??= setInterval(() => {
      const notice: LevelsNotice = { kind: 'intervju.levels', sessionId: this.sessionId, levels: this.levels };
      void browser.runtime.sendMessage(notice).catch(() => undefined);
    }, LEVELS_INTERVAL_MS);
  }

  stopLevels(): void {
    if (this.levelsTimer) clearInterval(this.levelsTimer);
    this.levelsTimer = null;
  }
}
