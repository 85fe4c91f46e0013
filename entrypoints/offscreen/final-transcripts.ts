import { sendPanelChange, type RawTranscription, type UtteranceCounts, type WhisperLanguage } from '../../src/messages';
import { saveTranscribedSegment, type IntervjuDatabase, type NewSessionProblem, type Vault } from '../../src/store';
import { buildLiveSegment, segmentLanguage, type EarlyFinals } from '../../src/transcribe';
import type { CapturedUtterance } from './channel-capture';
import type { SharedTranscriber } from './transcriber';

export interface FinalTranscriptsContext {
  sessionId: string;
  language: WhisperLanguage;
  db: IntervjuDatabase;
  vault: Vault;
  transcriber: SharedTranscriber;
  earlyFinals: EarlyFinals;
  /** Dropouts heard so far on a channel, for the [uklart] policy. */
  dropouts(channel: CapturedUtterance['channel']): { start: number; end: number }[];
  overlaps(): { start: number; end: number }[];
  /** The final text of an utterance is stored (or there was none): its provisional line may go. */
  onSettled(utterance: CapturedUtterance): void;
  onCounts(counts: UtteranceCounts): void;
  /** The worker's WebAssembly memory after a run (bytes), for the recorder's memory report. */
  onWorkerMemory(bytes: number | undefined): void;
  onProblem(problem: NewSessionProblem): void;
}

/**
 * The final text of each utterance: transcribed one at a time in the order the
 * utterances ended (the worker is single-file anyway), through the [uklart]
 * policy, stored encrypted and sent to the panels. An utterance whose
 * transcription or storage fails is reported with its times, so its audio can be
 * transcribed later; it never silently disappears.
 */
export class FinalTranscripts {
  private queue: Promise<void> = Promise.resolve();
  private sequence = 0;
  private readonly counts: UtteranceCounts = { heard: 0, stored: 0, empty: 0, failed: 0, queued: 0 };

  constructor(private readonly context: FinalTranscriptsContext) {}

  /** Utterances queued or being transcribed (provisional texts wait while any is). */
  get pending(): number {
    return this.counts.queued;
  }

  snapshot(): UtteranceCounts {
    return { ...this.counts };
  }

  /**
   * Queues an utterance for its final text. `transcribed` is a transcription
   * already under way or given (the test hook in test-hooks.ts); by default the
   * one EarlyFinals started, else Whisper's.
   */
  add(utterance: CapturedUtterance, transcribed?: Promise<RawTranscription>): void {
    const { context } = this;
    const { sessionId, language } = context;
    const id = `${sessionId}:${utterance.channel}:${utterance.start.toFixed(2)}:${this.sequence++}`;
    this.counts.heard++;
    this.counts.queued++;
    this.report();
    const transcribe = () =>
      // shortContext: where the model was trained for it; the worker falls back to the full
      // window when the hallucination checks doubt the result (src/transcribe/short-context.ts).
      context.transcriber.transcribe({ id, samples: utterance.samples, offset: utterance.start, language, wordTimestamps: true, shortContext: true });
    // Started when the pause had lasted the padding, on exactly this audio (early-finals.ts).
    const early = transcribed ?? context.earlyFinals.take(utterance);
    this.queue = this.queue.then(async () => {
      try {
        const transcription = await (early ? early.catch(transcribe) : transcribe());
        context.onWorkerMemory(transcription.wasmMemoryBytes);
        const segment = buildLiveSegment({
          id,
          sessionId,
          channel: utterance.channel,
          utterance,
          transcription,
          dropouts: context.dropouts(utterance.channel),
          overlaps: context.overlaps(),
          language: segmentLanguage(language),
        });
        if (segment) {
          const revision = await saveTranscribedSegment(context.db, context.vault, segment);
          if (revision !== null) sendPanelChange({ type: 'segment.saved', sessionId, revision, segment });
          this.counts.stored++;
        } else {
          this.counts.empty++;
        }
      } catch (cause) {
        this.counts.failed++;
        context.onProblem({ kind: 'untranscribed', channel: utterance.channel, start: utterance.start, end: utterance.end });
        context.onProblem({ kind: 'transcription-failed', message: cause instanceof Error ? cause.message : String(cause) });
      } finally {
        this.counts.queued--;
        context.onSettled(utterance);
        this.report();
      }
    });
  }

  /** Resolves when every utterance queued so far is stored or reported. */
  drained(): Promise<void> {
    return this.queue;
  }

  private report(): void {
    this.context.onCounts(this.snapshot());
  }
}

