/**
 * Plain-text transcripts with time marks: the f4/f5 and MAXQDA convention
 * `#00:12:03-4#` (what `src/export/plain-text.ts` writes: a mark at the end of
 * each turn), and `[00:12:03]` (many tools and hand-made transcripts: a mark at
 * the start of a line). A turn is a paragraph, or a line that starts with a
 * speaker label (`I:`, `B:`, `Kari:`).
 *
 * A mark at the start of a turn is its start; a mark at its end is its end. A
 * turn's missing start is the previous turn's end (f4 writes only ends), a
 * missing end the next turn's start (tools that write only starts), and the
 * last turn's an estimate from its words.
 */
import { splitLines, tidy } from './lines';
import { speakersOf, TranscriptImportError, type ParsedTranscript, type TranscriptTurn } from './model';
import { repeatedLabels, splitSpeakerPrefix } from './speaker-prefix';
import { estimatedSeconds, formatClock } from './times';

/** `#hh:mm:ss-d#` (tenths optional) or `[hh:mm:ss]` / `[mm:ss]` (a fraction optional). */
const MARK = /#(\d{1,3}):(\d{2}):(\d{2})(?:-(\d))?#|\[(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\]/gu;
/** Something shaped like a mark, to catch a broken one (`#00:61:00-0#`, `[1:2]`). */
const MARK_LIKE = /#\d[\d:.,-]*#|\[\d[\d:.,]*\]/gu;

interface Mark {
  seconds: number;
  index: number;
  length: number;
}

function marksIn(text: string, line: number): Mark[] {
  const marks: Mark[] = [];
  for (const match of text.matchAll(MARK)) {
    const [hours, minutes, seconds, fraction] =
      match[1] !== undefined ? [match[1], match[2], match[3], match[4]] : [match[5] ?? '0', match[6], match[7], match[8]];
    if (Number(minutes) > 59 || Number(seconds) > 59) throw new TranscriptImportError({ kind: 'bad-time-mark', line, found: match[0] });
    marks.push({
      seconds: Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + (fraction ? Number(`0.${fraction}`) : 0),
      index: match.index,
      length: match[0].length,
    });
  }
  const good = new Set(marks.map((mark) => mark.index));
  for (const match of text.matchAll(MARK_LIKE)) {
    if (!good.has(match.index)) throw new TranscriptImportError({ kind: 'bad-time-mark', line, found: match[0] });
  }
  return marks;
}

interface DraftTurn {
  line: number;
  raw: string;
}

/** Paragraphs, with a new turn at each line that starts with a speaker label or a mark. */
function draftTurns(lines: readonly string[], knownLabels: ReadonlySet<string>): DraftTurn[] {
  const drafts: DraftTurn[] = [];
  let current: DraftTurn | null = null;
  lines.forEach((text, index) => {
    const trimmed = text.trim();
    if (trimmed === '') {
      current = null;
      return;
    }
    const afterMark = trimmed.replace(/^(?:#[^#]*#|\[[^\]]*\])\s*/u, '');
    const startsTurn = afterMark !== trimmed || splitSpeakerPrefix(trimmed, knownLabels) !== null;
    if (!current || startsTurn) {
      current = { line: index + 1, raw: trimmed };
      drafts.push(current);
    } else {
      current.raw = `${current.raw} ${trimmed}`;
    }
  });
  return drafts;
}

/** Reads a plain-text transcript with time marks. Throws TranscriptImportError naming the line that is wrong. */
export function parsePlainTextTranscript(text: string): ParsedTranscript {
  const lines = splitLines(text);
  if (lines.every((line) => line.trim() === '')) throw new TranscriptImportError({ kind: 'empty' });
  const parsed: { speaker: string | null; text: string; line: number; start: number | null; end: number | null; marked: boolean }[] = [];
  let previousMark: { seconds: number; line: number } | null = null;
  // Labels are read after any leading time mark: "[00:01:02] kari: …".
  const knownLabels = repeatedLabels(lines.map((line) => line.trim().replace(/^(?:#[^#]*#|\[[^\]]*\])\s*/u, '')));
  for (const draft of draftTurns(lines, knownLabels)) {
    const marks = marksIn(draft.raw, draft.line);
    for (const mark of marks) {
      if (previousMark && mark.seconds < previousMark.seconds) {
        throw new TranscriptImportError({ kind: 'time-mark-backwards', line: draft.line, found: formatClock(mark.seconds), previous: formatClock(previousMark.seconds) });
      }
      previousMark = { seconds: mark.seconds, line: draft.line };
    }
    const first = marks[0];
    const last = marks.at(-1);
    const start = first && first.index === 0 ? first.seconds : null;
    const endsWithMark = last !== undefined && last.index + last.length === draft.raw.length && (last !== first || start === null);
    const end = endsWithMark ? last.seconds : null;
    const body = tidy(draft.raw.replace(MARK, ' '));
    const prefixed = splitSpeakerPrefix(body, knownLabels);
    parsed.push({ speaker: prefixed?.speaker ?? null, text: prefixed ? prefixed.rest : body, line: draft.line, start, end, marked: marks.length > 0 });
  }
  if (!parsed.some((turn) => turn.marked)) throw new TranscriptImportError({ kind: 'no-time-marks' });

  // Paragraphs before the first one with a mark are a header (title, date, "Guide: …"), not talk.
  const skipped: ParsedTranscript['skipped'] = [];
  const firstMarked = parsed.findIndex((turn) => turn.marked);
  const kept = parsed.filter((turn, index) => {
    const header = index < firstMarked;
    if (header) skipped.push({ line: turn.line, text: turn.speaker === null ? turn.text : `${turn.speaker}: ${turn.text}` });
    return !header && turn.text !== '';
  });

  const turns: TranscriptTurn[] = [];
  kept.forEach((turn, index) => {
    const previousEnd = turns.at(-1)?.end ?? 0;
    const start = turn.start ?? previousEnd;
    let end = turn.end;
    if (end === null) {
      const nextStart = kept.slice(index + 1).find((next) => next.start !== null || next.end !== null);
      end = nextStart?.start ?? null;
      if (end === null || end < start) end = start + estimatedSeconds(turn.text);
    }
    turns.push({ speaker: turn.speaker, start, end: Math.max(start, end), text: turn.text, line: turn.line });
  });
  if (turns.length === 0) throw new TranscriptImportError({ kind: 'no-turns' });
  return { format: 'plain-text', turns, speakers: speakersOf(turns), fromTeams: false, skipped };
}
