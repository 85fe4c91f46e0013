import type { Page } from '@playwright/test';
import { expect, openExtensionPage, test } from './fixtures';
import { EXPECTED, PASTED_GUIDE } from './guide-text';
import { PanelPage } from './pages/panel';
import { startInterviewCall } from './pages/recording';
import { WorkspacePage } from './pages/workspace';
import { blocking, describeFindings, runAxe } from './pages/axe';
import { storedCoverage, storedRecords } from './pages/stored-records';

/** The stored marks with their session (ids and states are kept in clear), in the order they were made. */
async function marksBySession(extensionPage: Page): Promise<{ sessionId: string; itemId: string; state: string }[]> {
  return storedCoverage<{ sessionId: string; itemId: string; state: string; time: number; order: number }>(extensionPage);
}

/** Every stored version of every guide (guides are kept in clear). */
function storedGuides(extensionPage: Page) {
  return storedRecords<{ id: string; version: number; changeNote: string; sections: { plannedMinutes: number | null; questions: { id: string; text: string }[] }[] }>(extensionPage, 'guides');
}

/** The practice page's panel, unlocked. */
async function practicePanel(page: Page): Promise<PanelPage> {
  const panel = await PanelPage.inMeeting(page);
  await panel.unlockIfLocked();
  return panel;
}

async function addNote(panel: PanelPage, text: string, revise: boolean): Promise<void> {
  await panel.testId('note-input').fill(text);
  if (revise) await panel.testId('note-revise').check();
  await panel.testId('note-save').click();
  await expect(panel.testId('note').filter({ hasText: text })).toBeVisible();
}

