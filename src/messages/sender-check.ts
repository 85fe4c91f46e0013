/**
 * Who may ask for what. Runtime messages reach every extension context from every
 * context that shares the extension's id — and content scripts do: a message sent
 * from the script we put on a Zoom or Teams page arrives exactly like one from the
 * panel, with the same `sender.id`. What tells them apart is `sender.url`, which
 * the browser fills in (a sender cannot choose it): an extension page has the
 * extension's own origin, a content script has the meeting page's URL.
 *
 * So every request that reads or changes the store or the recording is answered
 * only to the extension's own pages (panel — also when it sits in a meeting tab's
 * iframe —, side panel, workspace, the background worker, the offscreen document),
 * and the recording reports only to the offscreen document. The content script
 * needs nothing from the background (it reads chrome.storage.local itself).
 */

/** The parts of `chrome.runtime.MessageSender` the rule reads. */
export interface SenderLike {
  id?: string;
  url?: string;
}

/** This extension, as the browser names it: `browser.runtime.id` and `browser.runtime.getURL('/')`. */
export interface ExtensionIdentity {
  id: string;
  /** `chrome-extension://<id>/` */
  baseUrl: string;
}

/**
 * `extension-page`: any document or worker of this extension (not its content scripts).
 * `offscreen-document`: only `/offscreen.html`, the recorder.
 */
export type SenderRule = 'extension-page' | 'offscreen-document';

/**
 * Scheme and host, spelled out: `URL.origin` is "null" for `chrome-extension:` URLs
 * outside Chromium (Node, where the unit tests run), and two "null"s must never match.
 */
const parse = (url: string): { origin: string; pathname: string } | null => {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? null : { origin: `${parsed.protocol}//${parsed.host}`, pathname: parsed.pathname };
  } catch {
    return null;
  }
};

/** Why `sender` may not ask under `rule`, or null when it may. Pure: the identity is passed in. */
export function senderRefusal(sender: SenderLike | undefined, rule: SenderRule, self: ExtensionIdentity): string | null {
  if (!sender || sender.id !== self.id) return 'the sender is not this extension';
  const own = parse(self.baseUrl);
  if (own === null) return 'this extension has no origin to compare with';
  const from = sender.url === undefined ? null : parse(sender.url);
  if (from === null) return 'the sender has no URL';
  if (from.origin !== own.origin) return 'the sender is not one of the extension’s own pages (a content script or another site)';
  if (rule === 'offscreen-document' && from.pathname !== '/offscreen.html') {
    return 'only the offscreen document may send this';
  }
  return null;
}

/** Raised instead of answering; @webext-core/messaging hands it to the caller as a rejected promise. */
export class SenderRefusedError extends Error {
  constructor(type: string, reason: string) {
    super(`Intervju refused "${type}": ${reason}.`);
    this.name = 'SenderRefusedError';
  }
}

/** Throws SenderRefusedError unless `sender` may send `type` under `rule`. */
export function assertSenderAllowed(type: string, sender: SenderLike | undefined, rule: SenderRule, self: ExtensionIdentity): void {
  const reason = senderRefusal(sender, rule, self);
  if (reason !== null) throw new SenderRefusedError(type, reason);
}
