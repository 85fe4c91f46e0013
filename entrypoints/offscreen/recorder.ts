import { browser } from 'wxt/browser';
import type { ChannelUpdate } from '../../src/audio';
import {
  broadcastStoreChange,
  recordingReportMessaging,
  type LevelsNotice,
  type OffscreenBeginRequest,
  type RecordingChannel,
  type RecordingWarning,
  type StartRecordingResult,
} from '../../src/messages';
import { importVaultKey, openIntervjuDatabase, saveSegment, type IntervjuDatabase, type Vault } from '../../src/store';
import { buildLiveSegment, EarlyFinals, intersectRanges } from '../../src/transcribe';
import { AudioWriter } from './audio-writer';
import { ChannelCapture, type CapturedUtterance } from './channel-capture';
import { ProvisionalTranscripts } from './provisional-transcripts';
import { sileroVoiceActivity } from '../../src/ui/silero-session';
import { sharedTranscriber } from './transcriber';

const LEVELS_INTERVAL_MS = 125;

/**
 * One recording of one session: capture of both channels, live transcription,
 * and incremental storage of audio and segments. The vault key is taken when
 * recording begins and kept until it ends, so a lock during the interview does
 * not stop the recording (see docs/privacy.md).
 */
export class Recorder {
  active = false;
  private context: AudioContext | null = null;
  private channels: ChannelCapture[] = [];
  private writers: AudioWriter[] = [];
  private streams: MediaStream[] = [];
  private queue: Promise<void> = Promise.resolve();
  private warnings: RecordingWarning[] = [];
  private levels: LevelsNotice['levels'] = {};
  private levelsTimer: ReturnType<typeof setInterval> | null = null;
  private request: OffscreenBeginRequest | null = null;
  private db: IntervjuDatabase | null = null;
  private vault: Vault | null = null;
  private sequence = 0;
  private pendingFinals = 0;
  private provisional: ProvisionalTranscripts | null = null;
  private earlyFinals: EarlyFinals | null = null;

