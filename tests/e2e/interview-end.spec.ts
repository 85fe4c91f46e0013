import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { expect, fakeAudioArgs, launchWithExtension, test } from './fixtures';
import { heldDevices, startRecordedCall, storedTimeline } from './pages/recording';

const INTERVIEWER_WAV = path.resolve('tests/e2e/audio/interviewer.wav');

async function withRecordingBrowser(name: string, run: (context: BrowserContext) => Promise<void>): Promise<void> {
  const context = await launchWithExtension(mkdtempSync(path.join(tmpdir(), `intervju-e2e-${name}-`)), fakeAudioArgs(INTERVIEWER_WAV), { audible: true });
  try {
    await run(context);
  } finally {
    await context.close();
  }
}

test.describe('ending an interview that is being recorded', () => {
  test('stops the recording first: the utterance under way is stored, microphone and call tab are released', async () => {
    test.setTimeout(180_000);
    await withRecordingBrowser('end', async (context) => {
      const { workspace, panel } = await startRecordedCall(context);
      // The participant is mid-sentence when the researcher ends the interview.
      await expect(panel.frame.locator('[data-testid="segment-provisional"][data-channel="participant"], [data-testid="segment"][data-channel="participant"]').first()).toBeAttached({ timeout: 30_000 });
      expect(await heldDevices(workspace.page)).toEqual({ capturedTabs: 1, offscreenDocuments: 1 });

      await panel.testId('interview-end').click();
      await expect(panel.testId('end-confirm')).toContainText(/Opptaket stoppes først/);
      const endedAt = Date.now();
      await panel.testId('end-confirm-yes').click();
      const ended = panel.testId('interview-ended');
      await expect(ended).toBeVisible({ timeout: 60_000 });
      await expect(ended).toHaveAttribute('data-stopped-recording', 'true');
      await expect(ended).toHaveAttribute('data-failed', '0');
      const count = async (name: string) => Number(await ended.getAttribute(name));
      const [heard, stored, empty] = [await count('data-heard'), await count('data-stored'), await count('data-empty')];
      // Every utterance heard reached the store (or had no words to store); none was dropped at the end.
      expect(heard).toBeGreaterThanOrEqual(2);
      expect(stored + empty).toBe(heard);
      await expect(panel.testId('interview-start')).toBeVisible();

      // Nothing is held any more: no captured tab, no recording's offscreen document (which held the microphone and
      // the key). The full-quality pass may have begun in a document of its own, which holds neither device.
      await expect.poll(() => heldDevices(workspace.page, { besideFinalPass: true })).toEqual({ capturedTabs: 0, offscreenDocuments: 0 });

      const timeline = await storedTimeline(workspace.page);
      const session = timeline.sessions[0]!;
      expect(session.status).toBe('ended');
      const participantEnds = timeline.segments.filter((segment) => segment.channel === 'participant').map((segment) => segment.end);
      expect(participantEnds.length).toBeGreaterThan(0);
      // The last thing said before the end is there: a participant segment reaching close to the moment of ending.
      expect(Math.max(...participantEnds)).toBeGreaterThan((endedAt - session.startedAt) / 1000 - 4);
    });
  });

  test('closing the call tab stops the recording cleanly and the workspace says why', async () => {
    test.setTimeout(180_000);
    await withRecordingBrowser('close', async (context) => {
      const { workspace, call, panel } = await startRecordedCall(context);
      await expect(panel.frame.locator('[data-testid="segment-provisional"], [data-testid="segment"]').first()).toBeAttached({ timeout: 30_000 });
      await call.close();

      await expect.poll(() => heldDevices(workspace.page), { timeout: 60_000 }).toEqual({ capturedTabs: 0, offscreenDocuments: 0 });
      await workspace.page.goto(workspace.page.url().replace(/#.*$/, '') + '#/sessions');
      const row = workspace.page.getByTestId('session-row').first();
      await expect(row.locator('[data-testid="session-problem"][data-kind="tab-closed"]')).toBeVisible();
      const timeline = await storedTimeline(workspace.page);
      expect(timeline.sessions[0]?.problems?.map((problem) => problem.kind)).toContain('tab-closed');
      expect(timeline.segments.length).toBeGreaterThan(0);
    });
  });

  test('a recording whose finish fails says so in the panel and keeps it with the session', async () => {
    test.setTimeout(120_000);
    await withRecordingBrowser('finish', async (context) => {
      const { workspace, panel } = await startRecordedCall(context);
      // The offscreen document dies (as when the browser reclaims it): the stop cannot finish.
      const browser = context.browser();
      if (!browser) throw new Error('no browser');
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; url: string }[] };
      const offscreen = targetInfos.find((target) => target.url.endsWith('/offscreen.html'));
      expect(offscreen).toBeDefined();
      await cdp.send('Target.closeTarget', { targetId: offscreen!.targetId });
      await cdp.detach();

      await panel.testId('recording-toggle').click();
      await expect(panel.testId('recording-state')).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
      await expect(panel.frame.locator('[data-testid="recording-problem"][data-kind="finish-failed"]')).toBeVisible();
      const timeline = await storedTimeline(workspace.page);
      expect(timeline.sessions[0]?.problems?.map((problem) => problem.kind)).toContain('finish-failed');
      expect(await heldDevices(workspace.page)).toEqual({ capturedTabs: 0, offscreenDocuments: 0 });
    });
  });

  test('a stop whose service worker Chrome ended midway is seen through by the next worker', async () => {
    test.setTimeout(120_000);
    await withRecordingBrowser('worker-ended', async (context) => {
      const { workspace, panel } = await startRecordedCall(context);
      await expect(panel.frame.locator('[data-testid="segment-provisional"], [data-testid="segment"]').first()).toBeAttached({ timeout: 30_000 });
      // What a worker ended mid-stop leaves behind: the state says "stopping", and nothing in memory sees the stop through.
      await workspace.page.evaluate(async () => {
        type SessionArea = { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
        const storage = (globalThis as unknown as { chrome: { storage: { session: SessionArea } } }).chrome.storage.session;
        const { recording } = await storage.get('recording');
        await storage.set({ recording: { ...(recording as object), status: 'stopping' } });
      });
      const cdp = await workspace.page.context().newCDPSession(workspace.page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      // The next event (the recording's own reports come every few seconds) starts a worker, which finishes the
      // recording: what was queued is stored, the devices are released.
      await expect.poll(() => heldDevices(workspace.page), { timeout: 60_000 }).toEqual({ capturedTabs: 0, offscreenDocuments: 0 });
      await expect(panel.testId('recording-state')).toHaveAttribute('data-state', 'idle');
      const timeline = await storedTimeline(workspace.page);
      expect(timeline.segments.length).toBeGreaterThan(0);
      expect(timeline.sessions[0]?.problems ?? []).toEqual([]);
    });
  });
});
