/**
 * A messenger whose handlers run only for senders the rule allows. The guard sits
 * where the messenger is defined, so no handler can be registered without it and
 * none repeats the check.
 */
import { defineExtensionMessaging, type ExtensionMessenger } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import { assertSenderAllowed, type ExtensionIdentity, type SenderRule } from './sender-check';

/** Read when a message arrives, not at import: unit tests import this without a runtime. */
const ownIdentity = (): ExtensionIdentity => ({ id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') });

/**
 * Wraps `messenger` so that every `onMessage` handler first checks the sender and,
 * when refused, throws instead of running: @webext-core/messaging serialises the
 * error into the reply, and the caller's `sendMessage` rejects with it.
 */
export function receivingOnlyFrom<TProtocolMap extends object>(
  rule: SenderRule,
  messenger: ExtensionMessenger<TProtocolMap>,
  self: () => ExtensionIdentity = ownIdentity,
): ExtensionMessenger<TProtocolMap> {
  return {
    sendMessage: messenger.sendMessage,
    removeAllListeners: messenger.removeAllListeners,
    onMessage: (type, onReceived) =>
      messenger.onMessage(type, (message) => {
        assertSenderAllowed(String(type), message.sender, rule, self());
        return onReceived(message);
      }),
  };
}

/** `defineExtensionMessaging`, with every handler guarded by `rule`. */
export function defineGuardedMessaging<TProtocolMap extends object>(rule: SenderRule): ExtensionMessenger<TProtocolMap> {
  return receivingOnlyFrom(rule, defineExtensionMessaging<TProtocolMap>());
}