  async begin(request: OffscreenBeginRequest): Promise<StartRecordingResult> {
    const vault = await importVaultKey(request.vaultKey);
    this.vault = vault;
    this.db = await openIntervjuDatabase();
    this.request = request;
    // Loads while the streams open; never rejects (it falls back to the energy detector).
    const voiceActivity = sileroVoiceActivity(() => this.voiceDetectorFellBack());

    let microphone: MediaStream;
    try {
      microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (cause) {
      return { ok: false, reason: 'microphone-denied', message: (cause as Error).message };
    }
    this.streams.push(microphone);
    let tab: MediaStream | null = null;
    if (request.mode === 'call') {
      try {
        tab = await navigator.mediaDevices.getUserMedia({
          audio: { mandatory: { chromeMediaSource: 'tab', chromeMediaSourceId: request.streamId } } as MediaTrackConstraints,
        });
      } catch (cause) {
        this.releaseStreams();
        return { ok: false, reason: 'failed', message: (cause as Error).message };
      }
      this.streams.push(tab);
    }

    const context = new AudioContext();
    this.context = context;
    try {
      await context.audioWorklet.addModule(browser.runtime.getURL('/capture-worklet.js'));
    } catch (cause) {
      // Nothing may keep the microphone or the tab open after a failed start.
      this.releaseStreams();
      await context.close();
      throw cause;
    }
    const sessionOffset = (Date.now() - request.sessionStartedAt) / 1000 - context.currentTime;
    const provisional = new ProvisionalTranscripts({
      sessionId: request.sessionId,
      language: request.language,
      transcriber: sharedTranscriber(),
      pendingFinals: () => this.pendingFinals + (this.earlyFinals?.count ?? 0),
      overlaps: () => this.overlaps(),
    });
    this.provisional = provisional;
    const earlyFinals = new EarlyFinals({
      sessionId: request.sessionId,
      language: request.language,
      transcriber: sharedTranscriber(),
      onStart: () => provisional.finalQueued(),
    });
    this.earlyFinals = earlyFinals;
    const detector = await voiceActivity;
    if (detector.kind === 'energy') this.warnings.push({ kind: 'voice-detector-fallback' });
    const events = {
      onUtterance: (utterance: CapturedUtterance) => this.enqueue(utterance),
      onUpdate: (capture: ChannelCapture, update: ChannelUpdate, now: number) => {
        const { channel } = capture;
        this.levels[channel] = { level: update.meter.level, peak: update.meter.peak, clipped: update.meter.clipped };
        if (update.silence.changed) this.setSilence(channel, update.silence.silentSince);
        earlyFinals.consider(capture);
        provisional.consider(capture, update.currentUtteranceStart, now);
      },
    };
    this.channels.push(
      new ChannelCapture(request.mode === 'call' ? 'interviewer' : 'mixed', microphone, context, sessionOffset, events, detector.make()),
    );
    if (tab) {
      // Tab capture mutes the tab unless its audio is played back: the call must stay audible.
      context.createMediaStreamSource(tab).connect(context.destination);
      this.channels.push(new ChannelCapture('participant', tab, context, sessionOffset, events, detector.make()));
      tab.getAudioTracks()[0]?.addEventListener('ended', () => this.warn({ kind: 'tab-closed' }));
    }
    if (request.keepAudio) {
      const sessionSeconds = () => (Date.now() - request.sessionStartedAt) / 1000;
      for (const channel of this.channels) {
        this.writers.push(
          new AudioWriter(channel.stream, { db: this.db, vault, sessionId: request.sessionId, channel: channel.channel }, sessionSeconds, () =>
            this.warn({ kind: 'storage-full' }),
          ),
        );
      }
    }
    this.levelsTimer = setInterval(() => this.sendLevels(), LEVELS_INTERVAL_MS);
    this.active = true;
    void this.loadModel(request.model);
    await recordingReportMessaging.sendMessage('recording.report', {
      status: 'recording',
      warnings: this.warnings,
      voiceDetector: detector.kind,
    });
    return { ok: true };
  }

  private async loadModel(model: string): Promise<void> {
    try {
      const info = await sharedTranscriber().load(model);
      await recordingReportMessaging.sendMessage('recording.report', { model: info });
    } catch (cause) {
      this.warn({ kind: 'transcription-failed', message: (cause as Error).message });
    }
  }

  private enqueue(utterance: CapturedUtterance): void {
    const request = this.request;
    if (!request || !this.db || !this.vault) return;
    const { db, vault } = this;
    const id = `${request.sessionId}:${utterance.channel}:${utterance.start.toFixed(2)}:${this.sequence++}`;
    this.pendingFinals++;
    this.provisional?.utteranceEnded(utterance.channel);
    this.provisional?.finalQueued();
    const transcribe = () =>
      sharedTranscriber().transcribe({ id, samples: utterance.samples, offset: utterance.start, language: request.language, wordTimestamps: true });
    // Started when the pause had lasted the padding, on exactly this audio (early-finals.ts).
    const early = this.earlyFinals?.take(utterance);
    // One utterance at a time, in the order they ended: the worker is single-file anyway.
    this.queue = this.queue.then(async () => {
      try {
        const transcription = await (early ? early.catch(transcribe) : transcribe());
        const capture = this.channels.find((channel) => channel.channel === utterance.channel);
        const segment = buildLiveSegment({
          id,
          sessionId: request.sessionId,
          channel: utterance.channel,
          utterance,
          transcription,
          dropouts: capture?.dropouts ?? [],
          overlaps: this.overlaps(),
          language: request.language === 'auto' ? 'no' : request.language,
        });
        if (segment) {
          await saveSegment(db, vault, segment);
          broadcastStoreChange({ type: 'segments.changed', sessionId: request.sessionId });
        }
        this.provisional?.finalStored(utterance.channel, utterance.start, utterance.end);
      } catch (cause) {
        this.warn({ kind: 'transcription-failed', message: (cause as Error).message });
      } finally {
        this.pendingFinals--;
      }
    });
  }

  /** Times both speakers talked at once, from the utterances heard so far. */
  private overlaps(): { start: number; end: number }[] {
    const interviewer = this.channels.find((channel) => channel.channel === 'interviewer');
    const participant = this.channels.find((channel) => channel.channel === 'participant');
    if (!interviewer || !participant) return [];
    return intersectRanges(interviewer.heard, participant.heard);
  }

  private setSilence(channel: RecordingChannel, since: number | null): void {
    this.warnings = this.warnings.filter((warning) => !(warning.kind === 'silent-channel' && warning.channel === channel));
    if (since !== null) this.warnings.push({ kind: 'silent-channel', channel, since });
    void recordingReportMessaging.sendMessage('recording.report', { warnings: this.warnings });
  }

  private voiceDetectorFellBack(): void {
    void recordingReportMessaging.sendMessage('recording.report', { voiceDetector: 'energy' });
    this.warn({ kind: 'voice-detector-fallback' });
  }

  private warn(warning: RecordingWarning): void {
    if (this.warnings.some((existing) => existing.kind === warning.kind)) return;
    this.warnings.push(warning);
    void recordingReportMessaging.sendMessage('recording.report', { warnings: this.warnings });
  }

  private sendLevels(): void {
    if (!this.request) return;
    const notice: LevelsNotice = { kind: 'intervju.levels', sessionId: this.request.sessionId, levels: this.levels };
    void browser.runtime.sendMessage(notice).catch(() => undefined);
  }

  /** Resolves once the utterances under way are cut and queued for transcription. */
  async pause(): Promise<void> {
    const flushed = this.channels.map((channel) => channel.pause());
    for (const writer of this.writers) writer.pause();
    await Promise.all(flushed);
    void recordingReportMessaging.sendMessage('recording.report', { status: 'paused' });
  }

  resume(): void {
    for (const channel of this.channels) channel.resume();
    for (const writer of this.writers) writer.resume();
    void recordingReportMessaging.sendMessage('recording.report', { status: 'recording' });
  }

  /** Stops capture; the queued utterances are still transcribed and the last audio stored. */
  async finish(): Promise<void> {
    // The last utterances must be queued before the queue is awaited below.
    await Promise.all(this.channels.map((channel) => channel.stop()));
    if (this.levelsTimer) clearInterval(this.levelsTimer);
    await Promise.all(this.writers.map((writer) => writer.stop()));
    this.releaseStreams();
    await this.context?.close();
    await this.queue;
    this.active = false;
    this.vault = null;
    await recordingReportMessaging.sendMessage('recording.report', { status: 'stopped' });
  }

  private releaseStreams(): void {
    for (const stream of this.streams) for (const track of stream.getTracks()) track.stop();
    this.streams = [];
  }
}
