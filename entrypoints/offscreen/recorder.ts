import { browser } from 'wxt/browser';
import type { ChannelUpdate } from '../../src/audio';
import type { FinishRecordingResult, OffscreenBeginRequest, StartRecordingResult } from '../../src/messages';
import { importVaultKey, openIntervjuDatabase, type Channel, type IntervjuDatabase } from '../../src/store';
import { EarlyFinals, intersectRanges } from '../../src/transcribe';
import { sileroVoiceActivity } from '../../src/audio/silero-session';
import { AudioWriter } from './audio-writer';
import { ChannelCapture, type CapturedUtterance } from './channel-capture';
import { FinalTranscripts } from './final-transcripts';
import { ProvisionalTranscripts } from './provisional-transcripts';
import { RecordingReports } from './recording-reports';
import { SpeechTrackWriter } from './speech-track-writer';
import { givenTranscription, type GivenUtterance } from './test-hooks';
import { sharedTranscriber } from './transcriber';

/**
 * One recording of one session. The recorder owns the devices and the audio
 * graph and hands the work to one part per job:
 *
 *   ChannelCapture (per channel: worklet → src/audio DSP → utterances)
 *     → FinalTranscripts (queue → Whisper → [uklart] policy → store → panels)
 *     → ProvisionalTranscripts / EarlyFinals (text while an utterance goes on)
 *   AudioWriter (per channel: Opus chunks, encrypted, every 2 s)
 *   SpeechTrackWriter (per channel: Silero's answer per frame, kept with the audio for the pass after)
 *   RecordingReports (state to the background, levels to the panels, problems kept with the session)
 *
 * The vault key is taken when recording begins and kept until it ends, so a lock
 * during the interview does not stop the recording (see docs/privacy.md).
 */
export class Recorder {
  active = false;
  private context: AudioContext | null = null;
  private channels: ChannelCapture[] = [];
  private writers: AudioWriter[] = [];
  private readonly speechWriters = new Map<Channel, SpeechTrackWriter>();
  private streams: MediaStream[] = [];
  private reports: RecordingReports | null = null;
  private finals: FinalTranscripts | null = null;
  private provisional: ProvisionalTranscripts | null = null;

  /** Starts capture; whatever fails, no device stays open unless recording runs. */
  async begin(request: OffscreenBeginRequest): Promise<StartRecordingResult> {
    try {
      const result = await this.open(request);
      if (!result.ok) await this.release();
      return result;
    } catch (cause) {
      await this.release();
      throw cause;
    }
  }

  private async open(request: OffscreenBeginRequest): Promise<StartRecordingResult> {
    const vault = await importVaultKey(request.vaultKey);
    const db: IntervjuDatabase = await openIntervjuDatabase();
    const reports = new RecordingReports(db, request.sessionId);
    this.reports = reports;
    // Loads while the streams open (a tab's stream id expires within seconds); never
    // rejects: it falls back to the energy detector. Captured audio waits for it in
    // each channel's queue, so nothing said while it loads is lost.
    const voiceActivity = sileroVoiceActivity(() => {
      reports.send({ voiceDetector: 'energy' });
      reports.warn({ kind: 'voice-detector-fallback' });
      this.abandonSpeechTracks();
    });

    try {
      this.streams.push(await navigator.mediaDevices.getUserMedia({ audio: true }));
    } catch (cause) {
      return { ok: false, reason: 'microphone-denied', message: (cause as Error).message };
    }
    const microphone = this.streams[0]!;
    let tab: MediaStream | null = null;
    if (request.mode === 'call') {
      try {
        tab = await navigator.mediaDevices.getUserMedia({
          audio: { mandatory: { chromeMediaSource: 'tab', chromeMediaSourceId: request.streamId } } as MediaTrackConstraints,
        });
      } catch (cause) {
        return { ok: false, reason: 'failed', message: (cause as Error).message };
      }
      this.streams.push(tab);
    }

    const context = new AudioContext();
    this.context = context;
    await context.audioWorklet.addModule(browser.runtime.getURL('/capture-worklet.js'));
    const sessionOffset = (Date.now() - request.sessionStartedAt) / 1000 - context.currentTime;
    const transcriber = sharedTranscriber();
    const overlaps = () => this.overlaps();
    const provisional = new ProvisionalTranscripts({
      sessionId: request.sessionId,
      language: request.language,
      transcriber,
      pendingFinals: () => (this.finals?.pending ?? 0) + earlyFinals.count,
      overlaps,
    });
    this.provisional = provisional;
    const earlyFinals = new EarlyFinals({
      sessionId: request.sessionId,
      language: request.language,
      transcriber,
      onStart: () => provisional.finalQueued(),
    });
    this.finals = new FinalTranscripts({
      sessionId: request.sessionId,
      language: request.language,
      db,
      vault,
      transcriber,
      earlyFinals,
      dropouts: (channel) => this.channels.find((capture) => capture.channel === channel)?.dropouts ?? [],
      overlaps,
      onSettled: (utterance) => provisional.finalStored(utterance.channel, utterance.start, utterance.end),
      onCounts: (counts) => reports.counts(counts),
      onWorkerMemory: (bytes) => reports.workerMemory(bytes),
      onProblem: (problem) => reports.problem(problem),
    });
    void voiceActivity.then((detector) => {
      if (detector.kind === 'energy') {
        reports.warn({ kind: 'voice-detector-fallback' });
        this.abandonSpeechTracks();
      }
      reports.send({ voiceDetector: detector.kind });
    });
    const channelDetector = () => voiceActivity.then((detector) => detector.make());
    const events = {
      onUtterance: (utterance: CapturedUtterance) => {
        provisional.utteranceEnded(utterance.channel);
        provisional.finalQueued();
        this.finals?.add(utterance);
      },
      onUpdate: (capture: ChannelCapture, update: ChannelUpdate, now: number) => {
        const { meter } = update;
        reports.setLevel(capture.channel, { level: meter.level, peak: meter.peak, clipped: meter.clipped });
        if (update.speech) this.speechWriters.get(capture.channel)?.add(update.speech);
        if (update.silence.changed) reports.silence(capture.channel, update.silence.silentSince);
        earlyFinals.consider(capture);
        provisional.consider(capture, update.currentUtteranceStart, now);
      },
      onFailure: (cause: unknown) => reports.problem({ kind: 'audio-processing-failed', message: messageOf(cause) }),
    };
    this.channels.push(
      new ChannelCapture(request.mode === 'call' ? 'interviewer' : 'mixed', microphone, context, sessionOffset, events, channelDetector()),
    );
    if (tab) {
      // Tab capture mutes the tab unless its audio is played back: the call must stay audible.
      context.createMediaStreamSource(tab).connect(context.destination);
      this.channels.push(new ChannelCapture('participant', tab, context, sessionOffset, events, channelDetector()));
      // The background stops the recording when the call tab closes; this covers a capture ended any other way.
      tab.getAudioTracks()[0]?.addEventListener('ended', () => reports.problem({ kind: 'tab-closed' }));
    }
    if (request.keepAudio) {
      const sessionSeconds = () => (Date.now() - request.sessionStartedAt) / 1000;
      for (const channel of this.channels) {
        const target = { db, vault, sessionId: request.sessionId, channel: channel.channel };
        this.writers.push(new AudioWriter(channel.stream, target, sessionSeconds, (problem) => reports.problem(problem)));
        // Kept only with the audio, and deleted with it.
        this.speechWriters.set(channel.channel, new SpeechTrackWriter(target));
      }
    }
    reports.startLevels();
    this.active = true;
    void this.loadModel(request.model);
    reports.started();
    return { ok: true };
  }

