/**
 * The quote sheet as Word (.docx), written by the `docx` library as the
 * transcript exports are: one block per quote with its context, three boxes to
 * tick and lines for new wording, and a line to sign at the end.
 */
import { BorderStyle, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { quoteSheetLabels, type QuoteSheetLocale } from './labels';
import type { QuoteSheet, QuoteSheetItem } from './sheet';

const BOX = '☐';
const WRITING_LINES = 3;

function writingLine(): Paragraph {
  return new Paragraph({ spacing: { before: 280 }, border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999', space: 1 } }, children: [] });
}

function itemParagraphs(item: QuoteSheetItem, locale: QuoteSheetLocale): Paragraph[] {
  const labels = quoteSheetLabels(locale);
  return [
    new Paragraph({ text: `${labels.quote} ${item.number} (${labels.time} ${item.time})`, heading: HeadingLevel.HEADING_2, keepNext: true }),
    new Paragraph({
      keepNext: true,
      spacing: { after: 120 },
      children: [
        ...(item.contextBefore === '' ? [] : [new TextRun({ text: `… ${item.contextBefore} `, color: '666666', italics: true })]),
        new TextRun({ text: `«${item.text}»`, bold: true }),
        ...(item.contextAfter === '' ? [] : [new TextRun({ text: ` ${item.contextAfter} …`, color: '666666', italics: true })]),
      ],
    }),
    ...(item.changedText === null ? [] : [new Paragraph({ keepNext: true, children: [new TextRun({ text: `${labels.corrected}: `, bold: true }), new TextRun(item.changedText)] })]),
    new Paragraph({ keepNext: true, text: `${BOX} ${labels.approve}    ${BOX} ${labels.approveWithChanges}    ${BOX} ${labels.withdraw}` }),
    new Paragraph({ keepNext: true, spacing: { before: 120 }, text: `${labels.corrected}:` }),
    ...Array.from({ length: WRITING_LINES }, writingLine),
  ];
}

/** The sheet as .docx bytes (Node and browser alike: `Packer.toArrayBuffer`). */
export async function quoteSheetDocx(sheet: QuoteSheet, locale: QuoteSheetLocale): Promise<Uint8Array<ArrayBuffer>> {
  const labels = quoteSheetLabels(locale);
  const title = `${labels.title}: ${sheet.pseudonym}`;
  const document = new Document({
    title,
    creator: 'Intervju',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
          new Paragraph({ text: labels.instructions, spacing: { after: 240 } }),
          ...(sheet.items.length === 0 ? [new Paragraph(labels.empty)] : sheet.items.flatMap((item) => itemParagraphs(item, locale))),
          new Paragraph({ spacing: { before: 480 }, text: `${labels.signature}:` }),
          writingLine(),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
