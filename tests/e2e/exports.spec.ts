import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { exportWebVtt } from '../../src/export/subtitles';
import { exportSession } from '../../src/export/test-fixtures';
import { expect, test } from './fixtures';
import { WorkspacePage } from './pages/workspace';
import { storedRecords } from './pages/stored-records';

const RECORDING = path.resolve('tests/e2e/audio/participant-with-dropout.wav');
const PSEUDONYM = 'Kari';

/** First run, then the test recording transcribed as Kari's session; returns the workspace and the number of segments. */
async function importedSession(context: BrowserContext, extensionId: string): Promise<{ page: Page; segments: number }> {
  const workspace = await WorkspacePage.open(context, extensionId);
  await workspace.setUpPassphrase();
  const page = workspace.page;
  await page.getByTestId('nav-recordings').click();
  await page.getByTestId('recording-file').setInputFiles(RECORDING);
  await page.getByLabel(/pseudonym/i).fill(PSEUDONYM);
  await page.getByTestId('recording-transcribe').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  return { page, segments: await page.getByTestId('import-done').getByTestId('segment').count() };
}

/** The file a click on `export-download` in `panel` saves: its suggested name and bytes. */
async function download(page: Page, panel: ReturnType<Page['getByTestId']>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('export-download').click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

async function exportAs(page: Page, panel: ReturnType<Page['getByTestId']>, format: string) {
  await panel.locator(`[data-testid="export-format"][data-format="${format}"]`).check();
  return download(page, panel);
}

/** Each session's logged real-name exports (formats), read from the store: the log is metadata, kept in clear. */
async function realNameExports(page: Page): Promise<string[][]> {
  const sessions = await storedRecords<{ realNameExports?: { format: string }[] }>(page, 'sessions');
  return sessions.map((session) => (session.realNameExports ?? []).map((entry) => entry.format));
}

/** How many cues Chromium reads from a WebVTT text loaded as a `<track>` (in a blank page: the workspace's CSP allows no blob: media). */
async function cueCount(context: BrowserContext, vtt: string): Promise<number> {
  const page = await context.newPage();
  try {
    return await page.evaluate(async (text) => {
      const video = document.createElement('video');
      const track = document.createElement('track');
      track.kind = 'subtitles';
      track.default = true;
      track.src = URL.createObjectURL(new Blob([text], { type: 'text/vtt' }));
      video.append(track);
      document.body.append(video);
      await new Promise<void>((resolve, reject) => {
        track.addEventListener('load', () => resolve(), { once: true });
        track.addEventListener('error', () => reject(new Error('Chromium refused the WebVTT track')), { once: true });
        track.track.mode = 'hidden';
      });
      return track.track.cues?.length ?? -1;
    }, vtt);
  } finally {
    await page.close();
  }
}

test.describe('exporting transcripts', () => {
  test('exports a session in every format, pseudonym and turn times in the text, the .vtt read by Chromium', async ({ context, extensionId, foreignRequests }) => {
    const { page, segments } = await importedSession(context, extensionId);
    expect(segments).toBeGreaterThan(0);
    await page.getByTestId('nav-sessions').click();
    const row = page.getByTestId('session-row');
    await expect(row).toHaveCount(1);
    await row.getByTestId('session-export').click();
    const panel = page.getByTestId('session-export-page').getByTestId('export-panel');
    await expect(panel).toBeVisible();
    // Exports are pseudonymised with the key list unless real names are chosen.
    await expect(panel.getByTestId('export-pseudonymisation')).toHaveAttribute('data-wired', 'true');
    await expect(panel.getByTestId('export-real-names')).not.toBeChecked();

    const name = new RegExp(`^${PSEUDONYM}_\\d{4}-\\d{2}-\\d{2}_\\d{4}\\.`, 'u');
    const txt = await exportAs(page, panel, 'txt');
    expect(txt.name).toMatch(new RegExp(`${name.source}txt$`, 'u'));
    const text = txt.bytes.toString('utf8');
    expect(text.split('\n')[0]).toBe(PSEUDONYM);
    // One microphone (a file): turns are "I/Kari: …", each ending in its time mark.
    expect(text).toMatch(new RegExp(`^I/${PSEUDONYM}: .+ #\\d{2}:\\d{2}:\\d{2}-\\d#$`, 'mu'));
    await expect(panel.getByTestId('export-message')).toContainText(txt.name);

    const docx = await exportAs(page, panel, 'docx');
    expect(docx.name).toMatch(new RegExp(`${name.source}docx$`, 'u'));
    expect(strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!)).toContain(`I/${PSEUDONYM}: `);

    const vtt = await exportAs(page, panel, 'vtt');
    expect(vtt.name).toMatch(new RegExp(`${name.source}vtt$`, 'u'));
    expect(vtt.bytes.toString('utf8')).toMatch(/^WEBVTT\n/u);
    // One cue per transcribed segment, as Chromium reads the file.
    expect(await cueCount(context, vtt.bytes.toString('utf8'))).toBe(segments);

    const srt = await exportAs(page, panel, 'srt');
    expect(srt.name).toMatch(new RegExp(`${name.source}srt$`, 'u'));
    expect(srt.bytes.toString('utf8').match(/ --> /gu)).toHaveLength(segments);

    const qdpx = await exportAs(page, panel, 'qdpx');
    expect(qdpx.name).toMatch(new RegExp(`${name.source}qdpx$`, 'u'));
    const project = unzipSync(new Uint8Array(qdpx.bytes));
    expect(strFromU8(project['project.qde']!)).toContain(`<Case guid="`);
    expect(Object.keys(project).filter((file) => file.startsWith('sources/'))).toHaveLength(1);
    expect(strFromU8(project['project.qde']!)).not.toContain('<AudioSource');

    // The audio, only when chosen, after a warning: the recording as imported, synchronised to the text.
    await expect(panel.getByTestId('export-audio')).not.toBeChecked();
    await expect(panel.getByTestId('export-audio-warning')).toHaveCount(0);
    await panel.getByTestId('export-audio').check();
    await expect(panel.getByTestId('export-audio-warning')).toBeVisible();
    const withAudio = unzipSync(new Uint8Array((await download(page, panel)).bytes));
    const qde = strFromU8(withAudio['project.qde']!);
    const audioPath = /<AudioSource [^>]*path="internal:\/\/([^"]+)"/u.exec(qde)?.[1];
    expect(audioPath).toMatch(/\.wav$/u);
    expect(Buffer.from(withAudio[`sources/${audioPath}`]!).equals(readFileSync(RECORDING))).toBe(true);
    expect(qde.match(/<SyncPoint /gu)?.length).toBeGreaterThan(segments);
    expect(foreignRequests.map((request) => request.url())).toEqual([]);
  });

  test('real names need a confirmation, and the choice is logged with the session', async ({ context, extensionId }) => {
    const { page } = await importedSession(context, extensionId);
    await page.getByTestId('nav-sessions').click();
    await page.getByTestId('session-row').getByTestId('session-export').click();
    const panel = page.getByTestId('export-panel');
    const realNames = panel.getByTestId('export-real-names');
    await realNames.click();
    await expect(panel.getByTestId('export-real-names-dialog')).toBeVisible();
    await expect(realNames).not.toBeChecked();
    await panel.getByTestId('export-real-names-cancel').click();
    await expect(realNames).not.toBeChecked();
    await realNames.click();
    await panel.getByTestId('export-real-names-confirm').click();
    await expect(realNames).toBeChecked();
    await panel.locator('[data-testid="export-format"][data-format="txt"]').check();
    const withNames = await download(page, panel);
    expect(withNames.name).toMatch(/\.txt$/u);
    await expect(panel.getByTestId('export-message')).not.toHaveClass(/error/u);
    expect(await realNameExports(page)).toEqual([['txt']]);

    // A participant's transcripts and the whole project, from the participants page.
    await page.getByTestId('nav-participants').click();
    await page.getByTestId('participant-row').getByTestId('participant-transcripts').click();
    const mine = page.getByTestId('participant-transcripts-row').getByTestId('export-panel');
    await mine.locator('[data-testid="export-format"][data-format="txt"]').check();
    const single = await download(page, mine);
    expect(single.name).toMatch(new RegExp(`^${PSEUDONYM}_.+\\.txt$`, 'u'));
    await page.getByTestId('project-export').locator('summary').click();
    const whole = page.getByTestId('project-export').getByTestId('export-panel');
    await whole.locator('[data-testid="export-format"][data-format="qdpx"]').check();
    const project = await download(page, whole);
    expect(project.name).toMatch(/-transkripsjoner\.qdpx$|-transcripts\.qdpx$/u);
    expect(strFromU8(unzipSync(new Uint8Array(project.bytes))['project.qde']!)).toContain(`name="${PSEUDONYM}"`);
  });

  test('Chromium reads a crafted WebVTT export as a track: one cue per spoken segment, across the hour', async ({ context }) => {
    // Seven segments, one of them only spaces: six cues, with Norwegian letters, escaped <&> and 01:00:00.
    const vtt = exportWebVtt(exportSession());
    expect(await cueCount(context, vtt)).toBe(6);
  });
});
