import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, fakeAudioArgs, launchWithExtension, test } from './fixtures';
import { startInterviewCall, startRecordedCall, startRecordingCall, storedTimeline, storeGivenUtterance } from './pages/recording';
import { seedSession } from './pages/seeded-session';
import { WorkspacePage } from './pages/workspace';

const RECORDING = path.resolve('tests/e2e/audio/participant-with-dropout.wav');
const INTERVIEWER_WAV = path.resolve('tests/e2e/audio/interviewer.wav');

test.describe('the session view', () => {
  test('opens an imported recording from the list, plays it, keeps edits and a resolved [uklart] across a reload', async ({ context, extensionId, foreignRequests }) => {
    // Transcribing the file with the test model takes most of it on a busy machine.
    test.setTimeout(240_000);
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    await workspace.importRecording(RECORDING);
    const page = workspace.page;

    await page.getByTestId('nav-sessions').click();
    const row = page.getByTestId('session-row');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-kind', 'import');
    await expect(row).toHaveAttribute('data-status', 'ended');
    const sessionId = (await row.getAttribute('data-session-id')) ?? '';
    const view = await workspace.openSession(sessionId);
    // The import is transcribed again in full quality in the background (docs/final-pass.md); the edits below come after it.
    await expect(view.getByTestId('final-pass')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });

    // One microphone heard everyone: the turn says so rather than guess a speaker.
    await expect(view.getByTestId('transcript-turn').first()).toHaveAttribute('data-channel', 'mixed');
    await expect(view.getByTestId('transcript-segment').first()).toHaveAttribute('data-edited', 'false');

    // The stored audio, decrypted in memory, plays: the element's time and the view's clock advance.
    await view.getByTestId('audio-play').click();
    await expect.poll(() => page.locator('audio[data-channel="mixed"]').evaluate((audio: HTMLAudioElement) => audio.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.5);
    await expect.poll(async () => Number(await view.getByTestId('audio-time').getAttribute('data-seconds'))).toBeGreaterThan(0.5);
    expect(await page.locator('audio[data-channel="mixed"]').evaluate((audio: HTMLAudioElement) => audio.src)).toMatch(/^blob:chrome-extension:/);
    await view.getByTestId('audio-play').click();

    // Clicking a segment's time plays from there (the random test model writes few words to click, mostly [uklart]).
    const last = view.getByTestId('transcript-segment').last();
    const lastStart = Number(await last.getAttribute('data-start'));
    await last.getByTestId('segment-play').click();
    await expect.poll(async () => Number(await view.getByTestId('audio-time').getAttribute('data-seconds'))).toBeGreaterThanOrEqual(Math.floor(lastStart));
    // Escape is play/pause (oTranscribe's key).
    await page.keyboard.press('Escape');
    await expect(view.getByTestId('audio-play')).toHaveAttribute('aria-pressed', 'false');

    // Edit the first segment's text: stored at once, no save button.
    const first = view.getByTestId('transcript-segment').first();
    const firstId = (await first.getAttribute('data-segment-id')) ?? '';
    await first.getByTestId('segment-edit-open').click();
    await first.getByTestId('segment-edit').fill('Dette har forskeren rettet.');
    await first.getByTestId('segment-edit').blur();
    await expect(first).toHaveAttribute('data-edited', 'true');
    await expect(first).toContainText('Dette har forskeren rettet.');

    // Resolve the next [uklart]: typed as heard, one fewer left.
    const progress = view.getByTestId('transcript-progress');
    const left = Number(await progress.getAttribute('data-unclear-left'));
    expect(left).toBeGreaterThan(0);
    await view.getByTestId('next-uklart').click();
    await view.getByTestId('uklart-heard').fill('Sandvika');
    await view.getByTestId('uklart-apply').click();
    await expect(progress).toHaveAttribute('data-unclear-left', String(left - 1));
    const resolved = view.getByTestId('transcript-segment').filter({ hasText: 'Sandvika' });
    await expect(resolved).toHaveCount(1);
    await expect(resolved).toHaveAttribute('data-edited', 'true');

    await page.screenshot({ path: test.info().outputPath('session-view.png'), fullPage: false });
    // Reload: the edits were stored (encrypted) and come back.
    await page.reload();
    const again = page.getByTestId('session-view');
    await expect(again).toHaveAttribute('data-session-id', sessionId);
    const firstAgain = again.locator(`[data-testid="transcript-segment"][data-segment-id="${firstId}"]`);
    await expect(firstAgain).toContainText('Dette har forskeren rettet.');
    await expect(firstAgain).toHaveAttribute('data-edited', 'true');
    await expect(again.getByTestId('transcript-segment').filter({ hasText: 'Sandvika' })).toHaveCount(1);
    await expect(again.getByTestId('transcript-progress')).toHaveAttribute('data-unclear-left', String(left - 1));

    // Approving says first what happens to the audio (no project rule set here: it is kept).
    await again.getByTestId('approve-transcript').click();
    await expect(again.getByTestId('approve-transcript-dialog')).toContainText('lyden beholdes');
    await again.getByTestId('approve-transcript-confirm').click();
    await expect(again.getByTestId('transcript-approved')).toBeVisible();
    await page.getByTestId('session-view-back').click();
    await expect(page.getByTestId('session-row')).toHaveAttribute('data-status', 'approved');
    expect(foreignRequests.map((request) => request.url())).toEqual([]);
  });

  test('splits, merges and changes speakers with the keyboard, undoes and redoes, and keeps the result after a reload', async ({ context, extensionId, foreignRequests }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    const page = workspace.page;
    const sessionId = await seedSession(page, [
      { id: 'one', channel: 'interviewer', start: 1, end: 4, text: 'Hei og velkommen hit.' },
      { id: 'two', channel: 'participant', start: 5, end: 7, text: 'Takk skal du ha.' },
      { id: 'three', channel: 'participant', start: 8, end: 11, text: 'Jeg jobber på sykehuset.' },
    ]);
    await page.goto(`${page.url().replace(/#.*$/, '')}#/sessions/${sessionId}`);
    const view = page.getByTestId('session-view');
    await expect(view).toHaveAttribute('data-session-id', sessionId);
    const segments = view.getByTestId('transcript-segment');
    const segment = (id: string) => view.locator(`[data-testid="transcript-segment"][data-segment-id="${id}"]`);
    /** Each segment as `speaker channel: text`, in reading order (no segment open for typing). */
    const shown = () =>
      segments.evaluateAll((rows) => rows.map((row) => `${row.closest('[data-testid="transcript-turn"]')?.getAttribute('data-channel')}: ${row.querySelector('.segment-text')?.textContent?.trim()}`));
    await expect.poll(shown).toEqual(['interviewer: Hei og velkommen hit.', 'participant: Takk skal du ha.', 'participant: Jeg jobber på sykehuset.']);

    // Enter splits where the cursor stands; typing goes on at the start of the second part.
    await segment('one').getByTestId('segment-edit-open').click();
    const typing = view.getByTestId('segment-edit');
    await expect(typing).toBeFocused();
    await typing.evaluate((area: HTMLTextAreaElement) => area.setSelectionRange('Hei og velkommen'.length, 'Hei og velkommen'.length));
    await page.keyboard.press('Enter');
    await expect(segments).toHaveCount(4);
    await expect(typing).toHaveValue('hit.');
    await expect(typing).toBeFocused();
    expect(await typing.evaluate((area: HTMLTextAreaElement) => area.selectionStart)).toBe(0);
    await typing.blur();
    await expect.poll(shown).toEqual(['interviewer: Hei og velkommen', 'interviewer: hit.', 'participant: Takk skal du ha.', 'participant: Jeg jobber på sykehuset.']);
    await expect(segment('one')).toHaveAttribute('data-edited', 'true');
    const secondHalf = segments.nth(1);
    const secondHalfId = (await secondHalf.getAttribute('data-segment-id')) ?? '';
    await expect(secondHalf).toHaveAttribute('data-edited', 'true');

    // Backspace at the very start merges into the segment before (same speaker).
    await segment('three').getByTestId('segment-edit-open').click();
    await expect(typing).toBeFocused();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Backspace');
    await expect(segments).toHaveCount(3);
    // Typing goes on in the merged segment, at the join.
    await expect(typing).toHaveValue('Takk skal du ha. Jeg jobber på sykehuset.');
    await expect(typing).toBeFocused();
    expect(await typing.evaluate((area: HTMLTextAreaElement) => area.selectionStart)).toBe('Takk skal du ha. '.length);
    await typing.blur();

    // The speaker of the split-off half: the participant said it.
    await segment(secondHalfId).getByTestId('segment-speaker').selectOption('participant');
    const final = ['interviewer: Hei og velkommen', 'participant: hit.', 'participant: Takk skal du ha. Jeg jobber på sykehuset.'];
    await expect.poll(shown).toEqual(final);
    await expect(view.getByTestId('transcript-turn')).toHaveCount(2);

    // Ctrl+Z takes back the speaker, then the merge; Ctrl+Shift+Z does both again.
    await page.keyboard.press('Control+z');
    await expect.poll(shown).toEqual(['interviewer: Hei og velkommen', 'interviewer: hit.', 'participant: Takk skal du ha. Jeg jobber på sykehuset.']);
    await page.keyboard.press('Control+z');
    await expect.poll(shown).toEqual(['interviewer: Hei og velkommen', 'interviewer: hit.', 'participant: Takk skal du ha.', 'participant: Jeg jobber på sykehuset.']);
    await page.keyboard.press('Control+Shift+Z');
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(shown).toEqual(final);
    await expect(view.getByTestId('redo')).toBeDisabled();

    // Stored as shown: a reload reads it back.
    await page.reload();
    await expect(page.getByTestId('session-view')).toHaveAttribute('data-session-id', sessionId);
    await expect.poll(shown).toEqual(final);
    await expect(segment('three')).toHaveCount(0);
    await expect(segment('two')).toHaveAttribute('data-edited', 'true');

    // A pilot's view leads on to revising the guide from it; this one was seeded without a guide, so there is
    // no summary to open and the revise view says why there is nothing to revise.
    await expect(page.getByTestId('session-view-summary')).toHaveCount(0);
    await page.getByTestId('session-view-revise').click();
    await expect(page.getByTestId('revise-missing')).toBeVisible();
    expect(foreignRequests.map((request) => request.url())).toEqual([]);
  });

  test('takes segments as the recording stores them, under the question made current, without losing the caret or the typing', async () => {
    test.setTimeout(240_000);
    const context = await launchWithExtension(mkdtempSync(path.join(tmpdir(), 'intervju-e2e-view-live-')), fakeAudioArgs(INTERVIEWER_WAV), { audible: true });
    try {
      const { extensionId, workspace, panel } = await startInterviewCall(context, 'Kari');
      await startRecordingCall(context, extensionId, panel, 'app.zoom.us');
      const page = workspace.page;
      const sessionId = (await storedTimeline(page)).sessions[0]!.id;
      const view = await workspace.openSession(sessionId);
      // The interview began on the guide's first question: its heading stands first.
      const headings = view.getByTestId('transcript-heading');
      await expect(headings.first()).toContainText('Kan du fortelle litt om deg selv');

      // Far past the fake microphone's speech, so no crosstalk marks the words [uklart].
      expect(await storeGivenUtterance(context, { channel: 'interviewer', start: 900, end: 903, text: 'Hva savnet du mest fra tiden før?' })).toBe(true);
      const asked = view.getByTestId('transcript-segment').filter({ hasText: 'Hva savnet du mest' });
      await expect(asked).toHaveCount(1, { timeout: 15_000 });

      // The interviewer moves on in the panel: the question's heading appears in the open view.
      const missed = panel.question('Hva savnet du mest fra tiden før?');
      const missedId = (await missed.getAttribute('data-question-id')) ?? '';
      const section = panel.testId('guide-section').filter({ has: missed }).locator('.section-header');
      if ((await section.getAttribute('aria-expanded')) !== 'true') await section.click();
      await missed.locator('.item-text').first().click();
      await expect(missed).toHaveAttribute('aria-current', 'step');
      await expect(view.locator(`[data-testid="transcript-heading"][data-question-id="${missedId}"]`)).toHaveCount(1);

      // The researcher types in the segment while the recording goes on.
      await asked.getByTestId('segment-edit-open').click();
      const typing = view.getByTestId('segment-edit');
      await expect(typing).toBeFocused();
      await typing.evaluate((area: HTMLTextAreaElement) => area.setSelectionRange(3, 3));
      await page.keyboard.type(' egentlig');
      expect(await storeGivenUtterance(context, { channel: 'participant', start: 905, end: 910, text: 'Jeg savnet vennene mine veldig.' })).toBe(true);
      await expect(view.getByTestId('transcript-segment').filter({ hasText: 'Jeg savnet vennene mine' })).toHaveCount(1, { timeout: 15_000 });
      // The text, the focus and the caret are as they were: typing goes on where it stopped.
      await expect(typing).toBeFocused();
      expect(await typing.evaluate((area: HTMLTextAreaElement) => [area.value, area.selectionStart])).toEqual(['Hva egentlig savnet du mest fra tiden før?', 12]);
      await page.keyboard.type(',');
      await typing.blur();
      await expect(asked).toHaveAttribute('data-edited', 'true');
      await expect(asked).toContainText('Hva egentlig, savnet du mest fra tiden før?');
      // The new segment reads after the question's heading.
      const order = await view.locator('[data-testid="transcript-heading"], [data-testid="transcript-segment"]').evaluateAll((elements) =>
        elements.map((element) => element.getAttribute('data-question-id') ?? element.textContent ?? ''),
      );
      expect(order.indexOf(missedId)).toBeGreaterThanOrEqual(0);
      expect(order.findIndex((text) => text.includes('Jeg savnet vennene mine'))).toBeGreaterThan(order.indexOf(missedId));
    } finally {
      await context.close();
    }
  });

  test('plays both channels of a recorded call together, from where a participant’s segment starts', async () => {
    test.setTimeout(240_000);
    const context = await launchWithExtension(mkdtempSync(path.join(tmpdir(), 'intervju-e2e-view-call-')), fakeAudioArgs(INTERVIEWER_WAV), { audible: true });
    try {
      const { workspace, panel } = await startRecordedCall(context, { pseudonym: 'Kari' });
      await expect(panel.frame.locator('[data-testid="segment"][data-channel="participant"]').first()).toBeAttached({ timeout: 60_000 });
      await panel.testId('interview-end').click();
      await panel.testId('end-confirm-yes').click();
      await expect(panel.testId('interview-ended')).toBeVisible({ timeout: 60_000 });

      const page = workspace.page;
      const sessionId = (await storedTimeline(page)).sessions[0]!.id;
      const view = await workspace.openSession(sessionId);
      const participantTurn = view.locator('[data-testid="transcript-turn"][data-channel="participant"]').first();
      await expect(participantTurn).toContainText('Kari');
      const segment = participantTurn.getByTestId('transcript-segment').first();
      const start = Number(await segment.getAttribute('data-start'));
      await segment.getByTestId('segment-play').click();
      // The word (or [uklart]) being said is highlighted.
      await expect(view.locator('.playing')).toHaveCount(1);

      // Each channel's own element plays its decrypted WebM, and both advance together.
      const times = () =>
        page.locator('audio[data-channel]').evaluateAll((elements: HTMLAudioElement[]) =>
          Object.fromEntries(
            elements.map((audio) => [audio.dataset.channel, { time: audio.currentTime, session: Number(audio.dataset.sessionStart) + audio.currentTime, paused: audio.paused }]),
          ),
        );
      await expect.poll(async () => Object.keys(await times()).sort()).toEqual(['interviewer', 'participant']);
      const first = await times();
      await expect.poll(async () => (await times()).participant?.time ?? 0, { timeout: 15_000 }).toBeGreaterThan((first.participant?.time ?? 0) + 0.5);
      const later = await times();
      expect(later.participant?.paused).toBe(false);
      expect(later.interviewer?.paused).toBe(false);
      // In session time (each file starts where its recorder did) they play within a few tenths of each other.
      // The player puts a drifting channel back in step on its next tick; under a loaded machine one sample
      // can catch it just before that, so the check waits for the correction instead of trusting one reading.
      await expect
        .poll(async () => {
          const now = await times();
          return Math.abs((now.interviewer?.session ?? 0) - (now.participant?.session ?? 0));
        }, { timeout: 5_000 })
        .toBeLessThan(0.3);
      // The view's clock is in session time, from the segment's start on.
      const clock = Number(await view.getByTestId('audio-time').getAttribute('data-seconds'));
      expect(clock).toBeGreaterThanOrEqual(Math.floor(start));
      expect(clock).toBeLessThan(start + 15);
    } finally {
      await context.close();
    }
  });
});
