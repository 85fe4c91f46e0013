import { expect, extensionIdOf, launchWithExtension, test, watchForeignRequests } from './fixtures';
import { FAKE_MEETING_URLS } from './fake-meetings';
import { EXPECTED, PASTED_GUIDE } from './guide-text';
import type { Page } from '@playwright/test';
import { PanelPage, panelHostBox, panelHostButton } from './pages/panel';
import { WorkspacePage } from './pages/workspace';

test.describe('in-call panel', () => {
  test('appears on Zoom and Teams web calls, and not elsewhere', async ({ context }) => {
    const page = await context.newPage();
    for (const url of [
      FAKE_MEETING_URLS.zoom,
      FAKE_MEETING_URLS.zoomVanity,
      FAKE_MEETING_URLS.teams,
      FAKE_MEETING_URLS.teamsLive,
      FAKE_MEETING_URLS.teamsCloud,
    ]) {
      await page.goto(url);
      await expect(page.locator('#intervju-panel-host'), url).toBeAttached();
      await expect((await PanelPage.inMeeting(page)).root, url).toBeVisible();
    }
    await page.goto(FAKE_MEETING_URLS.zoomHome);
    await page.waitForTimeout(1500);
    await expect(page.locator('#intervju-panel-host')).toHaveCount(0);
  });

  test('shows a guide pasted in the workspace, with its sections, questions and probes', async ({ context, extensionId }) => {
    const { panel } = await WorkspacePage.withGuideAndCall(context, extensionId, PASTED_GUIDE, 'Arbeidshverdag i sykepleien', FAKE_MEETING_URLS.zoom);
    await expect(panel.root.locator('.panel-title h1')).toHaveText('Arbeidshverdag i sykepleien');
    await expect(panel.testId('guide-section')).toHaveCount(EXPECTED.sections.length);
    for (const [index, title] of EXPECTED.sections.entries()) {
      await expect(panel.testId('guide-section').nth(index)).toContainText(title);
    }
    await expect(panel.testId('guide-question')).toHaveText(EXPECTED.questions.map((text) => new RegExp(escape(text))));
    await expect(panel.testId('guide-probe')).toHaveText(EXPECTED.probes.map((text) => new RegExp(escape(text))));
    await expect(panel.question(EXPECTED.questions[3]!).getByTestId('guide-condition')).toContainText(EXPECTED.condition);
  });

  test('keeps marks across a reload of the call and a browser restart', async ({ profile, context, extensionId }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    await workspace.importGuide(PASTED_GUIDE, 'Arbeidshverdag i sykepleien');

    const call = await context.newPage();
    await call.goto(FAKE_MEETING_URLS.teams);
    let panel = await PanelPage.inMeeting(call);
    await panel.unlockIfLocked();
    await panel.startInterview('Kari');
    await panel.mark(panel.question(EXPECTED.questions[0]!), 'covered');
    await panel.mark(panel.probe(EXPECTED.probes[0]!), 'asked');
    await panel.mark(panel.question(EXPECTED.questions[1]!), 'skipped');
    // Keyboard: the panel's own keys go through the same command path as the
    // browser-wide shortcuts (next question, mark declined).
    await panel.question(EXPECTED.questions[1]!).locator('.item-text').first().click();
    await panel.body().press('j');
    await expect(panel.question(EXPECTED.questions[2]!)).toHaveAttribute('aria-current', 'step');
    await panel.body().press('d');
    await expect(panel.question(EXPECTED.questions[2]!)).toHaveAttribute('data-state', 'declined');

    await call.reload();
    panel = await PanelPage.inMeeting(call);
    await expect(panel.question(EXPECTED.questions[0]!)).toHaveAttribute('data-state', 'covered');
    await expect(panel.probe(EXPECTED.probes[0]!)).toHaveAttribute('data-state', 'asked');
    await expect(panel.question(EXPECTED.questions[1]!)).toHaveAttribute('data-state', 'skipped');
    await expect(panel.question(EXPECTED.questions[2]!)).toHaveAttribute('data-state', 'declined');

    await context.close();
    const restarted = await launchWithExtension(profile);
    try {
      await extensionIdOf(restarted);
      const again = await restarted.newPage();
      await again.goto(FAKE_MEETING_URLS.teams);
      panel = await PanelPage.inMeeting(again);
      // The key is forgotten when the browser exits: the researcher unlocks again.
      await expect(panel.testId('passphrase-input')).toBeVisible();
      await panel.unlockIfLocked();
      await expect(panel.question(EXPECTED.questions[0]!)).toHaveAttribute('data-state', 'covered');
      await expect(panel.question(EXPECTED.questions[1]!)).toHaveAttribute('data-state', 'skipped');
      await expect(panel.question(EXPECTED.questions[2]!)).toHaveAttribute('data-state', 'declined');
      await expect(panel.testId('elapsed')).toBeVisible();
    } finally {
      await restarted.close();
    }
  });

  test("the meeting page's own scripts cannot read the panel", async ({ context, extensionId }) => {
    const { call, panel } = await WorkspacePage.withGuideAndCall(context, extensionId, PASTED_GUIDE, 'Arbeidshverdag i sykepleien', FAKE_MEETING_URLS.zoom);
    await panel.startInterview('Ola');
    await panel.testId('note-input').fill('Deltakeren nevnte naboen Per Hansen');
    await panel.testId('note-input').press('Enter');
    await expect(panel.testId('note')).toContainText('Per Hansen');

    const seen = await call.evaluate(() => (window as unknown as { __collectEverything(): string }).__collectEverything());
    for (const secret of [EXPECTED.questions[0]!, EXPECTED.probes[0]!, 'Per Hansen', 'Ola', 'Arbeidshverdag']) {
      expect(seen).not.toContain(secret);
    }
    // The host's shadow root is closed: the page does not even find the frame
    // (meeting-isolation.spec.ts checks that in detail).
    expect(seen).not.toContain('[frame-closed]');
    const frameDocument = await call.evaluate(
      () => document.getElementById('intervju-panel-host')?.shadowRoot?.querySelector('iframe')?.contentDocument ?? 'no access',
    );
    expect(frameDocument).toBe('no access');
  });

  test('opens in a tab of its own as the side panel does, and the practice call shows it', async ({ context, extensionId }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    // A fresh install carries the example guide, so the practice call works at once.
    const practice = await context.newPage();
    await practice.goto(`chrome-extension://${extensionId}/practice.html`);
    const panel = await PanelPage.inMeeting(practice);
    await panel.unlockIfLocked();
    await expect(panel.testId('guide-question').first()).toBeAttached();
    await expect(panel.testId('interview-start')).toBeVisible();

    const side = await context.newPage();
    await side.goto(`chrome-extension://${extensionId}/panel.html`);
    const sidePanel = new PanelPage(side);
    await sidePanel.unlockIfLocked();
    await expect(sidePanel.testId('guide-question').first()).toBeAttached();
  });

  test('makes no network request of its own', async ({ context, extensionId, foreignRequests }) => {
    const workspace = await WorkspacePage.open(context, extensionId);
    await workspace.setUpPassphrase();
    await workspace.importGuide(PASTED_GUIDE);
    for (const url of [FAKE_MEETING_URLS.zoom, FAKE_MEETING_URLS.teams]) {
      const call = await context.newPage();
      await call.goto(url);
      const panel = await PanelPage.inMeeting(call);
      await panel.unlockIfLocked();
      await expect(panel.testId('guide-question').first()).toBeAttached();
    }
    expect(foreignRequests.map((request) => request.url())).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test.describe('panel placement', () => {
  // The host's root is closed: its box and buttons are reached from the panel's
  // iframe element, which Playwright gets from the browser's frame tree.
  const boxClass = async (page: Page) => (await panelHostBox(page)).evaluate((box) => box.className);
  const boxBounds = async (page: Page) =>
    (await panelHostBox(page)).evaluate((box) => {
      const { y, height, width } = box.getBoundingClientRect();
      return { y, height, width };
    });

  test('collapses to a slim tab, moves to the other side, and remembers it on the next call', async ({ context }) => {
    const call = await context.newPage();
    await call.goto(FAKE_MEETING_URLS.zoom);
    await expect.poll(() => boxClass(call)).toMatch(/right/);
    // Zoom keeps its controls in a footer bar: the panel stops above it.
    const viewport = call.viewportSize()!;
    const bounds = await boxBounds(call);
    expect(bounds.y + bounds.height).toBeLessThanOrEqual(viewport.height - 80);

    await (await panelHostButton(call, 1)).click();
    await expect.poll(() => boxClass(call)).toMatch(/left/);
    await (await panelHostButton(call, 0)).click();
    await expect.poll(() => boxClass(call)).toMatch(/collapsed/);
    expect((await boxBounds(call)).width).toBeLessThan(40);

    const next = await context.newPage();
    await next.goto(FAKE_MEETING_URLS.teamsLive);
    await expect.poll(() => boxClass(next)).toMatch(/left/);
    await expect.poll(() => boxClass(next)).toMatch(/collapsed/);
  });
});
