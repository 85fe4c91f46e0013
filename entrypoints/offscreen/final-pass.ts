import { RecordedVoiceActivityDetector, TARGET_SAMPLE_RATE, detectDropouts } from '../../src/audio';
import { sileroVoiceActivity } from '../../src/audio/silero-session';
import {
  broadcastStoreChange,
  finalPassReportMessaging,
  sendSessionUpdated,
  type FinalPassOutcome,
  type FinalPassRunRequest,
  type RawTranscription,
} from '../../src/messages';
import {
  FinalPassClosedError,
  FinalPassConflictError,
  importVaultKey,
  listAudioMetadata,
  listSessionQuotes,
  openIntervjuDatabase,
  readAudioChunks,
  readSegmentsWithStamps,
  readSpeechTrack,
  storeFinalUtterance,
  updateFinalPass,
  type Channel,
  type FinalPass,
  type IntervjuDatabase,
  type Segment,
  type SegmentStamps,
  type Session,
  type SpeechTrack,
  type Vault,
} from '../../src/store';
import {
  cutStream,
  decodedLateBy,
  finalReadingOf,
  nextFinalPassState,
  packedWindowStream,
  planFinalUtterance,
  quotedSegmentIds,
  resumePoint,
  runInOrder,
  segmentLanguage,
  stretchSegments,
  windowSamples,
  type CutUtterance,
  type FinalHearing,
  type PackedWindow,
  type Span,
} from '../../src/transcribe';
import { audioRuns, mediaTimeOf, sessionTimeOf, type AudioRun } from '../../src/transcript-editing';
import type { SharedTranscriber } from './transcriber';

/** Chunks decrypted per read, as the session view reads them. */
const BATCH = 64;

const runSeconds = (run: AudioRun) => run.pieces.reduce((total, piece) => total + piece.seconds, 0);

/**
 * One full-quality pass over a session's stored audio, in the offscreen document
 * (docs/final-pass.md): each recording of each channel is decrypted and decoded
 * to 16 kHz, cut with generous padding where Silero heard speech (during the
 * call, as kept in its speech track, or now where none was kept), joined into windows up to
 * 28 s (packed across long pauses where the model gives word times), transcribed
 * with the final model in one or two workers at once (the lanes,
 * `finalPassLanes`) while the rest is cut, and written window by window in their
 * order (`storeFinalUtterance`, one stretch of speech at a time, the progress in
 * the same transaction), so a stop or a restart loses at most the windows under way.
 */
export class FinalPassRun {
  private readonly controller = new AbortController();
  /** The window each lane is transcribing, by lane. */
  private readonly transcribing = new Map<number, string>();
  readonly finished: Promise<FinalPassOutcome>;

  /** `lanes`: the pass's own transcribers, released when it ends. */
  constructor(
    readonly request: FinalPassRunRequest,
    private readonly lanes: readonly SharedTranscriber[],
  ) {
    this.finished = this.run().then(
      (outcome) => outcome,
      (cause: unknown) =>
        this.controller.signal.aborted
          ? { sessionId: request.sessionId, outcome: 'stopped' as const }
          : { sessionId: request.sessionId, outcome: 'failed' as const, message: cause instanceof Error ? cause.message : String(cause) },
    );
    void this.finished.then((outcome) => finalPassReportMessaging.sendMessage('finalPass.report', outcome).catch(() => undefined));
  }

  /** Stops after (or inside) the utterance under way; what was written stays, and the pass resumes after it. */
  async stop(): Promise<void> {
    this.controller.abort();
    for (const [lane, id] of this.transcribing) this.lanes[lane]?.cancel(id);
    await this.finished;
  }

