/**
 * A reference transcript as the evaluation reads it: plain text (`.txt`), or a
 * WebVTT file (`.vtt`, cues in time order, speaker voice spans dropped) as Teams,
 * Zoom or our own export write it. Either may mark unclear stretches `[uklart]`.
 */
import { parseWebVtt } from '../../transcript-import';

/** File endings a reference may have, in the order they are looked for. */
export const REFERENCE_EXTENSIONS = ['.txt', '.vtt'] as const;

/** The words of a reference file, as one text. Throws TranscriptImportError for a broken .vtt. */
export function referenceText(fileName: string, content: string): string {
  if (fileName.toLowerCase().endsWith('.vtt')) {
    return parseWebVtt(content)
      .turns.map((turn) => turn.text)
      .join('\n');
  }
  return content;
}
