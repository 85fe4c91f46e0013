/**
 * The paragraphs of a .docx file's main text, read from `word/document.xml`
 * (ECMA-376 WordprocessingML). Only text runs matter for a transcript: `w:t`
 * is text, `w:tab` a tab, `w:br`/`w:cr` a line break; deleted text
 * (`w:delText`), field codes (`w:instrText`) and the fallback copy of
 * alternate content (`mc:Fallback`, which repeats a text box's text) are left out.
 *
 * htmlparser2 reads the XML: a maintained streaming parser that runs the same
 * in the extension's pages and in Node's unit tests (Node has no DOMParser),
 * and decodes XML entities.
 */
import { unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';
import { TranscriptImportError } from './model';

const DOCUMENT_PATH = 'word/document.xml';

/** The text of `word/document.xml`, or a TranscriptImportError when the bytes are not a Word document. */
export function documentXml(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => file.name === DOCUMENT_PATH });
  } catch {
    throw new TranscriptImportError({ kind: 'not-docx' });
  }
  const xml = files[DOCUMENT_PATH];
  if (!xml) throw new TranscriptImportError({ kind: 'not-docx' });
  return new TextDecoder('utf-8').decode(xml);
}

/** The document's paragraphs as plain text, in order (empty paragraphs kept, so numbers match Word's). */
export function paragraphsOf(xml: string): string[] {
  const paragraphs: string[] = [];
  // A text box's paragraphs sit inside a paragraph of the body: one open paragraph per level.
  const open: string[] = [];
  let inText = false;
  let fallbackDepth = 0;
  const append = (text: string) => {
    if (open.length > 0) open[open.length - 1] += text;
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'mc:Fallback') fallbackDepth += 1;
        if (fallbackDepth > 0) return;
        if (name === 'w:p') open.push('');
        else if (name === 'w:t') inText = true;
        else if (name === 'w:tab') append('\t');
        else if (name === 'w:br' || name === 'w:cr') append('\n');
      },
      ontext(text) {
        if (inText && fallbackDepth === 0) append(text);
      },
      onclosetag(name) {
        if (name === 'mc:Fallback') {
          fallbackDepth -= 1;
          return;
        }
        if (fallbackDepth > 0) return;
        if (name === 'w:t') inText = false;
        else if (name === 'w:p' && open.length > 0) paragraphs.push(open.pop() ?? '');
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return paragraphs;
}

/** The paragraphs of a .docx file. */
export function docxParagraphs(bytes: Uint8Array): string[] {
  return paragraphsOf(documentXml(bytes));
}
