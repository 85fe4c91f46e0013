/** Text of a transcript file as numbered lines, whatever its encoding and line endings. */

/**
 * Decodes a file's bytes: UTF-8, or UTF-16 when it starts with a UTF-16 byte
 * order mark (Windows tools save SRT that way). Byte order marks are dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/u, '');
}

/** The text's lines (CRLF, CR or LF), a leading byte order mark removed. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);
}

export interface Block {
  /** 1-based number of the block's first line. */
  line: number;
  lines: string[];
}

/** Groups lines into blocks separated by blank lines (cues in WebVTT and SRT). */
export function blocksOf(lines: readonly string[], firstLine = 1): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((text, index) => {
    if (text.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { line: firstLine + index, lines: [] };
      blocks.push(current);
    }
    current.lines.push(text);
  });
  return blocks;
}

/** Collapses runs of white space and trims. */
export function tidy(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