  private async run(): Promise<FinalPassOutcome> {
    try {
      return await this.work();
    } catch (cause) {
      if (!(cause instanceof FinalPassClosedError)) throw cause;
      // Approved (or deleted) meanwhile: the transcript is final, the pass is over.
      const db = await openIntervjuDatabase();
      const session = await updateFinalPass(db, this.request.sessionId, (pass) => {
        const state = pass ? nextFinalPassState(pass.state, 'cancel') : null;
        return pass && state ? { ...pass, state, channel: null, finishedAt: Date.now() } : null;
      });
      if (session) announce(session);
      return { sessionId: this.request.sessionId, outcome: 'stopped' };
    } finally {
      // The workers and the memory their models hold go with the pass.
      for (const lane of this.lanes) lane.release();
    }
  }

  private async work(): Promise<FinalPassOutcome> {
    const { sessionId, model, language } = this.request;
    const signal = this.controller.signal;
    const vault = await importVaultKey(this.request.vaultKey);
    const db = await openIntervjuDatabase();
    const runs = audioRuns(await listAudioMetadata(db, sessionId));
    const totalSeconds = runs.reduce((total, run) => total + runSeconds(run), 0);
    let session = await updateFinalPass(db, sessionId, (pass) => {
      const state = pass ? nextFinalPassState(pass.state, 'run') : null;
      return pass && state ? { ...pass, state, model, totalSeconds, startedAt: pass.startedAt ?? Date.now() } : null;
    });
    if (!session?.finalPass) return { sessionId, outcome: 'stopped' };
    announce(session);
    const [info] = await Promise.all(this.lanes.map((lane) => lane.load(model)));
    if (!info) throw new Error('A final pass needs a transcriber');
    signal.throwIfAborted();
    const voice = await sileroVoiceActivity(() => undefined);
    let known = await readSegmentsWithStamps(db, vault, sessionId);
    const quoted = quotedSegmentIds(await listSessionQuotes(db, vault, sessionId));
    const point = resumePoint(session.finalPass);
    const tracks = new Map<Channel, SpeechTrack[]>();
    for (let index = point.run; index < runs.length; index++) {
      const run = runs[index]!;
      const from = index === point.run ? point.from : 0;
      const doneBefore = runs.slice(0, index).reduce((total, earlier) => total + runSeconds(earlier), 0);
      signal.throwIfAborted();
      const samples = await decodeRun(db, vault, run);
      // Decoded seconds → session seconds, past a late start of the device (`decodedLateBy`).
      const late = decodedLateBy(runSeconds(run), samples.length / TARGET_SAMPLE_RATE);
      const sessionAt = (decodedSeconds: number) => sessionTimeOf(run, decodedSeconds + late);
      const firstSample = Math.min(samples.length, Math.max(0, Math.round((mediaTimeOf(run, from) - late) * TARGET_SAMPLE_RATE)));
      const base = firstSample / TARGET_SAMPLE_RATE;
      // Each window goes to a lane as soon as it is closed, while the rest is cut: the first
      // texts and the progress come at once, not after the whole recording's cutting.
      // Packed (the silence between stretches left out) only where word times say whose words are whose.
      const cutUtterances: CutUtterance[] = [];
      // Where the call's Silero answers were kept, the pass cuts with them instead of running it again.
      if (!tracks.has(run.channel)) tracks.set(run.channel, await readSpeechTrack(db, vault, sessionId, run.channel));
      const detector = new RecordedVoiceActivityDetector({
        track: tracks.get(run.channel)!,
        startSeconds: base,
        trackTime: sessionAt,
        fallback: voice.make(),
        sampleRate: TARGET_SAMPLE_RATE,
      });
      const windows = packedWindowStream(
        cutStream(samples.subarray(firstSample), detector, { signal, startSeconds: base }),
        { pack: info.wordTimestamps },
        cutUtterances,
      );
      const dropouts = detectDropouts(samples, TARGET_SAMPLE_RATE).map((span) => ({ start: sessionAt(span.start), end: sessionAt(span.end) }));
      const transcribe = async (window: PackedWindow, lane: number) => {
        signal.throwIfAborted();
        const id = crypto.randomUUID();
        this.transcribing.set(lane, id);
        try {
          // Times come back in seconds of the window's audio; splitPackedTranscription places them.
          return await this.lanes[lane]!.transcribe({
            id,
            samples: windowSamples(samples, window, TARGET_SAMPLE_RATE),
            offset: 0,
            language,
            wordTimestamps: info.wordTimestamps,
          });
        } finally {
          this.transcribing.delete(lane);
        }
      };
      const take = async (transcription: RawTranscription, window: PackedWindow) => {
        const stretches = stretchSegments({
          transcription,
          window,
          utterances: cutUtterances,
          sessionAt,
          makeId: () => crypto.randomUUID(),
          sessionId,
          channel: run.channel,
          dropouts,
          language: segmentLanguage(language),
        });
        for (const [part, { start, end, segment, hearing }] of stretches.entries()) {
          signal.throwIfAborted();
          const piece = window.pieces[part]!;
          const progress = (pass: FinalPass | undefined, plan: 'replace' | 'reading' | 'keep'): FinalPass | null =>
            pass && pass.state === 'running'
              ? {
                  ...pass,
                  channel: run.channel,
                  runsDone: index,
                  doneUntil: end,
                  doneSeconds: doneBefore + late + piece.end,
                  utterancesDone: pass.utterancesDone + 1,
                  replaced: pass.replaced + (plan === 'replace' ? 1 : 0),
                  readings: pass.readings + (plan === 'reading' ? 1 : 0),
                }
              : null;
          // A segment edited meanwhile in the session view: read again and decide again.
          for (let attempt = 0; ; attempt++) {
            try {
              const written = await writeUtterance(sessionId, db, vault, known, quoted, { channel: run.channel, start, end }, segment, hearing, info.name, progress);
              known = written.known;
              announce(written.session);
              break;
            } catch (cause) {
              if (!(cause instanceof FinalPassConflictError) || attempt >= 2) throw cause;
              known = await readSegmentsWithStamps(db, vault, sessionId);
            }
          }
        }
      };
      await runInOrder({ items: windows, lanes: this.lanes.length, work: transcribe, take });
      // One line per recording, so a browser test or a researcher's console shows what cut it.
      console.info(`Intervju: final pass cut ${run.channel} with the call's voice detection for ${detector.counts.recorded} frames, Silero now for ${detector.counts.detected}`);
      session = await updateFinalPass(db, sessionId, (pass) =>
        pass?.state === 'running' ? { ...pass, runsDone: index + 1, doneUntil: 0, doneSeconds: doneBefore + runSeconds(run) } : null,
      );
      if (session) announce(session);
    }
    session = await updateFinalPass(db, sessionId, (pass) => {
      const state = pass ? nextFinalPassState(pass.state, 'finish') : null;
      return pass && state ? { ...pass, state, channel: null, doneSeconds: pass.totalSeconds, finishedAt: Date.now() } : null;
    });
    if (session) announce(session);
    return { sessionId, outcome: 'done' };
  }
}

