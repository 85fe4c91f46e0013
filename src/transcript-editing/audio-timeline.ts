/**
 * Where a session's stored audio lies in session time. A recorder stores one
 * channel as numbered chunks whose first carries the container header, so the
 * chunks of one run (sequence from 0 upwards) together are one playable file;
 * a resumed recording starts a new run. Chunk times are session seconds at the
 * moment each chunk was cut; a chunk holds at most the recorder's slice of
 * audio, so where a chunk spans longer (the recording was paused) the audio is
 * taken to sit at its end, after the resume.
 */
import type { AudioChunkMetadata, Channel } from '../store/records';

/** Seconds of audio a recorder puts in one chunk at most (entrypoints/offscreen/audio-writer.ts). */
export const RECORDER_SLICE_SECONDS = 2;
const RECORDER_CODEC_PREFIX = 'audio/webm';

export interface AudioRun {
  channel: Channel;
  codec: string;
  /** Session seconds where the run begins and ends. */
  start: number;
  end: number;
  /** Ids of its chunks, in order. */
  chunkIds: string[];
  /** Per chunk: where its audio starts in session time and in the run's file, and how long it is. */
  pieces: { sessionStart: number; mediaStart: number; seconds: number }[];
}

/**
 * A session's chunks as runs per channel. A chunk of another codec than the
 * recorder's holds a whole file (an imported recording): its length is its span.
 */
export function audioRuns(chunks: readonly AudioChunkMetadata[]): AudioRun[] {
  const sorted = [...chunks].sort((left, right) => left.channel.localeCompare(right.channel) || left.start - right.start || left.sequence - right.sequence);
  const runs: AudioRun[] = [];
  let current: AudioRun | null = null;
  let lastSequence = -1;
  for (const chunk of sorted) {
    if (!current || current.channel !== chunk.channel || chunk.sequence <= lastSequence) {
      current = { channel: chunk.channel, codec: chunk.codec, start: chunk.start, end: chunk.end, chunkIds: [], pieces: [] };
      runs.push(current);
    }
    const span = Math.max(0, chunk.end - chunk.start);
    // A file import stores the whole file as one chunk: no recorder slice applies.
    const seconds = chunk.codec.startsWith(RECORDER_CODEC_PREFIX) ? Math.min(span, RECORDER_SLICE_SECONDS) : span;
    const mediaStart = current.pieces.reduce((total, piece) => total + piece.seconds, 0);
    current.pieces.push({ sessionStart: chunk.end - seconds, mediaStart, seconds });
    current.chunkIds.push(chunk.id);
    current.end = chunk.end;
    lastSequence = chunk.sequence;
  }
  return runs;
}

/** The time in the run's file for a session time (clamped to the run). */
export function mediaTimeOf(run: Pick<AudioRun, 'pieces'>, sessionSeconds: number): number {
  let best = 0;
  for (const piece of run.pieces) {
    if (sessionSeconds < piece.sessionStart) return best;
    best = piece.mediaStart + Math.min(sessionSeconds - piece.sessionStart, piece.seconds);
  }
  return best;
}

/** The session time for a time in the run's file. */
export function sessionTimeOf(run: AudioRun, mediaSeconds: number): number {
  for (const piece of run.pieces) {
    if (mediaSeconds <= piece.mediaStart + piece.seconds) return piece.sessionStart + Math.max(0, mediaSeconds - piece.mediaStart);
  }
  const last = run.pieces.at(-1);
  return last ? last.sessionStart + last.seconds : run.start;
}

/** The run of a channel that holds a session time, or null (nothing recorded then). */
export function runAt(runs: readonly AudioRun[], channel: Channel, sessionSeconds: number): AudioRun | null {
  return runs.find((run) => run.channel === channel && sessionSeconds >= run.start && sessionSeconds < run.end) ?? null;
}
