import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { WorkspacePage } from './pages/workspace';
import { backupWithQuote } from './quote-backup';

const BACKUP_PASSPHRASE = 'sitater på minnepinne';

function go(page: Page, name: string): Promise<unknown> {
  return page.goto(page.url().replace(/#.*$/, '') + `#/${name}`);
}

async function download(page: Page, action: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  return readFileSync((await file.path())!);
}

async function sheetText(page: Page): Promise<string> {
  const bytes = await download(page, () => page.getByTestId('quote-sheet-docx').click());
  return strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
}

test('a participant’s quote sheet is pseudonymised with the replacement list, and quote statuses are kept', async ({ context, extensionId }) => {
  const workspace = await WorkspacePage.open(context, extensionId);
  await workspace.setUpPassphrase();
  const page = workspace.page;
  await go(page, 'privacy');
  await page.getByTestId('restore-file').setInputFiles({ name: 'sitater.intervju', mimeType: 'application/octet-stream', buffer: await backupWithQuote(BACKUP_PASSPHRASE) });
  await page.getByTestId('restore-passphrase').fill(BACKUP_PASSPHRASE);
  await page.getByTestId('restore-start').click();
  await page.getByTestId('restore-start-confirm').click();
  await expect(page.getByTestId('restore-report').locator('[data-store="quotes"]')).toContainText('1', { timeout: 20_000 });

  await go(page, 'participants');
  const row = page.getByTestId('participant-row').filter({ hasText: 'Eva' });
  await row.getByTestId('participant-quotes').click();
  const sheet = page.getByTestId('quote-sheet');
  await expect(sheet.getByTestId('quote-item')).toHaveCount(1);
  await expect(sheet.getByTestId('quote-item')).toHaveAttribute('data-status', 'marked');

  // The sheet leaves the researcher's hands: fictive names only, the participant's place pair too.
  let xml = await sheetText(page);
  expect(xml).toContain('«Det var Lina Berg som hjalp meg i Nordvik»');
  expect(xml).not.toMatch(/Kari|Nordmann|Bodø/);

  await sheet.getByTestId('quote-sheet-sent').click();
  await expect(sheet.getByTestId('quote-item')).toHaveAttribute('data-status', 'sent');
  await sheet.getByTestId('quote-status').selectOption('changed');
  await expect(sheet.getByTestId('quote-item')).toHaveAttribute('data-status', 'changed');
  await sheet.getByTestId('quote-changed-text').fill('Det var Kari Nordmann som hjalp meg mest');
  await sheet.getByTestId('quote-changed-save').click();

  // A better fictive name on the replacement list reaches the next sheet.
  await go(page, 'key-list');
  const shown = page.getByTestId('replacement-list').getByTestId('key-list-entry').filter({ hasText: 'Kari Nordmann' });
  // Once edited in place the names are input values, not text: follow the row by its id.
  const pair = page.locator(`[data-entry-id="${await shown.getAttribute('data-entry-id')}"]`);
  await pair.getByTestId('replacement-edit').click();
  await pair.getByTestId('replacement-fictive').fill('Lina Bakke');
  await pair.getByTestId('replacement-fictive').press('Enter');
  await expect(page.getByTestId('key-list-message')).toContainText('Lina Bakke');

  // A fictive name that is a real one on the list would be replaced again at export: refused.
  await page.getByTestId('key-list-real').fill('Per');
  await page.getByTestId('key-list-fictive').fill('Bodø');
  await page.getByTestId('key-list-add').click();
  await expect(page.getByTestId('key-list-form').getByRole('alert')).toContainText('Bodø');
  await expect(page.getByTestId('key-list-entry')).toHaveCount(2);

  await page.reload();
  await go(page, 'participants');
  await page.getByTestId('participant-row').filter({ hasText: 'Eva' }).getByTestId('participant-quotes').click();
  await expect(page.getByTestId('quote-item')).toHaveAttribute('data-status', 'changed');
  await expect(page.getByTestId('quote-changed-text')).toHaveValue('Det var Kari Nordmann som hjalp meg mest');
  xml = await sheetText(page);
  expect(xml).toContain('Det var Lina Bakke som hjalp meg mest');
  expect(xml).not.toMatch(/Kari|Nordmann|Bodø/);
});
