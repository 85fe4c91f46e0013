import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, extensionIdOf, fakeAudioArgs, launchWithExtension, test } from './fixtures';
import { startRecordedCall, storedTimeline, watchOffscreenConsole } from './pages/recording';
import { WorkspacePage } from './pages/workspace';

const INTERVIEWER_WAV = path.resolve('tests/e2e/audio/interviewer.wav');
const EDITED = 'Dette har forskeren rettet.';

/**
 * The full-quality pass after the interview (docs/final-pass.md), with the real
 * test model: it starts when the interview ends, shows its progress, goes on
 * after a browser restart from where it stopped, and leaves the researcher's
 * edited segment as it is, with the new reading beside it.
 */
test('the full-quality pass runs after the interview, resumes after a restart, and leaves edited text alone', async () => {
  test.setTimeout(300_000);
  const profile = mkdtempSync(path.join(tmpdir(), 'intervju-e2e-final-pass-'));
  const args = fakeAudioArgs(INTERVIEWER_WAV);
  let context = await launchWithExtension(profile, args, { audible: true });
  try {
    const { workspace, panel } = await startRecordedCall(context, { loop: true });
    // Enough speech for several windows of the pass.
    await expect
      .poll(() => panel.frame.locator('[data-testid="segment"][data-channel="participant"]').count(), { timeout: 90_000 })
      .toBeGreaterThanOrEqual(4);
    const sessionId = (await storedTimeline(workspace.page)).sessions[0]!.id;

    // The researcher corrects a segment while the call still runs.
    const view = await workspace.openSession(sessionId);
    const first = view.getByTestId('transcript-segment').first();
    const editedId = (await first.getAttribute('data-segment-id')) ?? '';
    await first.getByTestId('segment-edit-open').click();
    await first.getByTestId('segment-edit').fill(EDITED);
    await first.getByTestId('segment-edit').blur();
    await expect(first).toHaveAttribute('data-edited', 'true');

    await panel.endInterview();
    // The call's voice detection was kept with each channel's audio, from its start to its end,
    // so the pass cuts with it instead of running Silero again.
    await expect
      .poll(async () => {
        const { audio, speech } = await storedTimeline(workspace.page);
        return ['interviewer', 'participant'].map((channel) => {
          const kept = speech.filter((stretch) => stretch.channel === channel);
          const recorded = audio.filter((chunk) => chunk.channel === channel);
          const covered = kept.reduce((total, stretch) => total + stretch.end - stretch.start, 0);
          const length = Math.max(...recorded.map((chunk) => chunk.end)) - Math.min(...recorded.map((chunk) => chunk.start));
          return covered > 0.9 * length;
        });
      })
      .toEqual([true, true]);
    // The pass starts by itself, and the session view and the panel show it.
    const bar = view.getByTestId('final-pass');
    await expect(bar).toHaveAttribute('data-state', /waiting|running/, { timeout: 30_000 });
    await expect(panel.testId('panel-final-pass')).toHaveAttribute('data-state', /waiting|running/, { timeout: 30_000 });
    // Closely watched (the test model is quick): the restart must come after the first utterance and before the last.
    const deadline = Date.now() + 120_000;
    while (Number(await bar.getAttribute('data-utterances')) < 1 && Date.now() < deadline) await workspace.page.waitForTimeout(50);
    await expect(bar).toHaveAttribute('data-state', 'running', { timeout: 1 });
    await expect(view.getByTestId('final-pass-progress')).toBeVisible();
    const startedAt = await bar.getAttribute('data-started-at');
    const doneBefore = Number(await bar.getAttribute('data-done-seconds'));
    expect(doneBefore).toBeGreaterThan(0);

    // The browser goes away in the middle of the pass.
    await context.close();
    context = await launchWithExtension(profile, args, { audible: true });
    const again = await WorkspacePage.open(context, await extensionIdOf(context));
    // The pass's document opens once the workspace is unlocked: watched from its first line.
    const passConsole = await watchOffscreenConsole(context);
    await again.unlock();
    const resumed = await again.openSession(sessionId);
    const barAgain = resumed.getByTestId('final-pass');
    // The same pass, never back to zero: it goes on from the last utterance it wrote.
    await expect(barAgain).toHaveAttribute('data-started-at', startedAt ?? '');
    expect(Number(await barAgain.getAttribute('data-done-seconds'))).toBeGreaterThanOrEqual(doneBefore);
    await expect(barAgain).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
    expect(Number(await barAgain.getAttribute('data-done-seconds'))).toBeGreaterThan(doneBefore);
    // It cut the recordings with the call's kept voice detection, not by running Silero over them again
    // (where the audio runs a little past the kept frames, Silero answers for those).
    const cuts = passConsole.lines.flatMap((line) => {
      const found = /final pass cut (\w+) with the call's voice detection for (\d+) frames, Silero now for (\d+)/.exec(line);
      return found ? [{ channel: found[1], recorded: Number(found[2]), detected: Number(found[3]) }] : [];
    });
    await passConsole.stop();
    expect(cuts.length).toBeGreaterThan(0);
    const total = (key: 'recorded' | 'detected') => cuts.reduce((sum, cut) => sum + cut[key], 0);
    expect(total('detected'), JSON.stringify(cuts)).toBeLessThan(0.1 * total('recorded'));

    // The edited segment is as the researcher left it, with the pass's reading beside it to take or dismiss.
    const edited = resumed.locator(`[data-testid="transcript-segment"][data-segment-id="${editedId}"]`);
    await expect(edited).toHaveAttribute('data-edited', 'true');
    await expect(edited.locator('.segment-text')).toContainText(EDITED);
    await expect(edited.getByTestId('final-reading')).toBeVisible();
    await edited.getByTestId('final-reading-dismiss').focus();
    await again.page.keyboard.press('Enter');
    await expect(edited.getByTestId('final-reading')).toHaveCount(0);
    await expect(edited.locator('.segment-text')).toContainText(EDITED);

    // The sessions list says the pass is done.
    await again.page.getByTestId('nav-sessions').click();
    const row = again.page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`);
    await expect(row.getByTestId('final-pass')).toHaveAttribute('data-state', 'done');
  } finally {
    await context.close();
  }
});
