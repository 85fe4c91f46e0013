import { expect, type ElementHandle, type Frame, type FrameLocator, type Locator, type Page } from '@playwright/test';
/** The passphrase every e2e test sets up (also in workspace.ts, which imports this file). */
export const TEST_PASSPHRASE = 'korrekt hest batteri stift';

/**
 * The panel's frame on a meeting (or practice) page. The host's shadow root is
 * closed, so no selector reaches the iframe, as none of the page's own script can;
 * Playwright still lists every frame of the page, so the panel is found by its URL.
 */
export async function panelFrameOf(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page
      .frames()
      .find((candidate) => candidate !== page.mainFrame() && !candidate.isDetached() && candidate.url().includes('/panel.html'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`No panel frame on ${page.url()} after ${timeoutMs} ms: ${page.frames().map((f) => f.url()).join(', ')}`);
    await page.waitForTimeout(100);
  }
}

/**
 * The host's box around the frame (`.frame-box`, inside the closed root), reached
 * from the iframe element that the browser's frame tree hands to the test.
 */
export async function panelHostBox(page: Page): Promise<ElementHandle<HTMLElement>> {
  const iframe = await (await panelFrameOf(page)).frameElement();
  const box = (await iframe.evaluateHandle((element) => element.parentElement)).asElement();
  if (!box) throw new Error('The panel frame has no parent box');
  return box as ElementHandle<HTMLElement>;
}

/** One of the handle's buttons: 0 collapses or expands, 1 moves to the other side. */
export async function panelHostButton(page: Page, index: 0 | 1): Promise<ElementHandle<HTMLElement>> {
  const box = await panelHostBox(page);
  const button = (await box.evaluateHandle((element, at) => element.querySelectorAll<HTMLElement>('.handle button')[at] ?? null, index)).asElement();
  if (!button) throw new Error(`No handle button ${index}`);
  return button as ElementHandle<HTMLElement>;
}

/** The panel: inside the iframe under #intervju-panel-host, or an extension tab of its own. */
export class PanelPage {
  readonly root: Locator;

  constructor(readonly frame: Frame | FrameLocator | Page) {
    this.root = frame.getByTestId('guide-panel');
  }

  /** The in-call panel on a meeting page (waits for its frame). */
  static async inMeeting(page: Page): Promise<PanelPage> {
    return new PanelPage(await panelFrameOf(page));
  }

  /** The panel's document body, where its own keys (j, k, a, c, s, d) are heard. */
  body(): Locator {
    return this.frame.locator('body');
  }

  testId(id: string): Locator {
    return this.frame.getByTestId(id);
  }

  question(text: string): Locator {
    return this.frame.getByTestId('guide-question').filter({ hasText: text }).first();
  }

  probe(text: string): Locator {
    return this.frame.getByTestId('guide-probe').filter({ hasText: text }).first();
  }

  async unlockIfLocked(passphrase = TEST_PASSPHRASE): Promise<void> {
    await expect(this.root).toBeVisible();
    const input = this.testId('passphrase-input');
    if (await input.isVisible()) {
      await input.fill(passphrase);
      await this.testId('passphrase-submit').click();
    }
    await expect(this.testId('lock-now')).toBeVisible({ timeout: 20_000 });
  }

  async startInterview(pseudonym: string): Promise<void> {
    await this.testId('participant-pseudonym').fill(pseudonym);
    await this.testId('interview-start').click();
    await expect(this.testId('elapsed')).toBeVisible();
  }

  /** Ends the interview through the panel's own confirmation; resolves when the panel says it has ended. */
  async endInterview(): Promise<void> {
    await this.testId('interview-end').click();
    await expect(this.testId('end-confirm')).toBeVisible();
    await this.testId('end-confirm-yes').click();
    await expect(this.testId('interview-ended')).toBeVisible({ timeout: 60_000 });
    await expect(this.testId('interview-start')).toBeVisible();
  }

  /** Marks a question (asked, covered, skipped, declined) with its own button. */
  async mark(item: Locator, state: 'asked' | 'covered' | 'skipped' | 'declined'): Promise<void> {
    await item.locator(':scope > .item-row [data-testid="mark-button"][data-mark="' + state + '"]').click();
    await expect(item).toHaveAttribute('data-state', state);
  }
}
