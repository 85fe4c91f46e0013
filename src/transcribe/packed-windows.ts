/**
 * The full-quality pass's windows (docs/final-pass.md, "Packed windows"). Whisper
 * encodes 30 s whatever a window holds, so a channel's short turns, each its own
 * window, pay a whole encoder pass for a few seconds of speech. Where the model
 * gives word times, the pass packs several stretches of speech into one window
 * with the long silence between them left out, as faster-whisper's VAD filter
 * does, and gives each stretch back its own words by their times.
 */
import type { RawTranscription, TranscriptionWord } from '../messages/transcription-protocol';
import type { Segment } from '../store';
import type { FinalHearing, Span } from './final-pass';
import { buildLiveSegment, type LiveSegmentInput } from './live-segment';

/** A stretch of the recording in a window: where it lies in the recording (seconds), and where its audio starts in the window's (`at`). */
export interface WindowPiece extends Span {
  at: number;
}

/** One window: its pieces in time order, their audio joined, `seconds` long. */
export interface PackedWindow {
  pieces: WindowPiece[];
  seconds: number;
}

export interface PackOptions {
  /** Longest window's audio (default 28 s: Whisper hears 30 s, the rest is padding). */
  maxSeconds?: number;
  /** Longest pause kept inside a piece (default 1.5 s); a longer one either ends the window or, packed, is left out. */
  maxGapSeconds?: number;
  /** Join stretches across longer pauses, the pauses left out. Only for models with word times, which say whose words are whose. */
  pack?: boolean;
}

/**
 * Joins consecutive cut utterances (in time order) into windows, one at a
 * time, so windows can be transcribed while the rest of the recording is cut.
 * Utterances at most `maxGapSeconds` apart become one piece, the short pause
 * kept: Whisper reads a sentence better with its neighbours. A longer pause starts a new piece
 * in the same window when packing and it fits, else a new window; longer silence
 * inside the audio Whisper hears would invite it to invent words. The cutting's
 * padding (400 ms each side) stays with each piece, so packed pieces are still
 * apart by a pause of speech.
 */
export class WindowPacker {
  private readonly maxSeconds: number;
  private readonly maxGap: number;
  private open: PackedWindow | null = null;

  constructor(private readonly options: PackOptions = {}) {
    this.maxSeconds = options.maxSeconds ?? 28;
    this.maxGap = options.maxGapSeconds ?? 1.5;
  }

  /** Adds the next utterance; returns the window it closed, if it closed one. */
  add(span: Span): PackedWindow | null {
    const window = this.open;
    const piece = window?.pieces.at(-1);
    const length = span.end - span.start;
    if (window && piece && span.start - piece.end <= this.maxGap) {
      const growth = Math.max(0, span.end - piece.end);
      if (window.seconds + growth <= this.maxSeconds) {
        piece.end += growth;
        window.seconds += growth;
        return null;
      }
    } else if (window && this.options.pack === true && window.seconds + length <= this.maxSeconds) {
      window.pieces.push({ start: span.start, end: span.end, at: window.seconds });
      window.seconds += length;
      return null;
    }
    this.open = { pieces: [{ start: span.start, end: span.end, at: 0 }], seconds: length };
    return window;
  }

  /** The last window, once the utterances are all added. */
  finish(): PackedWindow | null {
    const window = this.open;
    this.open = null;
    return window;
  }
}

/** A window's audio: its pieces' samples joined. */
export function windowSamples(samples: Float32Array, window: PackedWindow, sampleRate: number): Float32Array {
  const ranges = window.pieces.map((piece) => [Math.round(piece.start * sampleRate), Math.round(piece.end * sampleRate)] as const);
  const joined = new Float32Array(ranges.reduce((total, [from, to]) => total + Math.max(0, to - from), 0));
  let at = 0;
  for (const [from, to] of ranges) {
    joined.set(samples.subarray(from, to), at);
    at += Math.max(0, to - from);
  }
  return joined;
}

/** A piece and the session second its audio starts at. */
export interface PlacedPiece extends WindowPiece {
  sessionStart: number;
}

/**
 * Splits a window's transcription (times in seconds of the window's audio, from
 * 0) into one per piece, in session time. A word or segment belongs to the piece
 * its middle lies in, and keeps inside it. The text is rebuilt from each piece's
 * words; a window without word times has one piece (`WindowPacker` packs only
 * with them), which keeps the whole text. The confidence measures stay the
 * window's: openai-whisper's checks judge a window's decoding, not its parts.
 */
