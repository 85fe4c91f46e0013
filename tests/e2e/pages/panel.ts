import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
/** The passphrase every e2e test sets up (also in workspace.ts, which imports this file). */
export const TEST_PASSPHRASE = 'korrekt hest batteri stift';

/** The panel: inside the iframe under #intervju-panel-host, or an extension tab of its own. */
export class PanelPage {
  readonly root: Locator;

  constructor(readonly frame: FrameLocator | Page) {
    this.root = frame.getByTestId('guide-panel');
  }

  /** The in-call panel on a meeting page. */
  static inMeeting(page: Page): PanelPage {
    return new PanelPage(page.frameLocator('#intervju-panel-host iframe'));
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
