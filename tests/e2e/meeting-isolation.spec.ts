import type { CDPSession, Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { FAKE_MEETING_URLS } from './fake-meetings';
import { EXPECTED, PASTED_GUIDE } from './guide-text';
import { panelFrameOf } from './pages/panel';
import { WorkspacePage } from './pages/workspace';

const GUIDE_TITLE = 'Arbeidshverdag i sykepleien';
const SECRET_NOTE = 'Deltakeren nevnte naboen Per Hansen';

/** What @webext-core/messaging sends for `sendMessage(type, data)`: its listener needs `type` and a numeric `timestamp`. */
const envelope = (type: string, data?: unknown) => ({ id: 4242, type, data, timestamp: Date.now() });

/** Its reply: `{ res }` when answered, `{ err }` (a serialised Error) when the handler threw. */
interface Reply {
  res?: unknown;
  err?: { name?: string; message?: string };
}

interface ExecutionContext {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string; isDefault?: boolean; frameId?: string };
}

/**
 * The content script's isolated world on the meeting page, found over CDP:
 * Playwright evaluates only in the main world (and its own utility world).
 */
async function contentScriptWorld(page: Page, extensionId: string): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: ExecutionContext[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }: { context: ExecutionContext }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const isContentScript = (context: ExecutionContext) =>
    context.auxData?.type === 'isolated' && (context.origin === `chrome-extension://${extensionId}` || context.name === 'Intervju');
  await expect.poll(() => contexts.some(isContentScript), { message: JSON.stringify(contexts) }).toBe(true);
  return { cdp, contextId: contexts.find(isContentScript)!.id };
}

async function sendFromContentScript(page: Page, extensionId: string, message: object): Promise<Reply> {
  const { cdp, contextId } = await contentScriptWorld(page, extensionId);
  try {
    const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
      contextId,
      expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value?: Reply }; exceptionDetails?: unknown };
    if (exceptionDetails) throw new Error(`sendMessage threw in the content script: ${JSON.stringify(exceptionDetails)}`);
    return result.value ?? {};
  } finally {
    await cdp.detach();
  }
}

async function sendFromPanel(frame: Frame, message: object): Promise<Reply> {
  return frame.evaluate(
    (body) => (globalThis as unknown as { chrome: { runtime: { sendMessage(body: unknown): Promise<Reply> } } }).chrome.runtime.sendMessage(body),
    message,
  );
}

test.describe('the meeting page and the content script cannot get at the interview', () => {
  test("the meeting page's script cannot reach the panel frame, its element or its src", async ({ context, extensionId }) => {
    const { call, panel } = await WorkspacePage.withGuideAndCall(context, extensionId, PASTED_GUIDE, GUIDE_TITLE, FAKE_MEETING_URLS.zoom);

    // page.evaluate runs in the page's main world, as Zoom's own script does.
    const reach = await call.evaluate((id) => {
      const host = document.getElementById('intervju-panel-host');
      const attributesWithId: string[] = [];
      const visit = (root: Document | ShadowRoot) => {
        for (const element of root.querySelectorAll('*')) {
          for (const attribute of element.getAttributeNames()) {
            const value = element.getAttribute(attribute) ?? '';
            if (value.includes(id)) attributesWithId.push(`${element.tagName} ${attribute}=${value}`);
          }
          if (element.shadowRoot) visit(element.shadowRoot);
        }
      };
      visit(document);
      const frames: string[] = [];
      for (let index = 0; index < window.length; index++) {
        try {
          frames.push(`readable:${window.frames[index]!.location.href}`);
        } catch (error) {
          frames.push(`threw:${(error as Error).name}`);
        }
      }
      return {
        hostPresent: host !== null,
        shadowRoot: host?.shadowRoot === null ? 'null' : 'reachable',
        iframes: [...document.querySelectorAll('iframe')].map((frame) => frame.src),
        attributesWithId,
        markupMentionsId: document.documentElement.outerHTML.includes(id),
        frames,
      };
    }, extensionId);

    expect(reach.hostPresent).toBe(true);
    expect(reach.shadowRoot).toBe('null');
    expect(reach.iframes).toEqual([]);
    expect(reach.attributesWithId).toEqual([]);
    expect(reach.markupMentionsId).toBe(false);
    // Chromium may still count the frame in window.length; its location is another origin's.
    for (const frame of reach.frames) expect(frame).toMatch(/^threw:/);

    // And the panel itself works as before.
    await expect(panel.testId('lock-now')).toBeVisible();
    await expect(panel.testId('guide-question')).toHaveCount(EXPECTED.questions.length);
    await expect(panel.question(EXPECTED.questions[0]!)).toBeVisible();
  });

  test('a request from the content script is refused; the same from the panel is answered', async ({ context, extensionId }) => {
    const { call, panel } = await WorkspacePage.withGuideAndCall(context, extensionId, PASTED_GUIDE, GUIDE_TITLE, FAKE_MEETING_URLS.zoom);
    await panel.startInterview('Ola');
    await panel.testId('note-input').fill(SECRET_NOTE);
    await panel.testId('note-input').press('Enter');
    await expect(panel.testId('note')).toContainText('Per Hansen');

    const refused = await sendFromContentScript(call, extensionId, envelope('panel.state'));
    expect(refused.res).toBeUndefined();
    expect(refused.err?.message).toMatch(/refused "panel\.state"/);
    const leaked = JSON.stringify(refused);
    for (const secret of ['Per Hansen', 'Ola', EXPECTED.questions[0]!, GUIDE_TITLE]) expect(leaked).not.toContain(secret);

    // Requests that change the store are refused the same way, and change nothing.
    const panelFrame = await panelFrameOf(call);
    const answered = await sendFromPanel(panelFrame, envelope('panel.state'));
    const state = answered.res as { session: { id: string; status: string }; notes: { text: string }[]; guide: { title: string } | null };
    expect(answered.err).toBeUndefined();
    expect(state.guide?.title).toBe(GUIDE_TITLE);
    expect(state.notes.map((note) => note.text)).toEqual([SECRET_NOTE]);

    const endRefused = await sendFromContentScript(call, extensionId, envelope('session.end', state.session.id));
    expect(endRefused.err?.message).toMatch(/refused "session\.end"/);
    await expect(panel.testId('elapsed')).toBeVisible();
    const after = (await sendFromPanel(panelFrame, envelope('panel.state'))).res as { session: { status: string } | null };
    expect(after.session?.status).toBe('active');

    // Recording reports come only from the offscreen document, not even from the panel.
    const reportRefused = await sendFromPanel(panelFrame, envelope('recording.report', { status: 'stopped' }));
    expect(reportRefused.err?.message).toMatch(/refused "recording\.report": only the offscreen document/);
  });
});