test.describe('pilot rehearsal', () => {
  test('the practice page runs its own pilot and never shows or changes the live interview', async ({ context, foreignRequests }) => {
    const { extensionId, workspace, call, panel: live } = await startInterviewCall(context, 'Kari');
    await workspace.importGuide(PASTED_GUIDE, 'Arbeidshverdag i sykepleien');
    // The interview began on the guide active then (the example guide): mark its first question.
    const liveFirst = live.testId('guide-question').first();
    await live.mark(liveFirst, 'covered');
    await addNote(live, 'Notat fra intervjuet', false);

    const practice = await openExtensionPage(context, extensionId, 'practice.html');
    let rehearsal = await practicePanel(practice);
    await expect(rehearsal.root).toHaveAttribute('data-scope', 'practice');
    // No live session here: the start form, for a pilot only.
    await expect(rehearsal.testId('interview-start')).toBeVisible();
    await expect(rehearsal.testId('participant-pseudonym')).toHaveCount(0);
    await expect(rehearsal.testId('interview-kind-pilot')).toHaveCount(0);
    await rehearsal.testId('interview-start').click();
    await expect(rehearsal.testId('elapsed')).toBeVisible();
    await expect(rehearsal.root.locator('.panel-title')).toContainText('Pilot');
    await expect(rehearsal.testId('note')).toHaveCount(0);
    await rehearsal.mark(rehearsal.question(EXPECTED.questions[1]!), 'asked');
    await addNote(rehearsal, 'Øvingsnotat', true);
    // The panel's own keys act on the pilot too.
    await rehearsal.body().press('c');
    await expect(rehearsal.question(EXPECTED.questions[1]!)).toHaveAttribute('data-state', 'covered');

    // The live interview, read again from the store: its marks and notes as they were.
    await call.reload();
    const liveAgain = await PanelPage.inMeeting(call);
    await liveAgain.unlockIfLocked();
    await expect(liveAgain.root.locator('.panel-title')).toContainText('Kari');
    await expect(liveAgain.testId('guide-question').first()).toHaveAttribute('data-state', 'covered');
    await expect(liveAgain.testId('note')).toHaveCount(1);
    await expect(liveAgain.testId('note')).toContainText('Notat fra intervjuet');

    const sessions = workspace.page;
    await sessions.goto(`chrome-extension://${extensionId}/workspace.html#/sessions`);
    const interviewRow = sessions.locator('[data-testid="session-row"][data-kind="interview"]');
    const pilotRow = sessions.locator('[data-testid="session-row"][data-kind="pilot"]');
    await expect(interviewRow).toHaveCount(1);
    await expect(pilotRow).toHaveCount(1);
    const interviewId = (await interviewRow.getAttribute('data-session-id'))!;
    const pilotId = (await pilotRow.getAttribute('data-session-id'))!;
    const marks = await marksBySession(sessions);
    expect(marks.filter((mark) => mark.sessionId === interviewId).map((mark) => mark.state)).toEqual(['covered']);
    expect(marks.filter((mark) => mark.sessionId === pilotId).map((mark) => mark.state)).toEqual(['asked', 'covered']);

    // Opened again, the practice page continues its pilot.
    await practice.reload();
    rehearsal = await practicePanel(practice);
    await expect(rehearsal.question(EXPECTED.questions[1]!)).toHaveAttribute('data-state', 'covered');
    await expect(rehearsal.testId('note')).toContainText('Øvingsnotat');
    expect(foreignRequests).toEqual([]);
  });

  test('a pilot with flagged notes produces the next guide version, and its timing feeds the planned minutes', async ({ context, extensionId, foreignRequests }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    await workspace.importGuide(PASTED_GUIDE, 'Arbeidshverdag i sykepleien');
    const practice = await openExtensionPage(context, extensionId, 'practice.html');
    const rehearsal = await practicePanel(practice);
    await rehearsal.testId('interview-start').click();
    await expect(rehearsal.testId('elapsed')).toBeVisible();
    await rehearsal.mark(rehearsal.question(EXPECTED.questions[0]!), 'asked');
    await addNote(rehearsal, 'Deltakeren svarte bare på det første', true);
    // The second part opens when the talk gets there; here the interviewer opens it.
    await rehearsal.testId('guide-section').nth(1).locator('.section-header').click();
    await rehearsal.mark(rehearsal.question(EXPECTED.questions[2]!), 'asked');
    await addNote(rehearsal, 'Et vanlig notat', false);
    await rehearsal.endInterview();

    const page = workspace.page;
    await page.goto(`chrome-extension://${extensionId}/workspace.html#/sessions`);
    const pilotRow = page.locator('[data-testid="session-row"][data-kind="pilot"]');
    await pilotRow.getByTestId('session-revise').click();
    const revise = page.getByTestId('revise-guide');
    await expect(revise).toBeVisible();
    await expect(revise.getByTestId('pilot-feedback')).toBeVisible();
    // The revise view is a workspace page like the others: nothing serious for axe (docs/accessibility.md).
    const serious = blocking(await runAxe(page));
    expect(serious, describeFindings('workspace: revise guide', serious)).toEqual([]);
    const first = revise.getByTestId('revise-question').first();
    await expect(first).toHaveAttribute('data-notes', '1');
    await expect(first.getByTestId('revise-note')).toHaveText(/Deltakeren svarte bare på det første/);
    // The ordinary note is no revise note.
    await expect(revise.getByTestId('revise-note')).toHaveCount(1);

    await first.getByTestId('revise-question-text').fill('Fortell litt om deg selv.');
    await revise.getByTestId('revise-apply-minutes').click();
    await revise.getByTestId('revise-change-note').fill('Etter piloten: ett spørsmål om gangen');
    // Nothing is saved before the changes were shown side by side.
    await expect(revise.getByTestId('revise-save')).toBeDisabled();
    await revise.getByTestId('revise-show-diff').click();
    const changed = revise.getByTestId('revise-diff-row').filter({ hasText: 'Fortell litt om deg selv.' });
    await expect(changed).toHaveCount(1);
    await expect(changed.locator('td.before')).toHaveText(EXPECTED.questions[0]!);
    await revise.getByTestId('revise-save').click();
    await expect(revise.getByTestId('revise-message')).toHaveAttribute('data-version', '2');

    const stored = (await storedGuides(page)).filter((guide) => guide.sections[0]?.questions[0]?.text.startsWith('Kan du fortelle') || guide.version === 2);
    const next = stored.find((guide) => guide.version === 2)!;
    expect(next.changeNote).toBe('Etter piloten: ett spørsmål om gangen');
    expect(next.sections[0]!.questions[0]!.text).toBe('Fortell litt om deg selv.');
    // The pilot spent a minute at most in the first section: planned 1 minute (was 10).
    expect(next.sections[0]!.plannedMinutes).toBe(1);
    const previous = stored.find((guide) => guide.id === next.id && guide.version === 1)!;
    expect(previous.sections[0]!.questions[0]!.text).toBe(EXPECTED.questions[0]);

    // The guides page shows the expected length from the pilot.
    await page.goto(`chrome-extension://${extensionId}/workspace.html#/guides`);
    const item = page.locator(`[data-testid="guide-list-item"][data-guide-id="${next.id}"]`);
    await expect(item.getByTestId('guide-expected-duration')).toHaveAttribute('data-pilots', '1');
    await expect(item.getByTestId('guide-revise')).toBeVisible();

    // A pilot can be deleted at any time.
    await page.goto(`chrome-extension://${extensionId}/workspace.html#/sessions`);
    await pilotRow.getByTestId('session-delete').click();
    await page.getByTestId('session-delete-confirm').click();
    await expect(pilotRow).toHaveCount(0);
    expect(foreignRequests).toEqual([]);
  });
});

