/**
 * Word (.docx), written by the `docx` library: a heading with the pseudonym,
 * date, guide title and version; one paragraph per speaker turn; optional time
 * marks and line numbers (Word's own line numbering, as transcripts for
 * analysis often want); notes as an appendix.
 */
import { Document, HeadingLevel, LineNumberRestartFormat, Packer, Paragraph, TextRun } from 'docx';
import { exportLabels } from './labels';
import { formatElapsed, formatTimestamp } from './time';
import { sessionHeader, transcriptTurns, turnText } from './transcript';
import type { ExportSession, TranscriptOptions } from './types';

export interface DocxOptions extends TranscriptOptions {
  /** End each turn with its time mark `#hh:mm:ss-d#`. Default true. */
  timeMarks?: boolean;
  /** Word's line numbers in the margin, continuous through the document. Default false. */
  lineNumbers?: boolean;
  /** Notes (time, question, text) as an appendix. Default true. */
  notes?: boolean;
}

function turnParagraphs(input: ExportSession, options: DocxOptions): Paragraph[] {
  return transcriptTurns(input, options).map(
    (turn) =>
      new Paragraph({
        spacing: { after: 160 },
        children: [
          new TextRun({ text: `${turn.speaker}: `, bold: true }),
          new TextRun(turnText(turn)),
          ...(options.timeMarks === false ? [] : [new TextRun({ text: ` ${formatTimestamp(turn.end)}`, color: '666666' })]),
        ],
      }),
  );
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
    ...notes.map((note) => {
      const question = questionText(input, note.questionId);
      return new Paragraph({
        spacing: { after: 120 },
        children: [
          new TextRun({ text: `${formatElapsed((note.time - input.session.startedAt) / 1000)} `, bold: true }),
          ...(question ? [new TextRun({ text: `(${labels.question}: ${question}) `, italics: true })] : []),
          new TextRun(note.text),
        ],
      });
    }),
  ];
}

/** The Word document as bytes (works in Node and in the browser: `Packer.toArrayBuffer`). */
export async function exportDocx(input: ExportSession, options: DocxOptions = {}): Promise<Uint8Array> {
  const header = sessionHeader(input);
  const details = [header.date, header.guide, ...(header.mixed === null ? [] : [header.mixed])];
  const document = new Document({
    title: header.title,
    creator: 'Intervju',
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
          ...turnParagraphs(input, options),
          ...(options.notes === false ? [] : noteParagraphs(input)),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
