/**
 * Unlock once per browser session: the unlocked data key is kept in
 * `chrome.storage.session`, which lives in memory only, is cleared when the
 * browser exits, and by default is not readable by content scripts (access level
 * TRUSTED_CONTEXTS: https://developer.chrome.com/docs/extensions/reference/api/storage#property-session).
 * Every extension page reads it from there, so locking in one place locks everywhere.
 */
import { browser } from 'wxt/browser';
import { exportVaultKey, importVaultKey, type Vault } from '../store';
import { broadcastStoreChange } from '../messages';

const SESSION_KEY = 'vault.dataKey';
const LAST_ACTIVITY_KEY = 'vault.lastActivity';

export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string | string[]): Promise<void>;
}

const defaultArea = (): SessionArea => browser.storage.session as unknown as SessionArea;

/** Makes the unlocked vault available to every extension page until locked. */
export async function rememberVault(vault: Vault, area: SessionArea = defaultArea(), now = Date.now()): Promise<void> {
  await area.set({ [SESSION_KEY]: await exportVaultKey(vault), [LAST_ACTIVITY_KEY]: now });
  broadcastStoreChange({ type: 'vault.unlocked' });
}

/** The vault unlocked earlier in this browser session, or null when locked. */
export async function recallVault(area: SessionArea = defaultArea()): Promise<Vault | null> {
  const stored = (await area.get(SESSION_KEY))[SESSION_KEY];
  return typeof stored === 'string' ? importVaultKey(stored) : null;
}

/** Forgets the key in every extension context. */
export async function forgetVault(area: SessionArea = defaultArea()): Promise<void> {
  await area.remove([SESSION_KEY, LAST_ACTIVITY_KEY]);
  broadcastStoreChange({ type: 'vault.locked' });
}

/** Notes that the researcher did something, which postpones the idle auto-lock. */
export async function touchVault(area: SessionArea = defaultArea(), now = Date.now()): Promise<void> {
  await area.set({ [LAST_ACTIVITY_KEY]: now });
}

/** When the researcher last did something while unlocked, or null when locked. */
export async function lastVaultActivity(area: SessionArea = defaultArea()): Promise<number | null> {
  const stored = (await area.get(LAST_ACTIVITY_KEY))[LAST_ACTIVITY_KEY];
  return typeof stored === 'number' ? stored : null;
}
