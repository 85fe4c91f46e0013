import { browser } from 'wxt/browser';
import { TARGET_SAMPLE_RATE } from '../../src/audio';
import type { ProvisionalNotice, RecordingChannel, WhisperLanguage } from '../../src/messages';
import { buildLiveSegment, ProvisionalSchedule, segmentLanguage } from '../../src/transcribe';
import type { ChannelCapture } from './channel-capture';
import type { SharedTranscriber } from './transcriber';

export interface ProvisionalContext {
  sessionId: string;
  language: WhisperLanguage;
  transcriber: SharedTranscriber;
  /** Final transcriptions queued or running: while any is, no provisional one starts. */
  pendingFinals(): number;
  overlaps(): { start: number; end: number }[];
}

/**
 * Provisional texts of utterances still under way (the policy is in
 * src/transcribe/provisional-schedule.ts): transcribed with the same model and
 * [uklart] policy as finals, broadcast to the panels, never stored, and dropped
 * as soon as a final transcription needs the worker.
 */
export class ProvisionalTranscripts {
  private readonly schedule = new ProvisionalSchedule<RecordingChannel>();
  private running: { id: string; channel: RecordingChannel } | null = null;
  private sequence = 0;
  private stopped = false;

  constructor(private readonly context: ProvisionalContext) {}

  /** After each captured block of `capture`: starts a provisional transcription when one is due. */
  consider(capture: ChannelCapture, utteranceStart: number | null, now: number): void {
    if (this.stopped || this.running || !this.schedule.due(capture.channel, utteranceStart, now, this.context.pendingFinals() > 0)) return;
    const samples = capture.utteranceSoFar();
    if (!samples || utteranceStart === null) return;
    const { channel } = capture;
    const end = utteranceStart + samples.length / TARGET_SAMPLE_RATE;
    this.schedule.started(channel, utteranceStart, end);
    const id = `${this.context.sessionId}:${channel}:provisional:${this.sequence++}`;
    this.running = { id, channel };
    const startedMs = performance.now();
    const { sessionId, language } = this.context;
    void this.context.transcriber
      .transcribe({ id, samples, offset: utteranceStart, language, wordTimestamps: true, shortContext: true })
      .then((transcription) => {
        if (!this.schedule.isCurrent(channel, utteranceStart)) return;
        const segment = buildLiveSegment({
          id,
          sessionId,
          channel,
          // The speech ratio is known only when the utterance ends; the final text applies that check.
          utterance: { start: utteranceStart, end, speechRatio: 1 },
          transcription,
          dropouts: capture.dropouts,
          overlaps: this.context.overlaps(),
          language: segmentLanguage(language),
        });
        if (segment) this.send({ channel, start: segment.start, end: segment.end, text: segment.text, unclear: segment.unclear.map(({ start: from, end: to }) => ({ start: from, end: to })) });
      })
      // Cancelled for a final, or failed: the final text follows either way.
      .catch(() => undefined)
      .finally(() => {
        if (this.running?.id === id) this.running = null;
        const tookSeconds = (performance.now() - startedMs) / 1000;
        this.schedule.finished(now + tookSeconds, tookSeconds);
      });
  }

  /** The recording ends: no provisional text any more (the finals of what is queued still come). */
  stop(): void {
    this.stopped = true;
    this.finalQueued();
  }

  /** A final transcription was queued: it goes first. */
  finalQueued(): void {
    if (this.running) this.context.transcriber.cancel(this.running.id);
  }

  /** `channel`'s utterance ended: a provisional result still on its way is stale. */
  utteranceEnded(channel: RecordingChannel): void {
    this.schedule.ended(channel);
  }

  /** `channel`'s final text is stored: the panels drop its provisional text. */
  finalStored(channel: RecordingChannel, start: number, end: number): void {
    this.send({ channel, start, end, text: null, unclear: [] });
  }

  private send(notice: Omit<ProvisionalNotice, 'kind' | 'sessionId'>): void {
    const message: ProvisionalNotice = { kind: 'intervju.provisional', sessionId: this.context.sessionId, ...notice };
    void browser.runtime.sendMessage(message).catch(() => undefined);
  }
}
