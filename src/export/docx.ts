/**
 * Word (.docx), written by the `docx` library: a heading with the pseudonym,
 * date, guide title and version; one paragraph per speaker turn; optional time
 * marks and line numbers (Word's own line numbering, as transcripts for
 * analysis often want); notes as an appendix or as Word comments on the turn
 * they were written during.
 */
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  HeadingLevel,
  LineNumberRestartFormat,
  Packer,
  Paragraph,
  TextRun,
  type ICommentOptions,
} from 'docx';
import { exportLabels } from './labels';
import { formatElapsed, formatTimestamp } from './time';
import { sessionHeader, transcriptTurns, turnText, type Turn } from './transcript';
import type { ExportSession, TranscriptOptions } from './types';
import type { Note } from '../store/records';

export interface DocxOptions extends TranscriptOptions {
  /** End each turn with its time mark `#hh:mm:ss-d#`. Default true. */
  timeMarks?: boolean;
  /** Word's line numbers in the margin, continuous through the document. Default false. */
  lineNumbers?: boolean;
  /**
   * Notes (time, question, text): `true` or `'appendix'` as an appendix after the
   * transcript, `'comments'` as Word comments on the turn they were written
   * during, `false` left out. Default `'appendix'`.
   */
  notes?: boolean | 'appendix' | 'comments';
}

/** The turn a note belongs to: the last one that began at or before the note's time (else the first). */
function turnOfNote(turns: readonly Turn[], seconds: number): number {
  let index = 0;
  turns.forEach((turn, candidate) => {
    if (turn.start <= seconds) index = candidate;
  });
  return index;
}

function turnParagraphs(turns: readonly Turn[], options: DocxOptions, commentsByTurn: Map<number, number[]>): Paragraph[] {
  return turns.map((turn, turnIndex) => {
    const comments = commentsByTurn.get(turnIndex) ?? [];
    return new Paragraph({
      spacing: { after: 160 },
      children: [
        ...comments.map((id) => new CommentRangeStart(id)),
        new TextRun({ text: `${turn.speaker}: `, bold: true }),
        new TextRun(turnText(turn)),
        ...(options.timeMarks === false ? [] : [new TextRun({ text: ` ${formatTimestamp(turn.end)}`, color: '666666' })]),
        ...comments.flatMap((id) => [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]),
      ],
    });
  });
}

function noteLine(input: ExportSession, note: Note): TextRun[] {
  const labels = exportLabels(input.locale);
  const question = questionText(input, note.questionId);
  return [
    new TextRun({ text: `${formatElapsed((note.time - input.session.startedAt) / 1000)} `, bold: true }),
    ...(question ? [new TextRun({ text: `(${labels.question}: ${question}) `, italics: true })] : []),
    new TextRun(note.text),
  ];
}

/** The notes as Word comments, each anchored to the turn it was written during. */
function noteComments(input: ExportSession, turns: readonly Turn[]): { comments: ICommentOptions[]; byTurn: Map<number, number[]> } {
  const byTurn = new Map<number, number[]>();
  if (turns.length === 0) return { comments: [], byTurn };
  const notes = [...input.notes].sort((left, right) => left.time - right.time);
  const comments = notes.map((note, id) => {
    const turn = turnOfNote(turns, (note.time - input.session.startedAt) / 1000);
    byTurn.set(turn, [...(byTurn.get(turn) ?? []), id]);
    return { id, author: 'Intervju', initials: 'I', date: new Date(note.time), children: [new Paragraph({ children: noteLine(input, note) })] };
  });
  return { comments, byTurn };
}

function questionText(input: ExportSession, questionId: string | null): string | null {
  if (questionId === null) return null;
  for (const section of input.guide.sections) {
    const question = section.questions.find((candidate) => candidate.id === questionId);
    if (question) return question.text;
  }
  return null;
}

function noteParagraphs(input: ExportSession): Paragraph[] {
  if (input.notes.length === 0) return [];
  const labels = exportLabels(input.locale);
  const notes = [...input.notes].sort((left, right) => left.time - right.time);
  return [
    new Paragraph({ text: labels.notes, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    ...notes.map((note) => new Paragraph({ spacing: { after: 120 }, children: noteLine(input, note) })),
  ];
}

/** The Word document as bytes (works in Node and in the browser: `Packer.toArrayBuffer`). */
export async function exportDocx(input: ExportSession, options: DocxOptions = {}): Promise<Uint8Array> {
  const header = sessionHeader(input);
  const details = [header.date, header.guide, ...(header.mixed === null ? [] : [header.mixed])];
  const turns = transcriptTurns(input, options);
  const notes = options.notes === undefined || options.notes === true ? 'appendix' : options.notes;
  // Without a turn to hang them on, comments would be lost: such notes go to the appendix.
  const asComments = notes === 'comments' && turns.length > 0;
  const comments = asComments ? noteComments(input, turns) : { comments: [], byTurn: new Map<number, number[]>() };
  const document = new Document({
    title: header.title,
    creator: 'Intervju',
    comments: { children: comments.comments },
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        properties:
          options.lineNumbers === true
            ? { lineNumbers: { countBy: 1, restart: LineNumberRestartFormat.CONTINUOUS } }
            : {},
        children: [
          new Paragraph({ text: header.title, heading: HeadingLevel.TITLE }),
          ...details.map((line, index) => new Paragraph({ text: line, spacing: { after: index === details.length - 1 ? 240 : 0 } })),
          ...turnParagraphs(turns, options, comments.byTurn),
          ...(notes === false || asComments ? [] : noteParagraphs(input)),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
