/**
 * The decisions of the full-quality pass after an interview (docs/final-pass.md),
 * pure so they are tested here: which old segments a new utterance may replace,
 * where a stopped pass resumes, and which state follows which event.
 */
import type { Channel, FinalPass, FinalPassState, FinalReading, Segment } from '../store';

/** A stretch of one channel's audio, in seconds. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The researcher worked on it: edited it (pseudonyms applied and [uklart]
 * resolved are edits too), checked it, kept an [uklart] span after listening, or
 * marked a quote in it. The pass never replaces such a segment.
 */
export function isResearcherWork(segment: Pick<Segment, 'id' | 'source' | 'checked' | 'unclear'>, quotedSegmentIds: ReadonlySet<string>): boolean {
  return segment.source === 'edited' || segment.checked === true || quotedSegmentIds.has(segment.id) || segment.unclear.some((span) => span.kept === true);
}

/** The segment ids a quote's anchors lie in (first and last; a quote spans whole segments in between, which are anchored by time). */
export function quotedSegmentIds(quotes: readonly { start: { segmentId: string }; end: { segmentId: string } }[]): Set<string> {
  return new Set(quotes.flatMap((quote) => [quote.start.segmentId, quote.end.segmentId]));
}

/**
 * The old segments of a channel a new utterance stands for: those whose middle
 * lies inside it. By the middle, not any overlap, because both cuts are padded:
 * a neighbour that shares a few hundred milliseconds of padding is not the same speech.
 */
export function coveredSegments<S extends Pick<Segment, 'channel' | 'start' | 'end'>>(utterance: Span & { channel: Channel }, segments: readonly S[]): S[] {
  return segments.filter((segment) => {
    if (segment.channel !== utterance.channel) return false;
    const middle = (segment.start + segment.end) / 2;
    return middle >= utterance.start && middle < utterance.end;
  });
}

/** What to do with one new utterance's text. */
export type FinalPlan =
  /** Store the new segment and delete the old machine segments it stands for (none: speech the live pass missed). */
  | { kind: 'replace'; deleteIds: string[] }
  /** Keep the old text, the researcher's work among it; the new reading goes beside `segmentId`. */
  | { kind: 'reading'; segmentId: string }
  /** Nothing to store (no words heard, or the hallucination checks dropped them): the old text stays as it is. */
  | { kind: 'keep' };

/**
 * What the new transcription of a stretch holds: text; only the [uklart] marker
 * the policy puts where the voice detector heard speech and the model wrote
 * nothing (`untranscribed`); or nothing to store.
 */
export type FinalHearing = 'text' | 'untranscribed' | 'nothing';

/**
 * Decides one stretch. Old text is never deleted for an empty reading (the live
 * pass may have heard what a stricter check now drops), nor for a bare
 * "speech not transcribed" marker: the live text there is the better record, and
 * the marker stands only where there was none. Where the researcher worked on any
 * of the covered segments nothing of them is deleted, and the reading goes beside
 * the one of theirs that overlaps the stretch most.
 */
export function planFinalUtterance(
  utterance: Span & { channel: Channel },
  hearing: FinalHearing,
  segments: readonly Pick<Segment, 'id' | 'channel' | 'start' | 'end' | 'source' | 'checked' | 'unclear'>[],
  quoted: ReadonlySet<string>,
): FinalPlan {
  if (hearing === 'nothing') return { kind: 'keep' };
  const covered = coveredSegments(utterance, segments);
  if (hearing === 'untranscribed' && covered.length > 0) return { kind: 'keep' };
  const worked = covered.filter((segment) => isResearcherWork(segment, quoted));
  if (worked.length === 0) return { kind: 'replace', deleteIds: covered.map((segment) => segment.id) };
  const overlap = (segment: Span) => Math.min(segment.end, utterance.end) - Math.max(segment.start, utterance.start);
  const target = worked.reduce((best, segment) => (overlap(segment) > overlap(best) ? segment : best));
  return { kind: 'reading', segmentId: target.id };
}

/** The reading kept beside a researcher's segment, from the new segment's text. */
export function finalReadingOf(segment: Pick<Segment, 'text' | 'words' | 'unclear'>, model: string): FinalReading {
  return { text: segment.text, words: segment.words, unclear: segment.unclear, model };
}

/** Where a pass picks up: the recording (in `audioRuns` order) and the session second in it. */
export interface ResumePoint {
  run: number;
  /** Session seconds; utterances ending at or before this are done. */
  from: number;
}

/** Where the pass goes on: from the start for a fresh one, else after the last utterance it wrote. */
export function resumePoint(pass: Pick<FinalPass, 'runsDone' | 'doneUntil'> | undefined): ResumePoint {
  if (!pass) return { run: 0, from: 0 };
  return { run: pass.runsDone, from: pass.doneUntil };
}

