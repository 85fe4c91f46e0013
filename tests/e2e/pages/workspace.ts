import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { openExtensionPage } from '../fixtures';
import { PanelPage } from './panel';

import { TEST_PASSPHRASE } from './panel';

export { TEST_PASSPHRASE };

/** The workspace page, and what a researcher does there. */
export class WorkspacePage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<WorkspacePage> {
    return new WorkspacePage(await openExtensionPage(context, extensionId, 'workspace.html'));
  }

  /** First run: choose the passphrase. */
  async setUpPassphrase(passphrase = TEST_PASSPHRASE): Promise<void> {
    await this.page.getByTestId('passphrase-input').fill(passphrase);
    await this.page.getByTestId('passphrase-confirm').fill(passphrase);
    await this.page.getByTestId('passphrase-submit').click();
    await expect(this.page.getByTestId('lock-now')).toBeVisible({ timeout: 20_000 });
  }

  async unlock(passphrase = TEST_PASSPHRASE): Promise<void> {
    await this.page.getByTestId('passphrase-input').fill(passphrase);
    await this.page.getByTestId('passphrase-submit').click();
  }

  /** First run with a pasted guide, then a call page at `url` whose panel is unlocked. */
  static async withGuideAndCall(context: BrowserContext, extensionId: string, guide: string, title: string | undefined, url: string) {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    await workspace.importGuide(guide, title);
    const call = await context.newPage();
    await call.goto(url);
    const panel = await PanelPage.inMeeting(call);
    await panel.unlockIfLocked();
    return { workspace, call, panel };
  }

  /** Hands a recording file to the audio-file page and waits until it is transcribed. */
  async importRecording(file: string): Promise<void> {
    await this.page.getByTestId('nav-recordings').click();
    await this.page.getByTestId('recording-file').setInputFiles(file);
    await this.page.getByTestId('recording-transcribe').click();
    await expect(this.page.getByTestId('import-done')).toBeVisible({ timeout: 90_000 });
  }

  /** Opens a session's view from the sessions list. */
  async openSession(sessionId: string): Promise<Locator> {
    await this.page.getByTestId('nav-sessions').click();
    await this.page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`).getByTestId('session-open').click();
    const view = this.page.getByTestId('session-view');
    await expect(view).toHaveAttribute('data-session-id', sessionId);
    return view;
  }

  /** Pastes a guide, checks the preview read it, and saves it as the active guide. */
  async importGuide(text: string, title?: string): Promise<void> {
    await this.page.goto(this.page.url().replace(/#.*$/, '') + '#/guides');
    if (title) await this.page.getByTestId('guide-import-title').fill(title);
    await this.page.getByTestId('guide-import-text').fill(text);
    await expect(this.page.getByTestId('guide-import-preview').getByTestId('guide-question').first()).toBeAttached();
    await this.page.getByTestId('guide-import-save').click();
    await expect(this.page.getByTestId('guide-message')).toBeVisible();
  }
}
