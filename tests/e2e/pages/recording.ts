import { expect } from '@playwright/test';
import { clickToolbarButton, extensionIdOf } from '../fixtures';
import { FAKE_MEETING_URLS } from '../fake-meetings';
import { PanelPage } from './panel';
import { WorkspacePage } from './workspace';
import type { BrowserContext, Page } from '@playwright/test';
import { storedCoverage } from './stored-records';

/** Ticks the consent checklist and starts recording the call, granting tab capture by the toolbar button. */
export async function startRecordingCall(context: BrowserContext, extensionId: string, panel: PanelPage, tabUrlPart: string): Promise<void> {
  const items = panel.testId('consent-item');
  for (let index = 0; index < (await items.count()); index++) await items.nth(index).check();
  await expect(panel.testId('recording-toggle')).toBeEnabled();
  await panel.testId('recording-toggle').click();
  await expect(panel.testId('recording-refusal')).toHaveAttribute('data-reason', 'capture-not-granted');
  await clickToolbarButton(context, extensionId, tabUrlPart);
  await expect(panel.testId('recording-state')).toHaveAttribute('data-state', 'recording', { timeout: 20_000 });
}

/** First run (passphrase chosen), then an interview with `pseudonym` started in the panel on the fake Zoom page; not recording yet. */
export async function startInterviewCall(context: BrowserContext, pseudonym: string) {
  const extensionId = await extensionIdOf(context);
  const workspace = await WorkspacePage.open(context, extensionId);
  await workspace.setUpPassphrase();
  const call = await context.newPage();
  await call.goto(FAKE_MEETING_URLS.zoom);
  const panel = await PanelPage.inMeeting(call);
  await panel.unlockIfLocked();
  await panel.startInterview(pseudonym);
  return { extensionId, workspace, call, panel };
}

/**
 * First run, then a recording call on the fake Zoom page with the participant
 * speaking (`loop`: over and over) once the interviewer's question has had time.
 */
export async function startRecordedCall(context: BrowserContext, options: { pseudonym?: string; loop?: boolean } = {}) {
  const { extensionId, workspace, call, panel } = await startInterviewCall(context, options.pseudonym ?? 'Kari');
  await startRecordingCall(context, extensionId, panel, 'app.zoom.us');
  const recordingStarted = Date.now();
  await call.waitForTimeout(3000);
  await playParticipant(call, options.loop ?? false);
  return { extensionId, workspace, call, panel, recordingStarted };
}

/** Plays the participant's side of the fake call (over and over with `loop`). */
export async function playParticipant(call: Page, loop = false): Promise<void> {
  expect(await call.evaluate((again) => (window as unknown as { __playParticipant(loop: boolean): Promise<boolean> }).__playParticipant(again), loop)).toBe(true);
}

/**
 * What the extension still holds of the recording devices, asked from one of its
 * own pages. With `besideFinalPass`, an offscreen document that only runs the
 * full-quality pass after the interview (no recording state, the pass's key set:
 * docs/final-pass.md) is not counted: it holds no microphone and no tab.
 */
export async function heldDevices(extensionPage: Page, options: { besideFinalPass?: boolean } = {}): Promise<{ capturedTabs: number; offscreenDocuments: number }> {
  return extensionPage.evaluate(async (besideFinalPass) => {
    const api = (globalThis as unknown as {
      chrome: {
        tabCapture: { getCapturedTabs(): Promise<{ status: string }[]> };
        runtime: { getContexts(filter: { contextTypes: string[] }): Promise<unknown[]> };
        storage: { session: { get(keys: string[]): Promise<Record<string, unknown>> } };
      };
    }).chrome;
    const tabs = await api.tabCapture.getCapturedTabs();
    const documents = (await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length;
    const stored = besideFinalPass ? await api.storage.session.get(['recording', 'finalPass.running']) : {};
    const passOnly = besideFinalPass && stored['recording'] === undefined && stored['finalPass.running'] !== undefined;
    return {
      capturedTabs: tabs.filter((tab) => tab.status === 'active' || tab.status === 'pending').length,
      offscreenDocuments: passOnly ? 0 : documents,
    };
  }, options.besideFinalPass ?? false);
}

/** The clear metadata of the stored sessions, segments and audio chunks (no text: that is encrypted), read from an extension page. */
export async function storedTimeline(extensionPage: Page): Promise<{
  sessions: { id: string; startedAt: number; status: string; problems?: { kind: string }[] }[];
  segments: { sessionId: string; channel: string; start: number; end: number }[];
  audio: { sessionId: string; channel: string; start: number; end: number }[];
  /** The call's voice detection kept with the audio (its clear fields). */
  speech: { sessionId: string; channel: string; start: number; end: number }[];
}> {
  return extensionPage.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('intervju');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const transaction = request.result.transaction(['sessions', 'segments', 'audio', 'speech']);
          const sessions = transaction.objectStore('sessions').getAll();
          const segments = transaction.objectStore('segments').getAll();
          const audio = transaction.objectStore('audio').getAll();
          const speech = transaction.objectStore('speech').getAll();
          type Timed = { sessionId: string; channel: string; start: number; end: number };
          const times = (records: Timed[]) => records.map(({ sessionId, channel, start, end }) => ({ sessionId, channel, start, end }));
          transaction.oncomplete = () => {
            request.result.close();
            resolve({
              sessions: sessions.result,
              segments: times(segments.result),
              audio: times(audio.result),
              speech: times(speech.result),
            });
          };
        };
      }),
  );
}