/** A fresh pass, asked for now. */
export function newFinalPass(model: string, now: number): FinalPass {
  return {
    state: 'waiting',
    model,
    totalSeconds: 0,
    doneSeconds: 0,
    runsDone: 0,
    channel: null,
    doneUntil: 0,
    utterancesDone: 0,
    replaced: 0,
    readings: 0,
    requestedAt: now,
    startedAt: null,
    finishedAt: null,
  };
}

export type FinalPassEvent =
  /** Asked for (interview ended, import done, the session view's button). */
  | 'request'
  /** The offscreen document began (or went on with) it. */
  | 'run'
  /** A recording starts: the pass gives way, and goes on after it. */
  | 'yield'
  | 'pause'
  | 'resume'
  | 'cancel'
  | 'finish'
  | 'fail';

/**
 * The state after an event, or null when the event does not apply (a pause of a
 * finished pass, a second start of a running one). A request over a finished,
 * failed or cancelled pass starts a new one (the caller resets its progress:
 * `restartsPass`); over a paused one it resumes.
 */
export function nextFinalPassState(state: FinalPassState | undefined, event: FinalPassEvent): FinalPassState | null {
  switch (event) {
    case 'request':
      return state === 'running' || state === 'waiting' ? null : 'waiting';
    case 'run':
      return state === 'waiting' || state === 'running' ? 'running' : null;
    case 'yield':
      return state === 'running' ? 'waiting' : null;
    case 'pause':
      return state === 'running' || state === 'waiting' ? 'paused' : null;
    case 'resume':
      return state === 'paused' ? 'waiting' : null;
    case 'cancel':
      return state === 'running' || state === 'waiting' || state === 'paused' ? 'cancelled' : null;
    case 'finish':
      return state === 'running' ? 'done' : null;
    case 'fail':
      return state === 'running' || state === 'waiting' ? 'failed' : null;
  }
}

/** A request over this state starts from the beginning (a finished, failed or cancelled pass, or none). */
export function restartsPass(state: FinalPassState | undefined): boolean {
  return state === undefined || state === 'done' || state === 'failed' || state === 'cancelled';
}

/** Passes the background should run (a `running` one at start-up was cut off by a restart). */
export function isPending(pass: Pick<FinalPass, 'state'> | undefined): boolean {
  return pass?.state === 'waiting' || pass?.state === 'running';
}

/** 0..1 of the stored audio done (0 until the pass has read the audio). */
export function finalPassFraction(pass: Pick<FinalPass, 'totalSeconds' | 'doneSeconds' | 'state'>): number {
  if (pass.state === 'done') return 1;
  return pass.totalSeconds > 0 ? Math.min(1, pass.doneSeconds / pass.totalSeconds) : 0;
}

/**
 * How the pass cuts a channel with Silero VAD: more padding than live (onsets
 * and word endings matter more than latency), a longer pause before an
 * utterance ends, and then `WindowPacker` (packed-windows.ts) up to 28 s.
 */
export const FINAL_PASS_CUTTING = { padMs: 400, minSilenceMs: 800, minSpeechMs: 250, maxUtteranceMs: 6000, cutSearchMs: 3000 } as const;

/**
 * How late a recording's decoded audio starts against its chunks' times. The
 * chunks' times say how much audio a run should hold (2 s per chunk); a device
 * that delivers its first samples late (a microphone opening) leaves the first
 * chunk short, and decodeAudioData joins what it holds without the gap, so the
 * decoded audio is shorter by that much and starts that much later in session
 * time. Where audio is missing elsewhere this is still the best single guess.
 */
export function decodedLateBy(expectedSeconds: number, decodedSeconds: number): number {
  return Math.max(0, expectedSeconds - decodedSeconds);
}

/** How the pass spreads over the machine: workers transcribing windows at once, and onnxruntime threads in each. */
export interface FinalPassLanes {
  lanes: number;
  threads: number;
}

/** Memory below which the pass keeps to one worker (each holds its own copy of the model). */
const TWO_LANES_MIN_GIGABYTES = 4;

/**
 * Two workers of one thread on 2 or 3 cores, two of half the cores (at most 4)
 * on more; one worker with every core where the machine has one core or reports
 * under 4 GB of memory (`navigator.deviceMemory`, absent on some browsers: then
 * assumed enough). A Whisper decoder step barely gains from a second thread
 * (base q8, 1500 encoder frames: 22.8 ms with one, 20.5 ms with two) while two
 * single-thread workers make about 1.5 times the steps, and the encoder's 30 s
 * window divides well either way (docs/final-pass.md). Each worker holds its own
 * copy of the model for the pass's length, after the call.
 */
export function finalPassLanes(place: { cores: number; memoryGigabytes?: number }): FinalPassLanes {
  const cores = Math.max(1, Math.floor(place.cores));
  if (cores < 2 || (place.memoryGigabytes ?? TWO_LANES_MIN_GIGABYTES) < TWO_LANES_MIN_GIGABYTES) {
    return { lanes: 1, threads: Math.min(4, cores) };
  }
  return { lanes: 2, threads: Math.min(4, Math.floor(cores / 2)) };
}
