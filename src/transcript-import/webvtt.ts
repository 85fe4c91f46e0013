/**
 * WebVTT as Teams and Zoom write it (https://www.w3.org/TR/webvtt1/).
 * Teams names the speaker in a voice span: `<v Kari Nordmann>Hei.</v>`;
 * Zoom writes `Kari Nordmann: Hei.` in the cue text. A cue may carry several
 * voice spans, each a turn of its own.
 */
import { blocksOf, splitLines, tidy } from './lines';
import { speakersOf, TranscriptImportError, type ParsedTranscript, type TranscriptTurn } from './model';
import { repeatedLabels, splitSpeakerPrefix } from './speaker-prefix';
import { parseCueTime } from './times';

const TIMING = /^(\S+)\s+-->\s+(\S+)(?:\s+.*)?$/u;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', lrm: '', rlm: '', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/giu, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Cue payload → (speaker, text) parts: one per voice span, or one for the whole cue. */
function cueParts(payload: string, knownLabels: ReadonlySet<string>): { speaker: string | null; text: string }[] {
  const voices = [...payload.matchAll(/<v(?:\.[^\s>]*)?\s+([^>]*)>([\s\S]*?)(?:<\/v>|(?=<v[\s.])|$)/gu)];
  if (voices.length > 0) {
    return voices.map((voice) => ({ speaker: tidy(decodeEntities(voice[1] ?? '')) || null, text: stripTags(voice[2] ?? '') }));
  }
  const text = stripTags(payload);
  const prefixed = splitSpeakerPrefix(text, knownLabels);
  return [prefixed ? { speaker: prefixed.speaker, text: prefixed.rest } : { speaker: null, text }];
}

/** Removes class, italic, bold, language and inner-timestamp tags. */
function stripTags(text: string): string {
  return tidy(decodeEntities(text.replace(/<[^>]*>/gu, ' ')));
}

/** Reads a WebVTT file. Throws TranscriptImportError naming the line that is wrong. */
export function parseWebVtt(text: string): ParsedTranscript {
  const lines = splitLines(text);
  const header = lines[0] ?? '';
  if (lines.every((line) => line.trim() === '')) throw new TranscriptImportError({ kind: 'empty' });
  if (!/^WEBVTT(?:[ \t].*)?$/u.test(header)) throw new TranscriptImportError({ kind: 'missing-webvtt-header', line: 1, found: header.slice(0, 80) });
  const turns: TranscriptTurn[] = [];
  const skipped: ParsedTranscript['skipped'] = [];
  let fromTeams = false;
  const cues: { payload: string; start: number; end: number; line: number }[] = [];
  // The header block (WEBVTT and any header lines under it) ends at the first blank line; a file that
  // starts its first cue without one is read from line 2, so no cue is taken for a header.
  const blank = lines.findIndex((line) => line.trim() === '');
  const headerEnd = blank === -1 || lines.slice(1, blank).some((line) => line.includes('-->')) ? 1 : blank;
  for (const block of blocksOf(lines.slice(headerEnd), headerEnd + 1)) {
    const first = block.lines[0] ?? '';
    if (/^(?:NOTE|STYLE|REGION)(?:\s|$)/u.test(first)) continue;
    // An optional cue identifier stands above the timing line.
    const timingIndex = first.includes('-->') ? 0 : (block.lines[1] ?? '').includes('-->') ? 1 : -1;
    if (timingIndex === -1) throw new TranscriptImportError({ kind: 'cue-without-timing', line: block.line, found: first.slice(0, 80), format: 'webvtt' });
    const timingLine = block.lines[timingIndex] ?? '';
    const lineNumber = block.line + timingIndex;
    const timing = TIMING.exec(timingLine.trim());
    const start = timing ? parseCueTime(timing[1] ?? '') : null;
    const end = timing ? parseCueTime(timing[2] ?? '') : null;
    if (start === null || end === null) throw new TranscriptImportError({ kind: 'bad-cue-timing', line: lineNumber, found: timingLine.slice(0, 80), format: 'webvtt' });
    if (end < start) throw new TranscriptImportError({ kind: 'end-before-start', line: lineNumber, found: timingLine.slice(0, 80) });
    const payload = block.lines.slice(timingIndex + 1).join('\n');
    if (/<v[\s.]/u.test(payload)) fromTeams = true;
    cues.push({ payload, start, end, line: lineNumber });
  }
  const knownLabels = repeatedLabels(cues.map((cue) => stripTags(cue.payload)));
  for (const cue of cues) {
    for (const part of cueParts(cue.payload, knownLabels)) {
      if (part.text !== '') turns.push({ speaker: part.speaker, start: cue.start, end: cue.end, text: part.text, line: cue.line });
    }
  }
  if (turns.length === 0) throw new TranscriptImportError({ kind: 'no-turns' });
  // Cues may come out of order or overlap (two people at once); the transcript reads in order of start.
  turns.sort((left, right) => left.start - right.start || left.end - right.end);
  return { format: 'webvtt', turns, speakers: speakersOf(turns), fromTeams, skipped };
}
