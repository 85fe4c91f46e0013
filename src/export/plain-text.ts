/**
 * Plain text in the f4/MAXQDA convention: one paragraph per turn,
 * `I: …` / `<pseudonym>: …`, each ending in its time mark `#hh:mm:ss-d#`.
 * MAXQDA ("Import transcripts with timestamps") and ATLAS.ti read it as a
 * timestamped transcript.
 */
import { formatTimestamp } from './time';
import { sessionHeader, transcriptTurns } from './transcript';
import type { ExportSession, TranscriptOptions } from './types';

export interface PlainTextOptions extends TranscriptOptions {
  /** End each turn with its time mark. Default true. */
  timeMarks?: boolean;
  /** Start with lines naming the participant, date and guide. Default true. */
  header?: boolean;
}

/** Where one segment stands in the text (UTF-16 offsets, end exclusive). */
export interface TextRange {
  start: number;
  end: number;
}

export interface PlainTextLayout {
  text: string;
  /**
   * Each segment's stretch of the text: the first of a turn from the speaker
   * prefix on, the last of a turn up to and including its time mark.
   */
  segments: Map<string, TextRange>;
}

/** The header lines: title, date, guide (and what `I/…` means when a turn is mixed). */
export function headerLines(input: ExportSession): string[] {
  const header = sessionHeader(input);
  return [header.title, header.date, header.guide, ...(header.mixed === null ? [] : [header.mixed])];
}

/** The text and where each segment lies in it. */
export function plainTextLayout(input: ExportSession, options: PlainTextOptions = {}): PlainTextLayout {
  const segments = new Map<string, TextRange>();
  let text = options.header === false ? '' : `${headerLines(input).join('\n')}\n\n`;
  for (const turn of transcriptTurns(input, options)) {
    const turnStart = text.length;
    text += `${turn.speaker}: `;
    turn.parts.forEach((part, index) => {
      if (index > 0) text += ' ';
      const start = index === 0 ? turnStart : text.length;
      text += part.text;
      segments.set(part.segmentId, { start, end: text.length });
    });
    if (options.timeMarks !== false) text += ` ${formatTimestamp(turn.end)}`;
    const last = turn.parts.at(-1);
    if (last) segments.set(last.segmentId, { start: segments.get(last.segmentId)?.start ?? turnStart, end: text.length });
    text += '\n\n';
  }
  return { text: text.replace(/\n+$/u, '\n'), segments };
}

/** The transcript as f4/MAXQDA plain text. */
export function exportPlainText(input: ExportSession, options: PlainTextOptions = {}): string {
  return plainTextLayout(input, options).text;
}