/** What a speaker said, for `storeGivenUtterance`: a channel of the running recording, session seconds, the words. */
export interface GivenUtterance {
  channel: 'interviewer' | 'participant' | 'mixed';
  start: number;
  end: number;
  text: string;
}

/**
 * Stores an utterance with chosen words through the recorder's own path (queue,
 * [uklart] policy, store, panels' notice), by the offscreen document's test hook
 * (`__intervjuTestHooks`, entrypoints/offscreen/test-hooks.ts), which only the
 * DevTools protocol reaches. The test model writes noise, so this is how a test
 * gets words a matcher can recognise; the model itself is never stubbed.
 * Resolves true once the segment is stored.
 */
export async function storeGivenUtterance(context: BrowserContext, given: GivenUtterance): Promise<boolean> {
  const browser = context.browser();
  if (!browser) throw new Error('No browser for this context');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; url: string }[] };
    const offscreen = targetInfos.find((target) => target.url.endsWith('/offscreen.html'));
    if (!offscreen) throw new Error('No offscreen document: is a recording running?');
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: offscreen.targetId, flatten: false })) as { sessionId: string };
    type Reply = { id: number; result?: { result?: { value?: unknown }; exceptionDetails?: unknown } };
    const reply = new Promise<Reply>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
        const message = JSON.parse(event.message) as Reply;
        if (event.sessionId === sessionId && message.id === 1) resolve(message);
      });
    });
    const expression = `globalThis.__intervjuTestHooks.storeGivenUtterance(${JSON.stringify(given)})`;
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true } }),
    });
    const answer = await reply;
    await cdp.send('Target.detachFromTarget', { sessionId });
    if (answer.result?.exceptionDetails) throw new Error(`The test hook failed: ${JSON.stringify(answer.result.exceptionDetails)}`);
    return answer.result?.result?.value === true;
  } finally {
    await cdp.detach();
  }
}

/**
 * The console lines of every offscreen document that opens from now on (a
 * recording's, or the full-quality pass's), read over the DevTools protocol as
 * soon as the document exists: its own log lines are how a test sees what a
 * document did that no page shows.
 */
export async function watchOffscreenConsole(context: BrowserContext): Promise<{ lines: string[]; stop: () => Promise<void> }> {
  const browser = context.browser();
  if (!browser) throw new Error('No browser for this context');
  const cdp = await browser.newBrowserCDPSession();
  const lines: string[] = [];
  const attached = new Set<string>();
  const sessions = new Set<string>();
  type TargetInfo = { targetId: string; url: string };
  const attach = async ({ targetInfo }: { targetInfo: TargetInfo }) => {
    if (!targetInfo.url.endsWith('/offscreen.html') || attached.has(targetInfo.targetId)) return;
    attached.add(targetInfo.targetId);
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: targetInfo.targetId, flatten: false })) as { sessionId: string };
    sessions.add(sessionId);
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.enable' }) });
  };
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (!sessions.has(event.sessionId)) return;
    const message = JSON.parse(event.message) as { method?: string; params?: { args?: { value?: unknown }[] } };
    if (message.method === 'Runtime.consoleAPICalled') lines.push((message.params?.args ?? []).map((argument) => String(argument.value ?? '')).join(' '));
  });
  // A document's URL may come only after it is created.
  cdp.on('Target.targetCreated', (event: { targetInfo: TargetInfo }) => void attach(event).catch(() => undefined));
  cdp.on('Target.targetInfoChanged', (event: { targetInfo: TargetInfo }) => void attach(event).catch(() => undefined));
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  return { lines, stop: () => cdp.detach().catch(() => undefined) };
}

/** The stored coverage marks (in clear: item ids, states, sources), read from an extension page. */
export async function storedMarks(extensionPage: Page): Promise<{ itemId: string; state: string; source: string }[]> {
  const marks = await storedCoverage<{ itemId: string; state: string; source: string; time: number; order: number }>(extensionPage);
  return marks.map(({ itemId, state, source }) => ({ itemId, state, source }));
}
