/**
 * The transcript Microsoft Teams offers as "Download as .docx". Two layouts
 * are in use:
 * - current: a title, "Transcript" and the date, then per turn a paragraph with
 *   the speaker and the time since the start (`Kari Nordmann   0:03`, or
 *   `1:02:03` past an hour; the time may stand in a paragraph of its own), then
 *   the words in the paragraphs below;
 * - older (Stream): a timing line `0:0:0.0 --> 0:0:3.240`, the speaker, the words;
 *   or the speaker and the timing on one line (`Kari Nordmann  00:01:23.000 --> 00:01:45.000`).
 * Some versions put speaker, time and words in one paragraph, separated by line
 * breaks, so each paragraph is read line by line ("line" numbers count those lines;
 * without breaks they are Word's paragraph numbers).
 * Only starts are given in the current layout: a turn ends where the next begins.
 */
import { docxParagraphs } from './docx-paragraphs';
import { tidy } from './lines';
import { speakersOf, TranscriptImportError, type ParsedTranscript, type TranscriptTurn } from './model';
import { isSpeakerLabel } from './speaker-prefix';
import { estimatedSeconds, parseCueTime } from './times';

const SPEAKER_AND_TIME = /^(.*?\S)[\s\u00a0]+(\d{1,3}:\d{2}(?::\d{2})?)$/u;
const TIME_ALONE = /^\d{1,3}:\d{2}(?::\d{2})?$/u;
const TIMING = /^(\S+)\s*-->\s*(\S+)$/u;
const SPEAKER_AND_TIMING = /^(.*?\S)[\s\u00a0]+(\d{1,3}:\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)\s*-->\s*(\d{1,3}:\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)$/u;
/** Teams' own notices in the transcript (English and Norwegian interface). */
const NOTICE = /\b(?:started|stopped) transcription\.?$|\b(?:startet|stoppet|starta|stoppa) transkri(?:psjon|beringen?|psjonen)\.?$/iu;

/** "0:03" (minutes:seconds) or "1:02:03" as Teams writes times since the start. */
function teamsTime(text: string): number | null {
  const parts = text.split(':').map(Number);
  if (parts.some((part) => !Number.isFinite(part))) return null;
  const [a = 0, b = 0, c] = parts;
  if (c === undefined) return b > 59 ? null : a * 60 + b;
  return b > 59 || c > 59 ? null : a * 3600 + b * 60 + c;
}

interface Header {
  speaker: string | null;
  start: number;
  end: number | null;
  /** Paragraphs this header used (the time on its own paragraph, the speaker under a timing line). */
  used: number;
}

/** Whether paragraph `index` starts a turn, and how. */
function headerAt(paragraphs: readonly string[], index: number): Header | null {
  const text = tidy(paragraphs[index] ?? '');
  const timing = TIMING.exec(text);
  if (timing) {
    const start = parseCueTime(timing[1] ?? '');
    const end = parseCueTime(timing[2] ?? '');
    if (start === null || end === null) return null;
    // The speaker line under the timing is there only when words follow it.
    const next = tidy(paragraphs[index + 1] ?? '');
    const after = tidy(paragraphs[index + 2] ?? '');
    const named = next !== '' && after !== '' && !TIMING.test(after) && isSpeakerLabel(next);
    return { speaker: named ? next : null, start, end: Math.max(start, end), used: named ? 2 : 1 };
  }
  const spokenTiming = SPEAKER_AND_TIMING.exec(text);
  if (spokenTiming && isSpeakerLabel(spokenTiming[1] ?? '')) {
    const start = parseCueTime(spokenTiming[2] ?? '');
    const end = parseCueTime(spokenTiming[3] ?? '');
    if (start !== null && end !== null) return { speaker: spokenTiming[1] ?? null, start, end: Math.max(start, end), used: 1 };
  }
  const together = SPEAKER_AND_TIME.exec(text);
  if (together && isSpeakerLabel(together[1] ?? '')) {
    const start = teamsTime(together[2] ?? '');
    if (start !== null) return { speaker: together[1] ?? null, start, end: null, used: 1 };
  }
  const next = tidy(paragraphs[index + 1] ?? '');
  if (TIME_ALONE.test(next) && isSpeakerLabel(text)) {
    const start = teamsTime(next);
    if (start !== null) return { speaker: text, start, end: null, used: 2 };
  }
  return null;
}

/** Reads the paragraphs of a Teams transcript. Throws TranscriptImportError when it finds no turns. */
export function parseTeamsParagraphs(documentParagraphs: readonly string[]): ParsedTranscript {
  if (documentParagraphs.every((paragraph) => paragraph.trim() === '')) throw new TranscriptImportError({ kind: 'empty' });
  const paragraphs = documentParagraphs.flatMap((paragraph) => paragraph.split('\n'));
  const drafts: (TranscriptTurn & { endKnown: boolean })[] = [];
  const skipped: ParsedTranscript['skipped'] = [];
  for (let index = 0; index < paragraphs.length; index += 1) {
    const text = tidy(paragraphs[index] ?? '');
    if (text === '') continue;
    const header = headerAt(paragraphs, index);
    if (header) {
      drafts.push({ speaker: header.speaker, start: header.start, end: header.end ?? header.start, text: '', line: index + 1, endKnown: header.end !== null });
      index += header.used - 1;
      continue;
    }
    const current = drafts.at(-1);
    if (!current || NOTICE.test(text)) skipped.push({ line: index + 1, text });
    else current.text = current.text ? `${current.text} ${text}` : text;
  }
  const turns: TranscriptTurn[] = [];
  drafts.forEach((draft, index) => {
    if (draft.text === '') return;
    const nextStart = drafts[index + 1]?.start;
    const end = draft.endKnown ? draft.end : nextStart !== undefined && nextStart >= draft.start ? nextStart : draft.start + estimatedSeconds(draft.text);
    turns.push({ speaker: draft.speaker, start: draft.start, end, text: draft.text, line: draft.line });
  });
  if (turns.length === 0) throw new TranscriptImportError({ kind: 'no-docx-turns' });
  turns.sort((left, right) => left.start - right.start);
  return { format: 'teams-docx', turns, speakers: speakersOf(turns), fromTeams: true, skipped };
}

/** Reads a Teams .docx transcript from the file's bytes. */
export function parseTeamsDocx(bytes: Uint8Array): ParsedTranscript {
  return parseTeamsParagraphs(docxParagraphs(bytes));
}
