import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportDocx } from './docx';
import { exportSession, segment, session } from './test-fixtures';

/** The document's paragraphs as plain text (runs joined), from word/document.xml. */
async function paragraphs(bytes: Uint8Array): Promise<{ xml: string; lines: string[] }> {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml'] as Uint8Array);
  const lines = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gsu)].map(([paragraph]) =>
    [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)]
      .map((match) => match[1] ?? '')
      .join('')
      .replace(/&lt;/gu, '<')
      .replace(/&gt;/gu, '>')
      .replace(/&amp;/gu, '&'),
  );
  return { xml, lines: lines.filter((line) => line !== '') };
}

describe('exportDocx', () => {
  it('writes a Word file with the pseudonym, date, guide and version, the turns with time marks, and notes', async () => {
    const bytes = await exportDocx(exportSession());
    expect(strFromU8(bytes.slice(0, 2))).toBe('PK');
    const { lines } = await paragraphs(bytes);
    expect(lines[0]).toBe('Kåre');
    expect(lines[1]).toMatch(/^Dato: 2025-03-14 /u);
    expect(lines[2]).toBe('Intervjuguide: Arbeidsliv på sykehus (versjon 3)');
    expect(lines).toContain('Kåre: Ja, eh, jeg jobber på Gjøvik sykehus. Vi er [uklart] på avdelingen. #00:00:12-0#');
    expect(lines).toContain('Kåre: Det var blåbær, ÆØÅ og [uklart: Gjøvik?] der. #01:00:00-0#');
    expect(lines).toContain('I: Takk <&> skal du ha. #01:00:04-5#');
    expect(lines).toContain('Notater');
    expect(lines).toContain('00:01:00 (Spørsmål: Kan du fortelle om jobben din?) Virket nervøs & glad <3');
  });

  it('leaves out time marks and notes when asked, and numbers lines when asked', async () => {
    const plain = await paragraphs(await exportDocx(exportSession(), { timeMarks: false, notes: false }));
    expect(plain.lines).toContain('I: Mhm.');
    expect(plain.lines).not.toContain('Notater');
    expect(plain.xml).not.toContain('w:lnNumType');
    const numbered = await paragraphs(await exportDocx(exportSession(), { lineNumbers: true }));
    expect(numbered.xml).toMatch(/<w:lnNumType [^>]*w:countBy="1"/u);
  });

  it('writes a pilot in English with a mixed channel', async () => {
    const { lines } = await paragraphs(
      await exportDocx(
        exportSession({ locale: 'en', participant: null, notes: [], session: session({ participantId: null, kind: 'pilot' }), segments: [segment('m', 'mixed', 0, 1, 'Hello.')] }),
      ),
    );
    expect(lines[0]).toBe('Pilot interview');
    expect(lines).toContain('I/Participant: Hello. #00:00:01-0#');
    expect(lines).not.toContain('Notes');
  });

  it('writes notes as Word comments on the turn they were written during, instead of an appendix', async () => {
    const bytes = await exportDocx(exportSession(), { notes: 'comments' });
    const files = unzipSync(bytes);
    const comments = strFromU8(files['word/comments.xml'] as Uint8Array);
    expect(comments).toContain('Virket nervøs &amp; glad &lt;3');
    expect(comments).toContain('Spørsmål: Kan du fortelle om jobben din?');
    const { xml, lines } = await paragraphs(bytes);
    expect(lines).not.toContain('Notater');
    // The note at 00:01:00 hangs on the last turn begun by then: the interviewer's "Mhm." at 12.5 s.
    const anchored = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gsu)].filter(([paragraph]) => paragraph.includes('w:commentRangeStart'));
    expect(anchored).toHaveLength(1);
    expect(anchored[0]?.[0]).toContain('Mhm.');
    expect(anchored[0]?.[0]).toContain('w:commentReference');
  });
});
