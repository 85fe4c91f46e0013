/**
 * SubRip (.srt) as Teams, Zoom and subtitle tools write it: a number, a timing
 * line `00:00:01,000 --> 00:00:04,000`, then the text, blocks separated by a
 * blank line. The speaker, when named, is a `Name:` prefix (Zoom); a line of
 * the cue with its own prefix starts another turn.
 */
import { blocksOf, splitLines, tidy } from './lines';
import { speakersOf, TranscriptImportError, type ParsedTranscript, type TranscriptTurn } from './model';
import { repeatedLabels, splitSpeakerPrefix } from './speaker-prefix';
import { parseCueTime } from './times';

const TIMING = /^(\S+)\s+-->\s+(\S+)(?:\s+.*)?$/u;

function plainText(text: string): string {
  // SRT allows <i>, <b>, <u> and <font> tags (anything else in angle brackets is text: "<&>");
  // {\an8}-style position codes come from ASS converters.
  return tidy(text.replace(/<\/?(?:i|b|u|font)(?:\s[^>]*)?>/giu, ' ').replace(/\{\\[^}]*\}/gu, ' '));
}

/** Reads an SRT file. Throws TranscriptImportError naming the line that is wrong. */
export function parseSrt(text: string): ParsedTranscript {
  const lines = splitLines(text);
  if (lines.every((line) => line.trim() === '')) throw new TranscriptImportError({ kind: 'empty' });
  const turns: TranscriptTurn[] = [];
  const knownLabels = repeatedLabels(lines.map(plainText));
  for (const block of blocksOf(lines)) {
    const first = block.lines[0] ?? '';
    // The cue number is optional in practice: some tools leave it out.
    const timingIndex = first.includes('-->') ? 0 : /^\s*\d+\s*$/u.test(first) ? 1 : -1;
    if (timingIndex === -1 || !(block.lines[timingIndex] ?? '').includes('-->')) {
      const line = block.line + Math.max(timingIndex, 0);
      throw new TranscriptImportError({ kind: 'cue-without-timing', line, found: (block.lines[Math.max(timingIndex, 0)] ?? '').slice(0, 80), format: 'srt' });
    }
    const timingLine = block.lines[timingIndex] ?? '';
    const lineNumber = block.line + timingIndex;
    const timing = TIMING.exec(timingLine.trim());
    const start = timing ? parseCueTime(timing[1] ?? '') : null;
    const end = timing ? parseCueTime(timing[2] ?? '') : null;
    if (start === null || end === null) throw new TranscriptImportError({ kind: 'bad-cue-timing', line: lineNumber, found: timingLine.slice(0, 80), format: 'srt' });
    if (end < start) throw new TranscriptImportError({ kind: 'end-before-start', line: lineNumber, found: timingLine.slice(0, 80) });
    const textLines = block.lines.slice(timingIndex + 1);
    // A line that starts with its own speaker label starts a new turn within the cue.
    let current: TranscriptTurn | null = null;
    for (const raw of textLines) {
      const textLine = plainText(raw);
      if (textLine === '') continue;
      const prefixed = splitSpeakerPrefix(textLine, knownLabels);
      if (prefixed || !current) {
        current = { speaker: prefixed?.speaker ?? null, start, end, text: prefixed ? prefixed.rest : textLine, line: lineNumber };
        turns.push(current);
      } else {
        current.text = `${current.text} ${textLine}`;
      }
    }
  }
  if (turns.length === 0) throw new TranscriptImportError({ kind: 'no-turns' });
  turns.sort((left, right) => left.start - right.start || left.end - right.end);
  return { format: 'srt', turns, speakers: speakersOf(turns), fromTeams: false, skipped: [] };
}
