import { expect } from '@playwright/test';
import { clickToolbarButton } from '../fixtures';
import type { BrowserContext, Page } from '@playwright/test';
import type { PanelPage } from './panel';

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

/** Plays the participant's side of the fake call (over and over with `loop`). */
export async function playParticipant(call: Page, loop = false): Promise<void> {
  expect(await call.evaluate((again) => (window as unknown as { __playParticipant(loop: boolean): Promise<boolean> }).__playParticipant(again), loop)).toBe(true);
}

/** What the extension still holds of the recording devices, asked from one of its own pages. */
export async function heldDevices(extensionPage: Page): Promise<{ capturedTabs: number; offscreenDocuments: number }> {
  return extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as {
      chrome: {
        tabCapture: { getCapturedTabs(): Promise<{ status: string }[]> };
        runtime: { getContexts(filter: { contextTypes: string[] }): Promise<unknown[]> };
      };
    }).chrome;
    const tabs = await api.tabCapture.getCapturedTabs();
    return {
      capturedTabs: tabs.filter((tab) => tab.status === 'active' || tab.status === 'pending').length,
      offscreenDocuments: (await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length,
    };
  });
}

/** The clear metadata of the stored sessions and segments (no text: that is encrypted), read from an extension page. */
export async function storedTimeline(extensionPage: Page): Promise<{
  sessions: { id: string; startedAt: number; status: string; problems?: { kind: string }[] }[];
  segments: { sessionId: string; channel: string; start: number; end: number }[];
}> {
  return extensionPage.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('intervju');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const transaction = request.result.transaction(['sessions', 'segments']);
          const sessions = transaction.objectStore('sessions').getAll();
          const segments = transaction.objectStore('segments').getAll();
          transaction.oncomplete = () => {
            request.result.close();
            resolve({
              sessions: sessions.result,
              segments: segments.result.map(({ sessionId, channel, start, end }) => ({ sessionId, channel, start, end })),
            });
          };
        };
      }),
  );
}