/** The session's segments as last read or written, with their stamps. */
interface Known {
  segments: Segment[];
  stamps: SegmentStamps;
}

/** Decides and writes one utterance; returns what is known after it. */
async function writeUtterance(
  sessionId: string,
  db: IntervjuDatabase,
  vault: Vault,
  known: Known,
  quoted: ReadonlySet<string>,
  utterance: Span & { channel: Segment['channel'] },
  segment: Segment | null,
  hearing: FinalHearing,
  model: string,
  progress: (pass: FinalPass | undefined, plan: 'replace' | 'reading' | 'keep') => FinalPass | null,
): Promise<{ known: Known; session: Session }> {
  const plan = planFinalUtterance(utterance, hearing, known.segments, quoted);
  const target = plan.kind === 'reading' ? known.segments.find((old) => old.id === plan.segmentId) : undefined;
  const readings = target && segment ? [{ ...target, finalReading: finalReadingOf(segment, model) }] : [];
  const deleteIds = plan.kind === 'replace' ? plan.deleteIds : [];
  const insert = plan.kind === 'replace' ? segment : null;
  const written = await storeFinalUtterance(db, vault, {
    sessionId,
    insert,
    deleteIds,
    readings,
    stamps: known.stamps,
    progress: (pass) => progress(pass, plan.kind),
  });
  const gone = new Set([...deleteIds, ...readings.map((reading) => reading.id)]);
  const segments = [...known.segments.filter((old) => !gone.has(old.id)), ...readings, ...(insert ? [insert] : [])].sort(
    (left, right) => left.start - right.start || left.end - right.end,
  );
  const stamps = new Map(known.stamps);
  for (const id of deleteIds) stamps.delete(id);
  for (const [id, stamp] of written.stamps) stamps.set(id, stamp);
  if (insert || readings.length > 0 || deleteIds.length > 0) broadcastStoreChange({ type: 'segments.changed', sessionId: written.session.id });
  return { known: { segments, stamps }, session: written.session };
}

