import { expect, test } from './fixtures';
import { FAKE_MEETING_URLS } from './fake-meetings';
import { PASTED_GUIDE } from './guide-text';
import { PanelPage } from './pages/panel';
import { WorkspacePage } from './pages/workspace';

test.describe('guide editor and versions', () => {
  test('editing by mouse and keyboard saves a new version; a session keeps the version it used', async ({ context, extensionId }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    await workspace.importGuide(PASTED_GUIDE, 'Arbeidshverdag');
    const page = workspace.page;

    // An interview on version 1.
    const call = await context.newPage();
    await call.goto(FAKE_MEETING_URLS.teams);
    const panel = await PanelPage.inMeeting(call);
    await panel.unlockIfLocked();
    await panel.startInterview('Ola');

    await page.getByTestId('guide-list-item').filter({ hasText: 'Arbeidshverdag' }).getByTestId('guide-edit').click();
    const editor = page.getByTestId('guide-editor');
    const firstQuestion = editor.getByTestId('editor-question').first().locator('input').first();
    await firstQuestion.fill('Kan du fortelle om deg selv og jobben din?');
    // Alt+↓ moves the question below the next one.
    await firstQuestion.press('Alt+ArrowDown');
    await expect(editor.getByTestId('editor-question').nth(1).locator('input').first()).toHaveValue('Kan du fortelle om deg selv og jobben din?');
    // Remove the second section's last question with its button.
    const secondSection = editor.getByTestId('editor-section').nth(1);
    await secondSection.getByTestId('editor-question').last().getByRole('button', { name: /Fjern|Remove/ }).first().click();
    await expect(secondSection.getByTestId('editor-question')).toHaveCount(1);

    await expect(page.getByTestId('guide-editor-save')).toBeDisabled();
    await page.getByTestId('guide-change-note').fill('Etter pilot: slått sammen første spørsmål');
    await page.getByTestId('guide-editor-save').click();
    await expect(page.getByTestId('guide-message')).toContainText('2');
    await expect(page.getByTestId('guide-active')).toContainText('2');

    // The running interview still shows version 1's wording.
    await expect(panel.question('Kan du fortelle litt om deg selv?')).toBeAttached();
  });

  test('a malformed guide file is refused with where and why, and nothing changes', async ({ context, extensionId }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    const page = workspace.page;
    // A first install brings the example guide: wait for the list to show it before counting.
    await expect(page.getByTestId('guide-list-item').first()).toBeVisible();
    const before = await page.getByTestId('guide-list-item').count();
    const broken = JSON.stringify({ format: 'intervju-guide', formatVersion: 1, guide: { id: 'g', version: 1, title: 'X', sections: [{ id: 's', title: '', questions: 'nei' }] } });
    await page.getByTestId('guide-import-json').setInputFiles({ name: 'guide.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    await expect(page.getByTestId('guide-import-error')).toContainText('sections[0]');
    await expect(page.getByTestId('guide-list-item')).toHaveCount(before);
  });
});
