import { expect } from '@playwright/test';
import { clickToolbarButton } from '../fixtures';
import type { BrowserContext } from '@playwright/test';
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

/** Plays the participant's side of the fake call. */
export async function playParticipant(call: import('@playwright/test').Page): Promise<void> {
  expect(await call.evaluate(() => (window as unknown as { __playParticipant(): Promise<boolean> }).__playParticipant())).toBe(true);
}
