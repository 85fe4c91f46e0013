import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import path from 'node:path';
import { expect, test } from './fixtures';
import { WorkspacePage } from './pages/workspace';

const RECORDING = path.resolve('tests/e2e/audio/participant-with-dropout.wav');

/** First run, then the recording file handed to the audio-file page and its transcription started. */
async function startImport(context: BrowserContext, extensionId: string): Promise<Page> {
  const workspace = await WorkspacePage.open(context, extensionId);
  await workspace.setUpPassphrase();
  const page = workspace.page;
  await page.getByTestId('nav-recordings').click();
  await page.getByTestId('recording-file').setInputFiles(RECORDING);
  await page.getByTestId('recording-transcribe').click();
  return page;
}

test.describe('transcribing a recording file', () => {
  test('shows progress, then the transcript with the lost audio marked [uklart]', async ({ context, extensionId, foreignRequests }) => {
    const page = await startImport(context, extensionId);
    await expect(page.getByTestId('import-progress')).toBeVisible();
    await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
    const segments = page.getByTestId('import-done').getByTestId('segment');
    expect(await segments.count()).toBeGreaterThan(0);
    const spans = await page
      .getByTestId('import-done')
      .getByTestId('uklart')
      .evaluateAll((marks) => marks.map((mark) => [Number(mark.getAttribute('data-start')), Number(mark.getAttribute('data-end'))]));
    // The file has two seconds of digital silence from 6.08 s to 8.08 s, inside speech.
    expect(spans.some(([start, end]) => start! <= 6.3 && end! >= 7.9)).toBe(true);

    await page.getByTestId('nav-sessions').click();
    await expect(page.getByTestId('session-row')).toHaveCount(1);
    expect(foreignRequests.map((request) => request.url())).toEqual([]);
  });

  test('a cancelled import leaves no session behind when nothing was transcribed yet', async ({ context, extensionId }) => {
    const page = await startImport(context, extensionId);
    // At once, while the file is read or the model loads: before the first segment.
    await page.getByTestId('recording-cancel').click();
    await expect(page.getByTestId('import-cancelled')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('import-cancelled')).toContainText('Ingenting ble lagret');
    await page.getByTestId('nav-sessions').click();
    await expect(page.getByTestId('session-list')).toBeVisible();
    await expect(page.getByTestId('session-row')).toHaveCount(0);
  });

  test('says plainly when a file is not audio, and stores nothing', async ({ context, extensionId }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    const page = workspace.page;
    await page.getByTestId('nav-recordings').click();
    await page.getByTestId('recording-file').setInputFiles({ name: 'notes.mp3', mimeType: 'audio/mpeg', buffer: Buffer.from(readFileSync('package.json')) });
    await page.getByTestId('recording-transcribe').click();
    await expect(page.getByTestId('import-error')).toContainText('notes.mp3');
    await page.getByTestId('nav-sessions').click();
    await expect(page.getByTestId('session-row')).toHaveCount(0);
  });
});
