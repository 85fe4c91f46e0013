import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { paragraphsOf } from './docx-paragraphs';
import { TranscriptImportError } from './model';
import { readTranscript } from './read-transcript';
import { parseTeamsDocx, parseTeamsParagraphs } from './teams-docx';

const NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"';

function paragraph(...runs: string[]): string {
  return `<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>${runs.map((run) => `<w:r><w:rPr><w:b/></w:rPr>${run}</w:r>`).join('')}</w:p>`;
}
const text = (value: string) => `<w:t xml:space="preserve">${value}</w:t>`;

/** A .docx as Teams' "Download as .docx" writes it: title, date, then speaker + time paragraphs over the words. */
function teamsDocx(body: string): Uint8Array {
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NAMESPACES}><w:body>${body}<w:sectPr/></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(document),
  });
}

const CURRENT_LAYOUT = [
  paragraph(text('Intervju – sykepleiere (pilot)')),
  paragraph(text('Transcript')),
  paragraph(text('4. desember 2025, 10:02')),
  paragraph(text('Ingrid Solberg started transcription')),
  paragraph(text('Ingrid Solberg'), '<w:tab/>', text('0:03')),
  paragraph(text('Hei, og takk for at du ville være med. Kan du fortelle litt om deg selv?')),
  paragraph(text('Per Olav Haugen'), text('   0:11')),
  paragraph(text('Ja, jeg har jobbet på Haukeland &amp; Voss i tolv år.')),
  paragraph(text('Og før det var jeg i Bergen.')),
  paragraph(text('Ingrid Solberg')),
  paragraph(text('1:02:07')),
  paragraph(text('Er det noe du vil legge til?')),
  paragraph(text('Ingrid Solberg stopped transcription')),
].join('');

describe('Teams .docx transcripts', () => {
  it('reads the current layout: speaker and time since the start, the words below; notices left out', () => {
    const parsed = parseTeamsDocx(teamsDocx(CURRENT_LAYOUT));
    expect(parsed.format).toBe('teams-docx');
    expect(parsed.speakers).toEqual(['Ingrid Solberg', 'Per Olav Haugen']);
    expect(parsed.turns.map(({ speaker, start, end, text: words, line }) => ({ speaker, start, end, words, line }))).toEqual([
      { speaker: 'Ingrid Solberg', start: 3, end: 11, words: 'Hei, og takk for at du ville være med. Kan du fortelle litt om deg selv?', line: 5 },
      { speaker: 'Per Olav Haugen', start: 11, end: 3727, words: 'Ja, jeg har jobbet på Haukeland & Voss i tolv år. Og før det var jeg i Bergen.', line: 7 },
      // The last turn has no next one: its end is estimated from its seven words.
      { speaker: 'Ingrid Solberg', start: 3727, end: 3729.8, words: 'Er det noe du vil legge til?', line: 10 },
    ]);
    expect(parsed.skipped.map((line) => line.text)).toEqual([
      'Intervju – sykepleiere (pilot)',
      'Transcript',
      '4. desember 2025, 10:02',
      'Ingrid Solberg started transcription',
      'Ingrid Solberg stopped transcription',
    ]);
  });

  it('reads the older layout with timing lines, and an unnamed turn', () => {
    const parsed = parseTeamsParagraphs([
      '0:0:0.0 --> 0:0:4.520',
      'Ingrid Solberg',
      'Hei, hører du meg?',
      '',
      '0:0:5.120 --> 0:0:6.0',
      'Ja.',
    ]);
    expect(parsed.turns.map(({ speaker, start, end, text: words }) => [speaker, start, end, words])).toEqual([
      ['Ingrid Solberg', 0, 4.52, 'Hei, hører du meg?'],
      [null, 5.12, 6, 'Ja.'],
    ]);
  });

  it('reads speaker, time and words kept in one paragraph with line breaks, and a speaker with a timing', () => {
    const parsed = parseTeamsDocx(
      teamsDocx(
        paragraph(text('Ingrid Solberg 0:03'), '<w:br/>', text('Hei, hører du meg?')) +
          paragraph(text('Per Olav Haugen  00:00:05.500 --> 00:00:07.000'), '<w:br/>', text('Ja, fint.')),
      ),
    );
    expect(parsed.turns.map(({ speaker, start, end, text: words }) => [speaker, start, end, words])).toEqual([
      ['Ingrid Solberg', 3, 5.5, 'Hei, hører du meg?'],
      ['Per Olav Haugen', 5.5, 7, 'Ja, fint.'],
    ]);
  });

  it('reads text runs only: a text box’s fallback copy, deleted text and field codes are left out', () => {
    const xml = `<w:document ${NAMESPACES}><w:body>
      <w:p><w:r><w:t>Hei</w:t></w:r><w:del><w:r><w:delText>slettet</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t xml:space="preserve"> og </w:t></w:r><w:r><w:br/><w:t>velkommen</w:t></w:r>
        <mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:txbxContent><w:p><w:r><w:t>Boks</w:t></w:r></w:p></w:txbxContent></w:r></mc:Choice>
        <mc:Fallback><w:r><w:txbxContent><w:p><w:r><w:t>Boks</w:t></w:r></w:p></w:txbxContent></w:r></mc:Fallback></mc:AlternateContent></w:p>
      <w:p/></w:body></w:document>`;
    expect(paragraphsOf(xml)).toEqual(['Boks', 'Hei og \nvelkommen', '']);
  });

  it('refuses a file that is not a .docx, and a Word document that is not a transcript', () => {
    const refusal = (bytes: Uint8Array) => {
      try {
        readTranscript('intervju.docx', bytes);
      } catch (error) {
        return error instanceof TranscriptImportError ? error.problem.kind : String(error);
      }
      return 'read';
    };
    expect(refusal(new TextEncoder().encode('WEBVTT\n'))).toBe('not-docx');
    expect(refusal(zipSync({ 'other.xml': strToU8('<x/>') }))).toBe('not-docx');
    expect(refusal(teamsDocx(paragraph(text('Referat fra møtet')) + paragraph(text('Vi ble enige om 3 ting.'))))).toBe('no-docx-turns');
  });
});
