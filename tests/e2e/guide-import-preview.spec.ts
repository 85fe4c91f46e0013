import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { WorkspacePage } from './pages/workspace';

const NOTES_AFTER_HEADINGS = readFileSync('src/guide/fixtures/notes-after-headings.txt', 'utf8');

test('the guide import preview shows each part with its question count, and keeps the typed title', async ({ context, extensionId }) => {
  const workspace = await WorkspacePage.open(context, extensionId);
  await workspace.setUpPassphrase();
  const page = workspace.page;
  await page.getByTestId('nav-guides').click();
  await page.getByTestId('guide-import-title').fill('Pårørende – pilot');
  await page.getByTestId('guide-import-text').fill(NOTES_AFTER_HEADINGS);
  const parts = page.getByTestId('guide-import-outline').getByTestId('guide-import-outline-section');
  await expect(parts).toHaveCount(4);
  expect(await parts.evaluateAll((items) => items.map((item) => [item.querySelector('strong')?.textContent, item.getAttribute('data-questions')]))).toEqual([
    ['Om deg og din situasjon', '2'],
    ['Hverdagen som pårørende', '3'],
    ['Møtet med tjenestene', '2'],
    ['Avslutning', '1'],
  ]);
  await page.getByTestId('guide-import-save').click();
  await expect(page.getByTestId('guide-message')).toContainText('Pårørende – pilot');
  await expect(page.getByTestId('guide-list-item').filter({ hasText: 'Pårørende – pilot' })).toHaveCount(1);
});
