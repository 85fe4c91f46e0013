/**
 * After the interview, as a researcher works: a transcript in the session view,
 * corrected, pseudonymised, approved and exported in every format; the edits are
 * still there after the browser restarts, the real name is in no export, and no
 * request leaves the browser. The transcript is imported (Teams WebVTT) so its
 * words are known; playing audio is covered by session-view.spec.ts.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expect, launchWithExtension, test, watchForeignRequests } from './fixtures';
import { WorkspacePage } from './pages/workspace';

const REAL_NAME = 'Kari';
const FICTIVE_NAME = 'Lina';
const INTERVIEW_VTT = `WEBVTT

00:00:02.000 --> 00:00:06.000
<v Ingrid Solberg>Hei, og velkommen. Kan du fortelle litt om deg selv?</v>

00:00:06.500 --> 00:00:15.000
<v Maja Lund>Jeg jobber på et sykehjem, sammen med ${REAL_NAME} og to andre.</v>

00:01:10.000 --> 00:01:16.000
<v Ingrid Solberg>Hvordan er det å jobbe der?</v>

00:01:16.500 --> 00:01:30.000
<v Maja Lund>Det er fint. Vi snakker mye, og ${REAL_NAME} sier at vi er et godt lag.</v>
`;
const FORMATS = ['docx', 'txt', 'vtt', 'srt', 'qdpx'] as const;

/** A downloaded export's text: every file inside a zip (.docx, .qdpx), or the file itself. */
function exportedText(name: string, bytes: Buffer): string {
  if (!/\.(docx|qdpx)$/u.test(name)) return bytes.toString('utf8');
  return Object.values(unzipSync(new Uint8Array(bytes)))
    .map((file) => strFromU8(file))
    .join('\n');
}

async function exportEach(page: Page, panel: Locator): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const format of FORMATS) {
    await panel.locator(`[data-testid="export-format"][data-format="${format}"]`).check();
    const [file] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('export-download').click()]);
    texts.set(format, exportedText(file.suggestedFilename(), readFileSync((await file.path())!)));
  }
  return texts;
}

test('a transcript read, corrected, pseudonymised, approved and exported; kept across a restart; the real name in no export', async ({ context, profile, extensionId }) => {
  test.setTimeout(180_000);
  const foreign = watchForeignRequests(context);
  const workspace = await WorkspacePage.open(context, extensionId);
  await workspace.setUpPassphrase();
  const page = workspace.page;

  await page.getByTestId('nav-recordings').click();
  const form = page.getByTestId('transcript-import');
  await form.getByTestId('transcript-file').setInputFiles({ name: 'intervju.vtt', mimeType: 'text/vtt', buffer: Buffer.from(INTERVIEW_VTT) });
  const preview = form.getByTestId('transcript-preview');
  const speakers = preview.getByTestId('transcript-speaker');
  await speakers.filter({ hasText: 'Ingrid Solberg' }).getByTestId('transcript-role').selectOption('interviewer');
  await speakers.filter({ hasText: 'Maja Lund' }).getByTestId('transcript-role').selectOption('participant');
  await preview.getByTestId('transcript-participant').selectOption('new');
  await preview.getByTestId('transcript-pseudonym').fill('Sol');
  await preview.getByTestId('transcript-save').click();
  await expect(form.getByTestId('transcript-done')).toHaveAttribute('data-segments', '4');

  await page.getByTestId('nav-sessions').click();
  const sessionId = (await page.getByTestId('session-row').getAttribute('data-session-id')) ?? '';
  const view = await workspace.openSession(sessionId);
  await expect(view.getByTestId('transcript-turn')).toHaveCount(4);
  await expect(view.getByTestId('transcript-turn').nth(1)).toHaveAttribute('data-channel', 'participant');

  // A correction, stored at once.
  const first = view.getByTestId('transcript-segment').first();
  await first.getByTestId('segment-edit-open').click();
  await first.getByTestId('segment-edit').fill('Hei, og velkommen hit. Kan du fortelle litt om deg selv?');
  await first.getByTestId('segment-edit').blur();
  await expect(first).toHaveAttribute('data-edited', 'true');

  // Pseudonymise: the name is suggested in context; "always" replaces it everywhere.
  const review = view.getByTestId('pseudonym-review');
  const suggestion = review.getByTestId('pseudonym-suggestion');
  for (let skipped = 0; (await suggestion.getByTestId('pseudonym-found').textContent()) !== REAL_NAME; skipped++) {
    expect(skipped, `no suggestion for ${REAL_NAME}`).toBeLessThan(10);
    await review.getByTestId('pseudonym-skip').click();
  }
  await review.getByTestId('pseudonym-fictive').fill(FICTIVE_NAME);
  await review.getByTestId('pseudonym-always').click();
  const transcript = view.getByTestId('transcript');
  await expect(transcript).toContainText(`sammen med ${FICTIVE_NAME} og to andre`);
  await expect(transcript).toContainText(`${FICTIVE_NAME} sier at`);
  await expect(transcript).not.toContainText(REAL_NAME);

  await view.getByTestId('approve-transcript').click();
  await view.getByTestId('approve-transcript-confirm').click();
  await expect(view.getByTestId('transcript-approved')).toBeVisible();

  const exported = await exportEach(page, view.locator('[data-slot="export"]').getByTestId('export-panel'));
  for (const [format, text] of exported) {
    expect(text, format).toContain(FICTIVE_NAME);
    expect(text, format).not.toContain(REAL_NAME);
  }
  expect(exported.get('txt')).toContain('velkommen hit');
  expect(foreign.map((request) => request.url())).toEqual([]);

  // The browser restarts: the corrected, pseudonymised transcript is still there.
  await context.close();
  const restarted = await launchWithExtension(profile);
  try {
    const again = await WorkspacePage.open(restarted, extensionId);
    await again.unlock();
    const reopened = await again.openSession(sessionId);
    await expect(reopened.getByTestId('transcript-segment').first()).toContainText('velkommen hit');
    await expect(reopened.getByTestId('transcript')).toContainText(`sammen med ${FICTIVE_NAME}`);
    await expect(reopened.getByTestId('transcript')).not.toContainText(REAL_NAME);
  } finally {
    await restarted.close();
  }
});