export function splitPackedTranscription(transcription: RawTranscription, pieces: readonly PlacedPiece[]): RawTranscription[] {
  const ends = pieces.map((piece, index) => pieces[index + 1]?.at ?? piece.at + (piece.end - piece.start));
  const owner = (start: number, end: number) => {
    const middle = (start + end) / 2;
    const index = ends.findIndex((end) => middle < end);
    return index === -1 ? pieces.length - 1 : index;
  };
  const place = <T extends { start: number; end: number }>(item: T, index: number): T => {
    const piece = pieces[index]!;
    const toSession = (time: number) => piece.sessionStart + Math.min(ends[index]!, Math.max(piece.at, time)) - piece.at;
    return { ...item, start: toSession(item.start), end: toSession(item.end) };
  };
  const words: TranscriptionWord[][] = pieces.map(() => []);
  for (const word of transcription.words) {
    const index = owner(word.start, word.end);
    words[index]!.push(place(word, index));
  }
  const chunks: RawTranscription['chunks'][] = pieces.map(() => []);
  for (const chunk of transcription.chunks) {
    const index = owner(chunk.start, chunk.end);
    chunks[index]!.push(place(chunk, index));
  }
  return pieces.map((_, index) => ({
    ...transcription,
    text: pieces.length === 1 ? transcription.text : words[index]!.map((word) => word.text.trim()).filter((text) => text !== '').join(' '),
    words: words[index]!,
    chunks: chunks[index]!,
  }));
}

/** A cut utterance: where it lies in the recording, and the share of its frames the voice detector heard as speech. */
export interface CutUtterance extends Span {
  speechRatio: number;
}

/** Share of speech over a stretch, weighted by the length of the utterances it joined. */
export function stretchSpeechRatio(utterances: readonly CutUtterance[], piece: Span): number {
  let speech = 0;
  let total = 0;
  for (const utterance of utterances) {
    if (utterance.start < piece.start || utterance.start >= piece.end) continue;
    const seconds = utterance.end - utterance.start;
    speech += utterance.speechRatio * seconds;
    total += seconds;
  }
  return total > 0 ? speech / total : 0;
}

/** What one stretch of a window became: its span in session seconds, its segment (null: nothing to store), and what that holds. */
export interface StretchResult extends Span {
  segment: Segment | null;
  hearing: FinalHearing;
}

export interface StretchSegmentsInput extends Pick<LiveSegmentInput, 'sessionId' | 'channel' | 'dropouts' | 'language'> {
  /** The window's transcription, its times in seconds of the window's audio. */
  transcription: RawTranscription;
  window: PackedWindow;
  /** The utterances the window was packed from, in recording seconds. */
  utterances: readonly CutUtterance[];
  /** Recording seconds → session seconds. */
  sessionAt: (seconds: number) => number;
  makeId: () => string;
}

/**
 * Each stretch of a transcribed window as the segment to store, through the same
 * hallucination checks and [uklart] policy as live text (`buildLiveSegment`).
 * Overlaps between the speakers are not known here, so none are marked.
 */
export function stretchSegments(input: StretchSegmentsInput): StretchResult[] {
  const { window, sessionAt } = input;
  const parts = splitPackedTranscription(
    input.transcription,
    window.pieces.map((piece) => ({ ...piece, sessionStart: sessionAt(piece.start) })),
  );
  return window.pieces.map((piece, index) => {
    const start = sessionAt(piece.start);
    const end = sessionAt(piece.end);
    const segment = buildLiveSegment({
      id: input.makeId(),
      sessionId: input.sessionId,
      channel: input.channel,
      dropouts: input.dropouts,
      language: input.language,
      utterance: { start, end, speechRatio: stretchSpeechRatio(input.utterances, piece) },
      transcription: parts[index]!,
      overlaps: [],
    });
    // Text only where the model wrote some for this stretch; else the segment is at most the policy's marker.
    const hearing: FinalHearing = segment === null ? 'nothing' : parts[index]!.text.trim() === '' ? 'untranscribed' : 'text';
    return { start, end, segment, hearing };
  });
}
