import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineExtensionMessaging } from '@webext-core/messaging';
import { receivingOnlyFrom } from './guarded-messaging';
import { assertSenderAllowed, senderRefusal, SenderRefusedError, type ExtensionIdentity } from './sender-check';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const SELF: ExtensionIdentity = { id: ID, baseUrl: `chrome-extension://${ID}/` };
const page = (path: string) => `chrome-extension://${ID}${path}`;

describe('senderRefusal', () => {
  it('allows the extension’s own pages, in a tab of their own or in none', () => {
    expect(senderRefusal({ id: ID, url: page('/workspace.html#/sessions') }, 'extension-page', SELF)).toBeNull();
    // Side panel and offscreen document: no tab.
    expect(senderRefusal({ id: ID, url: page('/panel.html') }, 'extension-page', SELF)).toBeNull();
    expect(senderRefusal({ id: ID, url: page('/offscreen.html') }, 'extension-page', SELF)).toBeNull();
    // The background worker, when it asks the offscreen document.
    expect(senderRefusal({ id: ID, url: page('/background.js') }, 'extension-page', SELF)).toBeNull();
  });

  it('allows the panel frame inside a meeting tab: its own URL is the extension’s, whatever the tab shows', () => {
    const sender = {
      id: ID,
      url: page('/panel.html?platform=zoom'),
      tab: { id: 4, url: 'https://app.zoom.us/wc/81234567890/join' },
      frameId: 7,
    };
    expect(senderRefusal(sender, 'extension-page', SELF)).toBeNull();
  });

  it('refuses the content script on a meeting page, although it carries the extension’s id', () => {
    const sender = { id: ID, url: 'https://app.zoom.us/wc/81234567890/join', tab: { id: 4 }, frameId: 0 };
    expect(senderRefusal(sender, 'extension-page', SELF)).toMatch(/content script/);
    expect(senderRefusal({ id: ID, url: 'https://teams.microsoft.com/v2/' }, 'offscreen-document', SELF)).not.toBeNull();
  });

  it('refuses another extension, even one whose page path looks the same', () => {
    const other = 'ponmlkjihgfedcbaponmlkjihgfedcba';
    expect(senderRefusal({ id: other, url: `chrome-extension://${other}/panel.html` }, 'extension-page', SELF)).toMatch(/not this extension/);
    // The right id with another extension's origin cannot happen in Chrome, and is refused anyway.
    expect(senderRefusal({ id: ID, url: `chrome-extension://${other}/panel.html` }, 'extension-page', SELF)).not.toBeNull();
  });

  it('refuses a sender without id or URL, or with one that is no URL', () => {
    expect(senderRefusal(undefined, 'extension-page', SELF)).not.toBeNull();
    expect(senderRefusal({ id: ID }, 'extension-page', SELF)).toMatch(/no URL/);
    expect(senderRefusal({ id: ID, url: 'not a url' }, 'extension-page', SELF)).toMatch(/no URL/);
    expect(senderRefusal({ url: page('/panel.html') }, 'extension-page', SELF)).not.toBeNull();
  });

  it('lets only the offscreen document report on the recording', () => {
    expect(senderRefusal({ id: ID, url: page('/offscreen.html') }, 'offscreen-document', SELF)).toBeNull();
    expect(senderRefusal({ id: ID, url: page('/panel.html') }, 'offscreen-document', SELF)).toMatch(/offscreen/);
    expect(senderRefusal({ id: ID, url: page('/workspace.html') }, 'offscreen-document', SELF)).toMatch(/offscreen/);
    expect(senderRefusal({ id: ID, url: 'https://evil.example/offscreen.html' }, 'offscreen-document', SELF)).not.toBeNull();
  });

  it('throws a clear error when refused', () => {
    expect(() => assertSenderAllowed('panel.state', { id: ID, url: 'https://app.zoom.us/wc/1' }, 'extension-page', SELF)).toThrow(
      SenderRefusedError,
    );
    expect(() => assertSenderAllowed('panel.state', { id: ID, url: 'https://app.zoom.us/wc/1' }, 'extension-page', SELF)).toThrow(
      /refused "panel\.state"/,
    );
  });
});

/** chrome.runtime as @webext-core/messaging uses it, delivering to the one root listener with a chosen sender. */
function fakeChrome() {
  type Listener = (message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => boolean;
  const listeners: Listener[] = [];
  const deliver = (message: unknown, sender: unknown) =>
    new Promise<unknown>((resolve) => {
      for (const listener of listeners) if (listener(message, sender, resolve)) return;
      resolve(undefined);
    });
  return {
    deliver,
    chrome: { runtime: { onMessage: { addListener: (listener: Listener) => listeners.push(listener), removeListener: () => undefined } } },
  };
}

describe('receivingOnlyFrom', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('answers allowed senders and, for refused ones, replies with the error without running the handler', async () => {
    const { chrome, deliver } = fakeChrome();
    vi.stubGlobal('chrome', chrome);
    const messenger = receivingOnlyFrom('extension-page', defineExtensionMessaging<{ 'panel.state'(): { notes: string[] } }>(), () => SELF);
    const handler = vi.fn(() => ({ notes: ['hemmelig'] }));
    messenger.onMessage('panel.state', handler);
    const envelope = { id: 1, type: 'panel.state', data: undefined, timestamp: Date.now() };

    expect(await deliver(envelope, { id: ID, url: page('/panel.html') })).toEqual({ res: { notes: ['hemmelig'] } });
    expect(handler).toHaveBeenCalledTimes(1);

    const refused = (await deliver(envelope, { id: ID, url: 'https://app.zoom.us/wc/1', tab: { id: 3 } })) as { res?: unknown; err?: { message: string } };
    expect(refused.res).toBeUndefined();
    expect(refused.err?.message).toMatch(/refused "panel\.state"/);
    expect(handler).toHaveBeenCalledTimes(1);

    // A sender field smuggled into the message does not replace the browser's.
    const smuggled = (await deliver({ ...envelope, sender: { id: ID, url: page('/panel.html') } }, { id: ID, url: 'https://app.zoom.us/' })) as {
      err?: unknown;
    };
    expect(smuggled.err).toBeDefined();
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
