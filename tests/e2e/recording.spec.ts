import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clickToolbarButton, expect, extensionIdOf, fakeAudioArgs, launchWithExtension, test, watchForeignRequests } from './fixtures';
import { PanelPage } from './pages/panel';
import { startInterviewCall } from './pages/recording';
import { WorkspacePage } from './pages/workspace';

const INTERVIEWER_WAV = path.resolve('tests/e2e/audio/interviewer.wav');

test.describe('recording a call', () => {
  test('transcribes both sides locally, in time order, and marks the dropout [uklart]', async () => {
    test.setTimeout(180_000);
    const profile = mkdtempSync(path.join(tmpdir(), 'intervju-e2e-rec-'));
    const context = await launchWithExtension(profile, fakeAudioArgs(INTERVIEWER_WAV), { audible: true });
    try {
      const foreign = watchForeignRequests(context);
      const { extensionId, workspace, call, panel } = await startInterviewCall(context, 'Kari');

      // Recording waits for the consent checklist.
      await expect(panel.testId('recording-toggle')).toBeDisabled();
      const items = panel.testId('consent-item');
      for (let index = 0; index < (await items.count()); index++) await items.nth(index).check();
      await expect(panel.testId('recording-toggle')).toBeEnabled();

      // Without the toolbar click Chrome refuses tab capture: the panel says what to do.
      await panel.testId('recording-toggle').click();
      await expect(panel.testId('recording-refusal')).toHaveAttribute('data-reason', 'capture-not-granted');
      await clickToolbarButton(context, extensionId, 'app.zoom.us');
      await expect(panel.testId('recording-state')).toHaveAttribute('data-state', 'recording', { timeout: 20_000 });
      await expect(panel.testId('transcription-model')).toContainText(/TESTMODELL|TEST MODEL/);
      // Silero VAD, not the energy fallback, cuts the utterances.
      await expect(panel.testId('transcription-model')).toHaveAttribute('data-voice-detector', 'silero');
      await expect(panel.frame.locator('[data-testid="recording-warning"][data-kind="voice-detector-fallback"]')).toHaveCount(0);
      await expect(panel.testId('channel-level')).toHaveCount(2);

      // The participant speaks once the interviewer's question is over.
      await call.waitForTimeout(5000);
      expect(await call.evaluate(() => (window as unknown as { __playParticipant(): Promise<boolean> }).__playParticipant())).toBe(true);
      // While the participant is still talking, the text so far shows as provisional.
      const provisional = panel.frame.locator('[data-testid="segment-provisional"][data-channel="participant"]');
      await expect(provisional.first()).toBeAttached({ timeout: 20_000 });
      await expect(provisional.first()).toContainText(/foreløpig/);

      await expect(panel.frame.locator('[data-testid="segment"][data-channel="interviewer"]').first()).toBeAttached({ timeout: 60_000 });
      await expect(panel.frame.locator('[data-testid="segment"][data-channel="participant"]').first()).toBeAttached({ timeout: 60_000 });
      const dropout = panel.frame.locator('[data-testid="segment"][data-channel="participant"] [data-testid="uklart"]');
      await expect(dropout.first()).toBeAttached({ timeout: 60_000 });
      const spans = await dropout.evaluateAll((marks) =>
        marks.map((mark) => Number(mark.getAttribute('data-end')) - Number(mark.getAttribute('data-start'))),
      );
      // The file has two seconds of lost audio inside speech.
      expect(Math.max(...spans)).toBeGreaterThan(1.5);

      // Once the finals are stored, no provisional text is left.
      await expect(panel.testId('segment-provisional')).toHaveCount(0, { timeout: 30_000 });

      const starts = await panel.testId('segment').evaluateAll((segments) => segments.map((segment) => Number(segment.getAttribute('data-start'))));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      await expect(panel.testId('segment').first().locator('.time')).toHaveText(/^\d+:\d{2}$/);

      await panel.testId('recording-toggle').click();
      await expect(panel.testId('recording-state')).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
      expect(foreign.map((request) => request.url())).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

test.describe('recording without a browser call', () => {
  test('one microphone for both speakers (a phone on speaker) transcribes into the side panel', async () => {
    test.setTimeout(120_000);
    const profile = mkdtempSync(path.join(tmpdir(), 'intervju-e2e-single-'));
    const context = await launchWithExtension(profile, fakeAudioArgs(INTERVIEWER_WAV), { audible: true });
    try {
      const extensionId = await extensionIdOf(context);
      const workspace = await WorkspacePage.open(context, extensionId);
      await workspace.setUpPassphrase();
      // The side panel shows panel.html for any tab; here it is opened as a tab of its own.
      const side = await context.newPage();
      await side.goto(`chrome-extension://${extensionId}/panel.html`);
      const panel = new PanelPage(side);
      await panel.unlockIfLocked();
      await panel.startInterview('Per');
      const items = panel.testId('consent-item');
      for (let index = 0; index < (await items.count()); index++) await items.nth(index).check();
      await expect(panel.testId('recording-mode')).toHaveValue('single');
      await panel.testId('recording-toggle').click();
      await expect(panel.testId('recording-state')).toHaveAttribute('data-state', 'recording', { timeout: 20_000 });
      await expect(panel.testId('channel-level')).toHaveCount(1);
      await expect(panel.frame.locator('[data-testid="segment"][data-channel="mixed"]').first()).toBeAttached({ timeout: 60_000 });
      await panel.testId('recording-toggle').click();
      await expect(panel.testId('recording-state')).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
    } finally {
      await context.close();
    }
  });
});
