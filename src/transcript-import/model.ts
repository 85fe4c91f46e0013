/**
 * What a transcript made elsewhere (Teams, Zoom, f4, MAXQDA, another tool) reads
 * as: speaker turns with the speaker label as the file wrote it, and times.
 */

/** The formats this module reads. */
export type TranscriptFormat = 'webvtt' | 'srt' | 'teams-docx' | 'plain-text';

export interface TranscriptTurn {
  /** The speaker as the file names them ("Kari Nordmann", "I", "Speaker 1"); null when the file names none. */
  speaker: string | null;
  /** Seconds from the start of the recording. */
  start: number;
  /** Seconds from the start of the recording; never before `start`. */
  end: number;
  text: string;
  /** 1-based line (paragraph, for .docx) where the turn starts, so the preview can point back to the file. */
  line: number;
}

export interface ParsedTranscript {
  format: TranscriptFormat;
  turns: TranscriptTurn[];
  /** Distinct speaker labels in order of first appearance; null stands for turns without one. */
  speakers: (string | null)[];
  /** True when the file has a tell-tale of Microsoft Teams (voice spans, its .docx layout). */
  fromTeams: boolean;
  /** Lines that are not part of any turn (a title, a date, "started transcription"), kept so nothing vanishes unseen. */
  skipped: { line: number; text: string }[];
}

/**
 * Why a file could not be read. `line` is 1-based (a paragraph number in a
 * .docx); the UI turns each kind into a sentence in bokmål or English.
 */
export type TranscriptProblem =
  | { kind: 'empty' }
  | { kind: 'missing-webvtt-header'; line: number; found: string }
  | { kind: 'bad-cue-timing'; line: number; found: string; format: 'webvtt' | 'srt' }
  | { kind: 'end-before-start'; line: number; found: string }
  | { kind: 'cue-without-timing'; line: number; found: string; format: 'webvtt' | 'srt' }
  | { kind: 'bad-time-mark'; line: number; found: string }
  | { kind: 'time-mark-backwards'; line: number; found: string; previous: string }
  | { kind: 'no-time-marks' }
  | { kind: 'not-docx' }
  | { kind: 'no-docx-turns' }
  | { kind: 'no-turns' };

/** Thrown by the parsers; `problem` says what and where. */
export class TranscriptImportError extends Error {
  constructor(readonly problem: TranscriptProblem) {
    super(`Transcript not readable: ${JSON.stringify(problem)}`);
    this.name = 'TranscriptImportError';
  }
}

/** Distinct speakers in order of first appearance. */
export function speakersOf(turns: readonly TranscriptTurn[]): (string | null)[] {
  return [...new Set(turns.map((turn) => turn.speaker))];
}
