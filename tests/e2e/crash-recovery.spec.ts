import { execSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, extensionIdOf, fakeAudioArgs, launchWithExtension, test } from './fixtures';
import { FAKE_MEETING_URLS } from './fake-meetings';
import { PanelPage } from './pages/panel';
import { playParticipant, startRecordingCall } from './pages/recording';
import { WorkspacePage } from './pages/workspace';

const INTERVIEWER_WAV = path.resolve('tests/e2e/audio/interviewer.wav');

/** The browser's own process: the one started with this profile and no --type= (renderers and helpers have one). */
function browserPid(profile: string): number {
  const lines = execSync('ps -eo pid,args', { encoding: 'utf8' }).split('\n');
  const line = lines.find((candidate) => candidate.includes(`--user-data-dir=${profile}`) && !candidate.includes('--type='));
  if (!line) throw new Error(`No browser process for ${profile}`);
  return Number(line.trim().split(/\s+/)[0]);
}

/** Audio chunks stored for a session, read straight from IndexedDB in an extension page. */
async function storedAudio(page: import('@playwright/test').Page): Promise<{ count: number; lastEnd: number; sessionStartedAt: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('intervju');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction(['audio', 'sessions']);
          const chunks = transaction.objectStore('audio').getAll();
          const sessions = transaction.objectStore('sessions').getAll();
          transaction.oncomplete = () => {
            const ends = (chunks.result as { end: number }[]).map((chunk) => chunk.end);
            open.result.close();
            resolve({
              count: ends.length,
              lastEnd: Math.max(0, ...ends),
              sessionStartedAt: (sessions.result as { startedAt: number }[])[0]?.startedAt ?? 0,
            });
          };
        };
      }),
  );
}

test('a browser killed during a recording keeps the finished segments and the audio up to the last chunk', async () => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(path.join(tmpdir(), 'intervju-e2e-crash-'));
  const args = fakeAudioArgs(INTERVIEWER_WAV);
  let context = await launchWithExtension(profile, args, { audible: true });
  const extensionId = await extensionIdOf(context);
  const workspace = await WorkspacePage.open(context, extensionId);
  await workspace.setUpPassphrase();
  const call = await context.newPage();
  await call.goto(FAKE_MEETING_URLS.zoom);
  let panel = await PanelPage.inMeeting(call);
  await panel.unlockIfLocked();
  await panel.startInterview('Kari');
  await startRecordingCall(context, extensionId, panel, 'app.zoom.us');
  await call.waitForTimeout(4000);
  await playParticipant(call);
  await expect(panel.frame.locator('[data-testid="segment"][data-channel="participant"]').first()).toBeAttached({ timeout: 60_000 });
  const segmentsBefore = await panel.testId('segment').count();
  const audioBefore = await storedAudio(workspace.page);
  expect(audioBefore.count).toBeGreaterThan(0);

  // A hard kill: no chance to close anything cleanly.
  const killedAt = Date.now();
  process.kill(browserPid(profile), 'SIGKILL');
  await context.close().catch(() => undefined);

  context = await launchWithExtension(profile, args, { audible: true });
  try {
    expect(await extensionIdOf(context)).toBe(extensionId);
    const again = await context.newPage();
    await again.goto(FAKE_MEETING_URLS.zoom);
    panel = await PanelPage.inMeeting(again);
    await panel.unlockIfLocked();
    await expect(panel.testId('session-recovery')).toBeVisible();
    await expect(panel.testId('sessions-with-audio')).toHaveAttribute('data-count', '1');
    await expect(panel.testId('segment')).toHaveCount(segmentsBefore);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/workspace.html`);
    const audioAfter = await storedAudio(page);
    // Chunks are two seconds long: at most the one being recorded (and its write) was lost.
    expect(audioAfter.count).toBeGreaterThanOrEqual(audioBefore.count);
    const secondsAtKill = (killedAt - audioAfter.sessionStartedAt) / 1000;
    expect(secondsAtKill - audioAfter.lastEnd).toBeLessThan(4.5);

    await panel.testId('session-resume').click();
    await expect(panel.testId('session-recovery')).toHaveCount(0);
    await expect(panel.testId('recording-toggle')).toBeVisible();
  } finally {
    await context.close();
  }
});