  private async loadModel(model: string): Promise<void> {
    try {
      const info = await sharedTranscriber().load(model);
      this.reports?.send({ model: info });
    } catch (cause) {
      this.reports?.problem({ kind: 'transcription-failed', message: messageOf(cause) });
    }
  }

  /**
   * Test hook (docs/testing.md; see test-hooks.ts): stores an utterance whose words
   * are given instead of transcribed, through the same queue, [uklart] policy,
   * store and panel notice as every utterance. Resolves once it is stored.
   */
  async storeGivenUtterance(given: GivenUtterance): Promise<boolean> {
    const finals = this.finals;
    if (!this.active || !finals || !this.channels.some((channel) => channel.channel === given.channel)) return false;
    const samples = new Float32Array(Math.round((given.end - given.start) * 16_000));
    finals.add({ channel: given.channel, start: given.start, end: given.end, samples, speechRatio: 1 }, Promise.resolve(givenTranscription(given)));
    await finals.drained();
    return true;
  }

  /** Times both speakers talked at once, from the utterances heard so far. */
  private overlaps(): { start: number; end: number }[] {
    const interviewer = this.channels.find((channel) => channel.channel === 'interviewer');
    const participant = this.channels.find((channel) => channel.channel === 'participant');
    if (!interviewer || !participant) return [];
    return intersectRanges(interviewer.heard, participant.heard);
  }

  /** Resolves once the utterances under way are cut and queued for transcription. */
  async pause(): Promise<void> {
    const flushed = this.channels.map((channel) => channel.pause());
    for (const writer of this.writers) writer.pause();
    await Promise.all(flushed);
    await this.flushSpeechTracks();
    this.reports?.send({ status: 'paused' });
  }

  resume(): void {
    for (const channel of this.channels) channel.resume();
    for (const writer of this.writers) writer.resume();
    this.reports?.send({ status: 'recording' });
  }

  /**
   * Stops capture and releases the devices at once; then transcribes and stores
   * what is still queued and writes the last audio. Every step runs even when one
   * before it failed.
   */
  async finish(): Promise<FinishRecordingResult> {
    const reports = this.reports;
    reports?.send({ status: 'stopping' });
    // The last utterances must be queued before the queue is awaited below.
    await Promise.all(this.channels.map((channel) => channel.stop()));
    await Promise.all(this.writers.map((writer) => writer.stop()));
    await this.flushSpeechTracks();
    await this.release();
    await this.finals?.drained();
    const counts = this.finals?.snapshot() ?? { heard: 0, stored: 0, empty: 0, failed: 0, queued: 0 };
    const problems = (await reports?.settledProblems()) ?? [];
    reports?.counts(counts);
    this.finals = null;
    this.reports = null;
    return { ok: problems.length === 0, problems, counts };
  }

  private async flushSpeechTracks(): Promise<void> {
    await Promise.all([...this.speechWriters.values()].map((writer) => writer.flush()));
  }

  /** The call's detector is not (or no longer) Silero: its answers are not kept for the pass. */
  private abandonSpeechTracks(): void {
    for (const writer of this.speechWriters.values()) writer.abandon();
  }

  /** Stops every track, timer and the audio graph. Safe to call twice. */
  private async release(): Promise<void> {
    this.active = false;
    this.reports?.stopLevels();
    this.provisional?.stop();
    for (const stream of this.streams) for (const track of stream.getTracks()) track.stop();
    this.streams = [];
    const context = this.context;
    this.context = null;
    // The tracks are what hold the devices; closing the graph only frees its
    // thread, and must not keep the queue below from being transcribed if it lingers.
    const closed = context?.close().catch(() => undefined);
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, CONTEXT_CLOSE_WAIT_MS))]);
  }
}

/** How long a stop waits for the audio graph to close before it goes on. */
const CONTEXT_CLOSE_WAIT_MS = 2000;

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