/**
 * Every write goes to the views as the session record (`session.updated`, which
 * the session view and the panel's line take as they are); the bare
 * `session.changed` notice, which makes lists and panels read again, at most
 * every few seconds and at each change of state.
 */
const CHANGE_NOTICE_MS = 5000;
let lastNotice: { at: number; state: string } | null = null;
function announce(session: Session): void {
  sendSessionUpdated(session);
  const state = session.finalPass?.state ?? '';
  const now = Date.now();
  if (lastNotice && lastNotice.state === state && now - lastNotice.at < CHANGE_NOTICE_MS) return;
  lastNotice = { at: now, state };
  broadcastStoreChange({ type: 'session.changed', sessionId: session.id });
}

/** One recording of one channel, decrypted and decoded straight to 16 kHz mono (decodeAudioData resamples to the context's rate). */
async function decodeRun(db: IntervjuDatabase, vault: Vault, run: AudioRun): Promise<Float32Array> {
  const parts: Blob[] = [];
  for (let first = 0; first < run.chunkIds.length; first += BATCH) {
    const chunks = await readAudioChunks(db, vault, run.chunkIds.slice(first, first + BATCH));
    parts.push(new Blob(chunks.flatMap((chunk) => (chunk ? [chunk.bytes as Uint8Array<ArrayBuffer>] : [])), { type: run.codec }));
  }
  const bytes = await new Blob(parts, { type: run.codec }).arrayBuffer();
  const context = new OfflineAudioContext({ numberOfChannels: 1, length: 1, sampleRate: TARGET_SAMPLE_RATE });
  const buffer = await context.decodeAudioData(bytes);
  if (buffer.numberOfChannels === 1) return buffer.getChannelData(0);
  const mono = new Float32Array(buffer.length);
  for (let channel = 0; channel < buffer.numberOfChannels; channel++) {
    const data = buffer.getChannelData(channel);
    for (let index = 0; index < mono.length; index++) mono[index]! += data[index]! / buffer.numberOfChannels;
  }
  return mono;
}

/** The document's one pass at a time. */
let current: FinalPassRun | null = null;

/** Starts a pass with its own `lanes` (transcribers, released when it ends), unless one runs. */
export function runFinalPass(request: FinalPassRunRequest, lanes: readonly SharedTranscriber[]): { ok: boolean; message?: string } {
  if (current) return { ok: false, message: 'A final pass already runs' };
  const run = new FinalPassRun(request, lanes);
  current = run;
  void run.finished.finally(() => {
    if (current === run) current = null;
  });
  return { ok: true };
}

export async function stopFinalPass(): Promise<void> {
  await current?.stop();
}

export function finalPassRunning(): boolean {
  return current !== null;
}
