/** Picks the reader for a transcript file by its name, or by its content when the name says nothing. */
import { decodeText, splitLines } from './lines';
import { TranscriptImportError, type ParsedTranscript, type TranscriptFormat } from './model';
import { parsePlainTextTranscript } from './plain-text';
import { parseSrt } from './srt';
import { parseTeamsDocx } from './teams-docx';
import { parseWebVtt } from './webvtt';

/** The file endings the import page accepts. */
export const TRANSCRIPT_FILE_TYPES = '.vtt,.srt,.docx,.txt,text/vtt,application/x-subrip,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const SRT_TIMING = /^\s*\d{1,3}:\d{2}:\d{2},\d{1,3}\s+-->\s+\d{1,3}:\d{2}:\d{2},\d{1,3}/u;

/** Which reader a file needs: its ending first, then its first bytes. */
export function transcriptFormatOf(name: string, bytes: Uint8Array): TranscriptFormat {
  const ending = /\.([a-z0-9]+)$/iu.exec(name)?.[1]?.toLowerCase();
  if (ending === 'vtt' || ending === 'webvtt') return 'webvtt';
  if (ending === 'srt') return 'srt';
  if (ending === 'docx') return 'teams-docx';
  // A zip file (PK\x03\x04) is a .docx saved under another name.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'teams-docx';
  const lines = splitLines(decodeText(bytes.subarray(0, 4096)));
  if (/^WEBVTT(?:\s|$)/u.test(lines[0] ?? '')) return 'webvtt';
  if (lines.slice(0, 5).some((line) => SRT_TIMING.test(line))) return 'srt';
  return 'plain-text';
}

/** Reads a transcript file into speaker turns. Throws TranscriptImportError saying what is wrong and where. */
export function readTranscript(name: string, bytes: Uint8Array): ParsedTranscript {
  if (bytes.length === 0) throw new TranscriptImportError({ kind: 'empty' });
  const format = transcriptFormatOf(name, bytes);
  switch (format) {
    case 'webvtt':
      return parseWebVtt(decodeText(bytes));
    case 'srt':
      return parseSrt(decodeText(bytes));
    case 'teams-docx':
      return parseTeamsDocx(bytes);
    case 'plain-text':
      return parsePlainTextTranscript(decodeText(bytes));
  }
}
