import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, fakeAudioArgs, launchWithExtension, test, watchForeignRequests } from './fixtures';
import { PanelPage } from './pages/panel';
import { startInterviewCall, startRecordingCall, storedMarks, storeGivenUtterance } from './pages/recording';

const INTERVIEWER_WAV = path.resolve('tests/e2e/audio/interviewer.wav');

// The example guide, which a first install makes active.
const MISSED = 'Hva savnet du mest fra tiden før?';
const LONELINESS = 'Hva betyr ordet ensomhet for deg?';

test.describe('coverage that follows the conversation', () => {
  test('segments stored while recording become suggestions the panel confirms with one key, and the store keeps', async () => {
    test.setTimeout(180_000);
    const profile = mkdtempSync(path.join(tmpdir(), 'intervju-e2e-suggest-'));
    const context = await launchWithExtension(profile, fakeAudioArgs(INTERVIEWER_WAV), { audible: true });
    try {
      const foreign = watchForeignRequests(context);
      const { extensionId, workspace, call, panel } = await startInterviewCall(context, 'Kari');
      await startRecordingCall(context, extensionId, panel, 'app.zoom.us');
      // Recording runs: "Chrome must be allowed to record this tab" is past.
      await expect(panel.testId('recording-refusal')).toHaveCount(0);

      const missed = panel.question(MISSED);
      const missedId = await missed.getAttribute('data-question-id');
      expect(missedId).toBeTruthy();
      await expect(missed).toHaveAttribute('data-state', 'pending');
      // Far past the fake microphone's speech, so no crosstalk marks the words [uklart].
      expect(
        await storeGivenUtterance(context, { channel: 'interviewer', start: 900, end: 903, text: 'Eh, ka du sakna mest fra tida før, liksom?' }),
      ).toBe(true);
      const suggestion = panel.frame.locator(`[data-testid="coverage-suggestion"][data-item-id="${missedId}"]`);
      await expect(suggestion).toHaveAttribute('data-state', 'pending', { timeout: 15_000 });
      // Nothing is marked until the researcher confirms.
      await expect(missed).toHaveAttribute('data-state', 'pending');

      // One key confirms the newest suggestion: asked, and the current question follows.
      await panel.body().press('y');
      await expect(missed).toHaveAttribute('data-state', 'asked');
      await expect(suggestion).toHaveAttribute('data-state', 'confirmed');
      await expect(missed).toHaveAttribute('aria-current', 'step');

      // The participant talks about two of the question's probes.
      expect(
        await storeGivenUtterance(context, { channel: 'participant', start: 905, end: 910, text: 'Jeg savnet vennene mine veldig, og treningen.' }),
      ).toBe(true);
      const friends = panel.probe('venner');
      const training = panel.probe('trening');
      const friendsId = await friends.getAttribute('data-probe-id');
      const trainingId = await training.getAttribute('data-probe-id');
      const friendsSuggestion = panel.frame.locator(`[data-testid="coverage-suggestion"][data-item-id="${friendsId}"][data-state="pending"]`);
      const trainingSuggestion = panel.frame.locator(`[data-testid="coverage-suggestion"][data-item-id="${trainingId}"][data-state="pending"]`);
      await expect(friendsSuggestion).toBeVisible({ timeout: 15_000 });
      await expect(trainingSuggestion).toBeVisible();
      // What the participant said is one click away.
      await friendsSuggestion.locator('summary').click();
      await expect(friendsSuggestion.getByTestId('suggestion-sentence')).toHaveText('Jeg savnet vennene mine veldig, og treningen.');
      await friendsSuggestion.getByTestId('suggestion-confirm').click();
      await expect(friends).toHaveAttribute('data-state', 'covered');
      await trainingSuggestion.getByTestId('suggestion-dismiss').click();
      await expect(trainingSuggestion).toHaveCount(0);
      await expect(training).toHaveAttribute('data-state', 'pending');

      // Auto-marking on: a recognised question is marked at once, and its section opens.
      await panel.testId('auto-mark-toggle').check();
      await expect(panel.testId('auto-mark-toggle')).toBeChecked();
      const loneliness = panel.question(LONELINESS);
      await expect(loneliness).toBeHidden();
      expect(await storeGivenUtterance(context, { channel: 'interviewer', start: 912, end: 914, text: LONELINESS })).toBe(true);
      await expect(loneliness).toHaveAttribute('data-state', 'asked', { timeout: 15_000 });
      await expect(loneliness).toHaveAttribute('aria-current', 'step');
      await expect(loneliness).toBeVisible();

      // The store keeps the marks with how they came about.
      const lonelinessId = await loneliness.getAttribute('data-question-id');
      expect(await storedMarks(workspace.page)).toEqual([
        { itemId: missedId, state: 'asked', source: 'confirmed' },
        { itemId: friendsId, state: 'covered', source: 'confirmed' },
        { itemId: lonelinessId, state: 'asked', source: 'suggested' },
      ]);
      // …and the panel shows them after a reload of the call.
      await call.reload();
      const reloaded = await PanelPage.inMeeting(call);
      await expect(reloaded.question(MISSED)).toHaveAttribute('data-state', 'asked');
      await expect(reloaded.probe('venner')).toHaveAttribute('data-state', 'covered');
      await expect(reloaded.probe('trening')).toHaveAttribute('data-state', 'pending');
      await expect(reloaded.frame.locator('[data-testid="coverage-suggestion"][data-state="pending"]')).toHaveCount(0);

      // Reloading the call tab ends the recording by itself (`tab-reloaded`); clicking the
      // toggle here would race that stop and could start a new recording instead.
      // Stopping transcribes every utterance still queued ("Stopper … skriver ut det som gjenstår"): with the
      // looped speech of this call and the test model on two cores that has taken over 30 s.
      await expect(reloaded.testId('recording-state')).toHaveAttribute('data-state', 'idle', { timeout: 90_000 });
      await expect(reloaded.frame.locator('[data-testid="recording-problem"][data-kind="tab-reloaded"]')).toHaveCount(1);
      expect(foreign.map((request) => request.url())).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a mouse mark moves the current question, and its section opens', async ({ context }) => {
    const { panel } = await startInterviewCall(context, 'Per');
    const first = panel.testId('guide-question').first();
    await expect(first).toHaveAttribute('aria-current', 'step');
    const loneliness = panel.question(LONELINESS);
    const section = panel.testId('guide-section').filter({ has: loneliness });
    // Open its section by hand and mark the question with the mouse.
    await section.locator('.section-header').click();
    await panel.mark(loneliness, 'asked');
    await expect(loneliness).toHaveAttribute('aria-current', 'step');
    await expect(first).not.toHaveAttribute('aria-current', 'step');
    // A note now lands on that question's section, whose clock starts: the first section closes.
    await expect(section.locator('.section-header')).toHaveAttribute('aria-expanded', 'true');
    await expect(panel.testId('guide-section').first().locator('.section-header')).toHaveAttribute('aria-expanded', 'false');
  });
});
