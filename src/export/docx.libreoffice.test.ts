/**
 * The .docx as LibreOffice reads it: headless `soffice` converts the file to
 * text, which must hold the transcript's turns. One conversion per run (soffice
 * takes seconds to start), with a profile of its own so parallel runs do not
 * share LibreOffice's user installation lock.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exportDocx } from './docx';
import { outsideTool } from './outside-tools';
import { exportSession, segment, segments } from './test-fixtures';
import { transformSessions } from './transform';

const soffice = outsideTool(
  'soffice',
  'LibreOffice opens the .docx and reads the edited, pseudonymised turns, [uklart] and Norwegian letters',
  'apt-get install --no-install-recommends libreoffice-writer-nogui',
);
const scratch = mkdtempSync(join(tmpdir(), 'intervju-docx-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('exportDocx in LibreOffice', () => {
  it.runIf(soffice.run)(soffice.title, { timeout: 120_000 }, async () => {
    // An edited segment naming someone, pseudonymised the way the workspace does before export.
    const edited = { ...segment('h', 'participant', 20, 24, 'Sjefen min, Berit Ås, sa [uklart] til det.'), source: 'edited' as const };
    const [input] = await transformSessions([exportSession({ segments: [...segments.slice(0, 4), edited, segment('i', 'interviewer', 25, 26, 'Å ja?'), ...segments.slice(4)] })], (content) => ({
      segments: content.segments.map((item) => ({ ...item, text: item.text.replaceAll('Berit Ås', 'Lise Dahl') })),
      notes: content.notes,
    }));
    const docx = join(scratch, 'Kåre.docx');
    writeFileSync(docx, await exportDocx(input!, { notes: 'comments', lineNumbers: true }));
    const result = spawnSync(
      'soffice',
      [`-env:UserInstallation=${pathToFileURL(join(scratch, 'profile')).href}`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', scratch, docx],
      { encoding: 'utf8', timeout: 110_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    const text = readFileSync(join(scratch, 'Kåre.txt'), 'utf8').replace(/^\uFEFF/u, '');
    const lines = text.split(/\r?\n/u).filter((line) => line.trim() !== '');
    expect(lines.slice(0, 3)).toEqual(['Kåre', expect.stringMatching(/^Dato: 2025-03-1[34] \d\d:\d\d$/u), 'Intervjuguide: Arbeidsliv på sykehus (versjon 3)']);
    expect(lines).toContain('I: Hei, og velkommen. Kan du fortelle om jobben din? #00:00:04-2#');
    expect(lines).toContain('Kåre: Ja, eh, jeg jobber på Gjøvik sykehus. Vi er [uklart] på avdelingen. #00:00:12-0#');
    expect(lines).toContain('Kåre: Sjefen min, Lise Dahl, sa [uklart] til det. #00:00:24-0#');
    expect(lines).toContain('I: Å ja? #00:00:26-0#');
    expect(lines).toContain('Kåre: Det var blåbær, ÆØÅ og [uklart: Gjøvik?] der. #01:00:00-0#');
    expect(lines).toContain('I: Takk <&> skal du ha. #01:00:04-5#');
    expect(text).not.toContain('Berit');
  });
});
