/**
 * Keeping the store unlocked across extension pages: the unlocked data key in
 * `chrome.storage.session` (memory only, shared by every extension page, not
 * readable by content scripts), the last activity for the idle auto-lock, and
 * the lock as a page reaches it (`localVaultAccess` on the database itself,
 * `backgroundVaultAccess` through the background for the in-call panel).
 *
 * A domain of its own, not part of src/store: src/store makes and opens the vault
 * (passphrase → data key) inside IndexedDB and knows nothing of the browser's
 * storage areas or of messages; this uses both (chrome.storage.session, the
 * background protocol and store-change notices from src/messages, which itself
 * depends on src/store's record types). See docs/privacy.md.
 */
export { localVaultAccess, backgroundVaultAccess } from './vault-access';
export type { VaultAccess } from './vault-access';
export { rememberVault, recallVault, forgetVault, touchVault, lastVaultActivity } from './vault-session';
export type { SessionArea } from './vault-session';
