import { expect, test } from './fixtures';
import { FAKE_MEETING_URLS } from './fake-meetings';
import { EXPECTED, PASTED_GUIDE } from './guide-text';
import { PanelPage } from './pages/panel';
import { WorkspacePage } from './pages/workspace';

/**
 * A 5-minute guide: the whole interview lies inside the end phase (the last 10
 * minutes, src/coverage/pacing.ts), so the open must-ask list and the closing items
 * show from the start without waiting for the clock.
 */
const SHORT_GUIDE = `Intervjuguide: Kort samtale
Varighet: 5 minutter

1. Arbeid (3 min)
! Hva jobber du med?
- Arbeidstid
Hvordan trives du? (må spørres)
Hva gjør du i lunsjen?

2. Avslutning (2 min)
Er det noe du vil legge til?

Etter intervjuet:
- Takk deltakeren for tiden.
- Minn om at deltakeren kan trekke seg uten å oppgi grunn.
`;

test.describe('pacing, must-ask, closing items and the interview summary', () => {
  test('near the end the panel lists open must-ask questions and closing items; the summary downloads pseudonymised', async ({ context, extensionId }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    await workspace.importGuide(SHORT_GUIDE);
    const page = workspace.page;
    // A real name the participant may mention, with its fictive replacement.
    await page.getByTestId('nav-key-list').click();
    await page.getByTestId('key-list-real').fill('Berit Hansen');
    await page.getByTestId('key-list-fictive').fill('Lise Moe');
    await page.getByTestId('key-list-add').click();
    await expect(page.getByTestId('key-list-entry')).toHaveCount(1);

    const call = await context.newPage();
    await call.goto(FAKE_MEETING_URLS.zoom);
    let panel = await PanelPage.inMeeting(call);
    await panel.unlockIfLocked();
    await panel.startInterview('Kari');

    // Must-ask questions carry a worded label in the guide.
    await expect(panel.question('Hva jobber du med?').getByTestId('must-ask-label')).toBeVisible();
    await expect(panel.question('Hva gjør du i lunsjen?').getByTestId('must-ask-label')).toHaveCount(0);

    const open = panel.testId('open-must-ask-item');
    await expect(panel.testId('near-end')).toBeVisible();
    await expect(open).toHaveText([/Hva jobber du med\?/, /Hvordan trives du\?/]);
    // Jump to: the question becomes the current one.
    await open.filter({ hasText: 'Hvordan trives du?' }).getByTestId('open-must-ask-go').click();
    await expect(panel.question('Hvordan trives du?')).toHaveAttribute('aria-current', 'step');
    // Asked: it leaves the list.
    await panel.mark(panel.question('Hva jobber du med?'), 'covered');
    await expect(open).toHaveText([/Hvordan trives du\?/]);

    const closing = panel.testId('closing-item');
    await expect(panel.testId('closing-checklist')).toContainText('Takk deltakeren for tiden.');
    await expect(closing).toHaveCount(2);
    await closing.first().check();
    await panel.testId('note-revise').check();
    await panel.testId('note-input').fill('Berit Hansen ble nevnt; spørsmålet var uklart');
    await panel.testId('note-input').press('Enter');
    await expect(panel.testId('note')).toContainText('Berit');
    await call.screenshot({ path: test.info().outputPath('near-end.png') });

    // The tick is kept with the session: it survives a reload of the call.
    await call.reload();
    panel = await PanelPage.inMeeting(call);
    await expect(panel.testId('closing-item').first()).toBeChecked();
    await expect(panel.testId('closing-item').nth(1)).not.toBeChecked();
    await panel.endInterview();

    // The workspace: the summary of the ended interview.
    await page.getByTestId('nav-sessions').click();
    const row = page.getByTestId('session-row');
    await expect(row).toHaveCount(1);
    await row.getByTestId('session-summary').click();
    const summary = page.getByTestId('interview-summary');
    await expect(summary.locator('h2')).toBeVisible();
    await expect(summary.locator('[data-testid="summary-question"][data-state="covered"]')).toContainText('Hva jobber du med?');
    await expect(summary.locator('[data-testid="summary-question"][data-state="pending"]').first()).toContainText('Hvordan trives du?');
    await expect(summary.getByTestId('summary-probe')).toHaveAttribute('data-state', 'pending');
    await expect(summary.getByTestId('summary-times')).toContainText('Arbeid');
    // Notes are pseudonymised on screen as in the file.
    await expect(summary.getByTestId('summary-note')).toContainText('Lise Moe');
    await expect(summary.getByTestId('summary-note')).not.toContainText('Berit');

    await page.screenshot({ path: test.info().outputPath('interview-summary.png'), fullPage: true });
    const [file] = await Promise.all([page.waitForEvent('download'), summary.getByTestId('summary-download').click()]);
    expect(file.suggestedFilename()).toMatch(/^(oppsummering|summary)-Kari-\d{4}-\d{2}-\d{2}\.md$/);
    const markdown = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
    expect(markdown).toContain('Kari');
    expect(markdown).toContain('Lise Moe');
    expect(markdown).not.toContain('Berit');
    expect(markdown).toMatch(/Hva jobber du med\? \*\*\((må spørres|must ask)\)\*\*/);
    expect(markdown).toMatch(/- \[x\] Takk deltakeren for tiden\./);
    expect(markdown).toMatch(/- \[ \] Minn om at deltakeren/);
  });

  test('must-ask and closing items set in the guide editor reach the panel', async ({ context, extensionId }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    await workspace.importGuide(PASTED_GUIDE, 'Arbeidshverdag');
    const page = workspace.page;
    await page.getByTestId('guide-list-item').filter({ hasText: 'Arbeidshverdag' }).getByTestId('guide-edit').click();
    const editor = page.getByTestId('guide-editor');
    // Five planned minutes: the interview starts inside the end phase.
    await editor.locator('.editor-details .minutes input').fill('5');
    await editor.getByTestId('editor-question').first().getByTestId('editor-must-ask').check();
    await editor.getByTestId('editor-add-closing').click();
    await editor.getByTestId('editor-closing-item').fill('Takk for praten.');
    await page.getByTestId('guide-change-note').fill('Må spørres og avslutning');
    await page.getByTestId('guide-editor-save').click();
    await expect(page.getByTestId('guide-active')).toContainText('2');

    const call = await context.newPage();
    await call.goto(FAKE_MEETING_URLS.teams);
    const panel = await PanelPage.inMeeting(call);
    await panel.unlockIfLocked();
    await panel.startInterview('Ola');
    await expect(panel.question(EXPECTED.questions[0]!).getByTestId('must-ask-label')).toBeVisible();
    await expect(panel.testId('open-must-ask-item')).toHaveText([new RegExp(EXPECTED.questions[0]!.replace('?', '\\?'))]);
    await expect(panel.testId('closing-item')).toHaveCount(1);
    await expect(panel.testId('closing-checklist')).toContainText('Takk for praten.');
  });
});
