/**
 * Notices that stored data changed, sent to every extension context (panel frames,
 * side panel, workspace, background). Only the fact of a change travels, never the
 * data: each receiver re-reads what it shows.
 *
 * Runtime messages rather than a BroadcastChannel: the in-call panel is a frame in
 * a meeting page, and BroadcastChannel is partitioned by top-level site, so it
 * would never hear the workspace or the side panel.
 */
import { browser } from 'wxt/browser';

export type StoreChange =
  | { type: 'guide.changed' }
  | { type: 'session.changed'; sessionId: string }
  | { type: 'coverage.changed'; sessionId: string }
  | { type: 'notes.changed'; sessionId: string }
  | { type: 'segments.changed'; sessionId: string }
  | { type: 'participants.changed' }
  | { type: 'project.changed' }
  | { type: 'settings.changed' }
  | { type: 'recording.changed' }
  | { type: 'vault.locked' }
  | { type: 'vault.unlocked' };

const ENVELOPE = 'intervju.store-change';

const STORE_CHANGE_TYPES: ReadonlySet<string> = new Set<StoreChange['type']>([
  'guide.changed',
  'session.changed',
  'coverage.changed',
  'notes.changed',
  'segments.changed',
  'participants.changed',
  'project.changed',
  'settings.changed',
  'recording.changed',
  'vault.locked',
  'vault.unlocked',
]);

/** Checks a received message really is a StoreChange before anyone acts on it. */
export function isStoreChange(value: unknown): value is StoreChange {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !STORE_CHANGE_TYPES.has(type)) return false;
  const sessionId = (value as { sessionId?: unknown }).sessionId;
  const needsSession =
    type === 'session.changed' || type === 'coverage.changed' || type === 'notes.changed' || type === 'segments.changed';
  return !needsSession || typeof sessionId === 'string';
}

type Listener = (change: StoreChange) => void;

interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(callback: (message: unknown) => void): void;
    removeListener(callback: (message: unknown) => void): void;
  };
}

const runtime = (): RuntimeLike => browser.runtime as unknown as RuntimeLike;

// Chrome does not deliver a runtime message to the context that sent it, so the
// sender's own listeners (those registered on the same runtime) are called directly.
const localListeners = new WeakMap<RuntimeLike, Set<Listener>>();
const listenersOf = (target: RuntimeLike): Set<Listener> => {
  let set = localListeners.get(target);
  if (!set) localListeners.set(target, (set = new Set()));
  return set;
};

/** Tells every extension context, this one included, that something changed. */
export function broadcastStoreChange(change: StoreChange, target: RuntimeLike = runtime()): void {
  for (const listener of listenersOf(target)) listener(change);
  // Rejects with "Receiving end does not exist" when no other page is open: nothing to tell.
  void target.sendMessage({ kind: ENVELOPE, change }).catch(() => undefined);
}

/** Calls `listener` for every change announced anywhere; returns an unsubscribe. */
export function onStoreChange(listener: Listener, source: RuntimeLike = runtime()): () => void {
  const onMessage = (message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const { kind, change } = message as { kind?: unknown; change?: unknown };
    if (kind === ENVELOPE && isStoreChange(change)) listener(change);
  };
  listenersOf(source).add(listener);
  source.onMessage.addListener(onMessage);
  return () => {
    listenersOf(source).delete(listener);
    source.onMessage.removeListener(onMessage);
  };
}
