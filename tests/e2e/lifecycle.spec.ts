import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expect, extensionIdOf, launchWithExtension, test } from './fixtures';
import { FAKE_MEETING_URLS } from './fake-meetings';
import { PASTED_GUIDE } from './guide-text';
import { PanelPage } from './pages/panel';
import { TEST_PASSPHRASE, WorkspacePage } from './pages/workspace';

const NOTE = 'Kari nevnte at lederen het Berit';
const BACKUP_PASSPHRASE = 'backup på minnepinne';

/** A date `days` from today in the browser's local calendar, as the date input wants it. */
function isoDateIn(days: number): string {
  const date = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function go(workspace: WorkspacePage, page: string): Promise<unknown> {
  return workspace.page.goto(workspace.page.url().replace(/#.*$/, '') + `#/${page}`);
}

/** Passphrase, a guide, a project ending in `days` days, and an interview with Kari holding one note (ended when asked). */
async function projectWithKari(context: BrowserContext, extensionId: string, days = 10, endInterview = false): Promise<WorkspacePage> {
  const workspace = await WorkspacePage.open(context, extensionId);
  await workspace.setUpPassphrase();
  await workspace.importGuide(PASTED_GUIDE, 'Arbeidshverdag i sykepleien');
  await go(workspace, 'project');
  await workspace.page.getByTestId('project-title').fill('Sykepleiestudien');
  await workspace.page.getByTestId('project-end-date').fill(isoDateIn(days));
  await workspace.page.getByTestId('project-save').click();
  await expect(workspace.page.getByTestId('project-message')).toBeVisible();

  const call = await context.newPage();
  await call.goto(FAKE_MEETING_URLS.teams);
  const panel = await PanelPage.inMeeting(call);
  await panel.unlockIfLocked();
  await panel.startInterview('Kari');
  await panel.testId('note-input').fill(NOTE);
  await panel.testId('note-input').press('Enter');
  await expect(panel.testId('note')).toContainText('Berit');
  if (endInterview) {
    await panel.endInterview();
  }
  await call.close();
  return workspace;
}

async function download(page: Page, action: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  return readFileSync((await file.path())!);
}

function participantRow(page: Page, pseudonym: string) {
  return page.getByTestId('participant-row').filter({ hasText: pseudonym });
}

async function restore(workspace: WorkspacePage, bytes: Buffer, passphrase: string): Promise<void> {
  const page = workspace.page;
  await page.getByTestId('restore-file').setInputFiles({ name: 'intervju-backup.intervju', mimeType: 'application/octet-stream', buffer: bytes });
  await page.getByTestId('restore-passphrase').fill(passphrase);
  await page.getByTestId('restore-start').click();
  await page.getByTestId('restore-start-confirm').click();
}

test.describe('research-ethics lifecycle in the workspace', () => {
  test('warns before the end date, and withdrawing a participant deletes them with a verified receipt', async ({ context, extensionId }) => {
    const workspace = await projectWithKari(context, extensionId, 10);
    const page = workspace.page;
    await expect(page.getByTestId('end-date-banner')).toHaveAttribute('data-warning', '30');
    await expect(page.getByTestId('project-days-left')).toHaveAttribute('data-days-left', '10');

    await go(workspace, 'participants');
    const row = participantRow(page, 'Kari');
    await expect(row).toHaveCount(1);
    await row.getByTestId('participant-withdraw').click();
    await expect(row.getByTestId('participant-withdraw-dialog')).toContainText('Kari');
    await row.getByTestId('participant-withdraw-confirm').click();

    const receipt = page.getByTestId('deletion-receipt');
    await expect(receipt).toHaveAttribute('data-verified', 'true');
    await expect(receipt.locator('[data-store="participants"]')).toContainText('1');
    await expect(receipt.locator('[data-store="sessions"]')).toContainText('1');
    await expect(receipt.locator('[data-store="notes"]')).toContainText('1');
    await expect(participantRow(page, 'Kari')).toHaveCount(0);
    await go(workspace, 'sessions');
    await expect(page.getByTestId('session-row')).toHaveCount(0);
  });

  test('names the bundled transcription model, flags the test model, and keeps the choice', async ({ context, extensionId }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    const page = workspace.page;
    await go(workspace, 'project');
    const choices = page.getByTestId('model-choice');
    // "Automatic" and the one model this build carries (the test model).
    await expect(choices).toHaveCount(2);
    await expect(choices.first()).toBeChecked();
    await expect(page.getByTestId('transcription-model-section')).toContainText(/TESTMODELL|TEST MODEL/i);
    await expect(page.getByTestId('model-choice-test-warning')).toBeVisible();
    await page.locator('[data-testid="model-choice"][data-model="intervju-test-tiny"]').check();
    await expect(page.getByTestId('model-choice-saved')).toBeVisible();
    await page.reload();
    await go(workspace, 'project');
    await expect(page.locator('[data-testid="model-choice"][data-model="intervju-test-tiny"]')).toBeChecked();
  });

  test('approves an ended interview from the sessions page', async ({ context, extensionId }) => {
    const workspace = await projectWithKari(context, extensionId, 10, true);
    const page = workspace.page;
    await go(workspace, 'sessions');
    const row = page.getByTestId('session-row');
    await expect(row.getByTestId('session-audio')).toHaveAttribute('data-has-audio', 'false');
    await row.getByTestId('session-approve').click();
    await expect(row.getByTestId('session-approve-dialog')).toContainText('ingen lagret lyd');
    await row.getByTestId('session-approve-confirm').click();
    await expect(page.getByTestId('session-message')).toContainText('godkjent');
    await expect(row).toContainText('godkjent');
    await expect(row.getByTestId('session-approve')).toHaveCount(0);
  });

  test("exports a participant's data as a zip with the JSON and a readable transcript", async ({ context, extensionId }) => {
    const workspace = await projectWithKari(context, extensionId);
    await go(workspace, 'participants');
    const row = participantRow(workspace.page, 'Kari');
    const zip = unzipSync(new Uint8Array(await download(workspace.page, () => row.getByTestId('participant-export').click())));
    expect(Object.keys(zip)).toContain('data.json');
    expect(Object.keys(zip)).toContain('transcript-Kari.txt');
    const data = JSON.parse(strFromU8(zip['data.json']!)) as { participant: { pseudonym: string }; notes: { text: string }[] };
    expect(data.participant.pseudonym).toBe('Kari');
    expect(data.notes.map((note) => note.text)).toEqual([NOTE]);
  });

  test('backs up and restores the project; a tampered backup is refused and changes nothing', async ({ context, extensionId }) => {
    const workspace = await projectWithKari(context, extensionId);
    const page = workspace.page;
    await go(workspace, 'privacy');
    await page.getByTestId('backup-passphrase').fill(BACKUP_PASSPHRASE);
    await page.getByTestId('backup-passphrase-repeat').fill(BACKUP_PASSPHRASE);
    const backup = await download(page, () => page.getByTestId('backup-create').click());
    expect(backup.subarray(0, 15).toString('latin1')).toBe('INTERVJU-BACKUP');
    expect(backup.includes(Buffer.from('Berit'))).toBe(false);

    await go(workspace, 'participants');
    await participantRow(page, 'Kari').getByTestId('participant-withdraw').click();
    await participantRow(page, 'Kari').getByTestId('participant-withdraw-confirm').click();
    await expect(participantRow(page, 'Kari')).toHaveCount(0);

    await go(workspace, 'privacy');
    const tampered = Buffer.from(backup);
    const middle = Math.floor(tampered.length / 2);
    tampered[middle] = tampered[middle]! ^ 0x01;
    await restore(workspace, tampered, BACKUP_PASSPHRASE);
    await expect(page.getByTestId('restore-error')).toContainText('endret eller skadet');
    await restore(workspace, backup.subarray(0, backup.length - 100), BACKUP_PASSPHRASE);
    await expect(page.getByTestId('restore-error')).toContainText('ufullstendig');
    await restore(workspace, backup, 'ikke riktig frase');
    await expect(page.getByTestId('restore-error')).toContainText('Feil passordfrase');
    await go(workspace, 'participants');
    await expect(page.getByTestId('participant-row')).toHaveCount(0);

    await go(workspace, 'privacy');
    await restore(workspace, backup, BACKUP_PASSPHRASE);
    await expect(page.getByTestId('restore-report')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('restore-report').locator('[data-store="notes"]')).toContainText('1');
    await go(workspace, 'participants');
    const row = participantRow(page, 'Kari');
    await expect(row).toHaveCount(1);
    const zip = unzipSync(new Uint8Array(await download(page, () => row.getByTestId('participant-export').click())));
    expect(strFromU8(zip['data.json']!)).toContain(NOTE);
  });

  test('a wrong passphrase on unlock says so and opens nothing', async ({ context, extensionId }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    await workspace.page.getByTestId('lock-now').click();
    await workspace.unlock('feil passordfrase her');
    await expect(workspace.page.getByTestId('passphrase-error')).toContainText('Feil passordfrase');
    await expect(workspace.page.getByTestId('lock-now')).toHaveCount(0);
    await workspace.unlock(TEST_PASSPHRASE);
    await expect(workspace.page.getByTestId('lock-now')).toBeVisible({ timeout: 20_000 });
  });

  test('deleting all project data by hand asks for the title, reports a verified receipt and forgets the passphrase', async ({
    context,
    extensionId,
  }) => {
    const workspace = await projectWithKari(context, extensionId);
    const page = workspace.page;
    await go(workspace, 'project');
    await page.getByTestId('project-delete-all').click();
    const confirm = page.getByTestId('project-delete-all-confirm');
    await expect(confirm).toBeDisabled();
    await page.getByTestId('project-delete-all-typed').fill('Sykepleiestudien');
    await confirm.click();

    const notice = page.getByTestId('last-deletion');
    await expect(notice).toHaveAttribute('data-kind', 'project-deleted-by-hand');
    await expect(notice.getByTestId('deletion-receipt')).toHaveAttribute('data-verified', 'true');
    await expect(notice.locator('[data-store="participants"]')).toContainText('1');
    await expect(notice.locator('[data-store="vault"]')).toContainText('1');
    // The vault went with the data: the next step is choosing a new passphrase.
    await expect(page.getByTestId('passphrase-confirm')).toBeVisible();
  });

  test('the key list keeps real names apart: add, delete one, delete all', async ({ context, extensionId }) => {
    const workspace = await projectWithKari(context, extensionId);
    const page = workspace.page;
    await go(workspace, 'key-list');
    for (const [real, fictive] of [
      ['Kari Nordmann', 'Kari'],
      ['Haukeland', 'Sykehuset'],
    ] as const) {
      await page.getByTestId('key-list-real').fill(real);
      await page.getByTestId('key-list-fictive').fill(fictive);
      await page.getByTestId('key-list-add').click();
    }
    await expect(page.getByTestId('key-list-entry')).toHaveCount(2);
    const hospital = page.getByTestId('key-list-entry').filter({ hasText: 'Haukeland' });
    await hospital.getByTestId('key-list-delete').click();
    await hospital.getByTestId('key-list-delete-confirm').click();
    await expect(page.getByTestId('key-list-entry')).toHaveCount(1);

    const exported = await download(page, async () => {
      await page.getByTestId('key-list-export').click();
      await page.getByTestId('key-list-export-confirm').click();
    });
    expect(JSON.parse(exported.toString('utf8')).entries).toMatchObject([{ real: 'Kari Nordmann', fictive: 'Kari' }]);

    await page.getByTestId('key-list-delete-all').click();
    await page.getByTestId('key-list-delete-all-confirm').click();
    await expect(page.getByTestId('key-list-message')).toContainText('1');
    await expect(page.getByTestId('key-list-entry')).toHaveCount(0);
  });
});

test.describe('project end date', () => {
  test('on the end date the workspace offers a backup, and the background deletes everything at the next start', async ({
    profile,
    context,
    extensionId,
  }) => {
    // A running interview would be finished first; this one has ended.
    const workspace = await projectWithKari(context, extensionId, 0, true);
    const page = workspace.page;
    await go(workspace, 'sessions');
    const ended = page.getByTestId('project-ended');
    await expect(ended).toContainText('Sykepleiestudien');
    await expect(ended.getByTestId('backup-create')).toBeVisible();
    await expect(page.getByTestId('session-list')).toHaveCount(0);

    await context.close();
    const restarted = await launchWithExtension(profile);
    try {
      const again = await WorkspacePage.open(restarted, await extensionIdOf(restarted));
      const notice = again.page.getByTestId('last-deletion');
      await expect(notice).toHaveAttribute('data-kind', 'project-end-automatic', { timeout: 20_000 });
      await expect(notice.getByTestId('deletion-receipt')).toHaveAttribute('data-verified', 'true');
      await expect(notice.locator('[data-store="notes"]')).toContainText('1');
      await expect(again.page.getByTestId('passphrase-confirm')).toBeVisible();
    } finally {
      await restarted.close();
    }
  });
});
