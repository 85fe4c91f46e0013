/**
 * The store's lock as a page sees it. Pages with first-party storage (workspace,
 * background) open the database themselves; the in-call panel, a frame inside a
 * meeting page, asks the background (see src/messages/background-protocol.ts).
 */
import {
  initialiseVault,
  isVaultInitialised,
  PassphraseTooShortError,
  unlockVault,
  VaultStateError,
  WrongPassphraseError,
  type IntervjuDatabase,
  type Vault,
} from '../store';
import { backgroundMessaging, type PassphraseResult, type VaultStatus } from '../messages';
import { forgetVault, recallVault, rememberVault } from './vault-session';

export interface VaultAccess {
  status(): Promise<VaultStatus>;
  setUp(passphrase: string): Promise<PassphraseResult>;
  unlock(passphrase: string): Promise<PassphraseResult>;
  lock(): Promise<void>;
}

function refusal(cause: unknown): PassphraseResult {
  if (cause instanceof WrongPassphraseError) return { ok: false, reason: 'wrong-passphrase' };
  if (cause instanceof PassphraseTooShortError) return { ok: false, reason: 'too-short' };
  if (cause instanceof VaultStateError) return { ok: false, reason: 'already-set-up' };
  return { ok: false, reason: 'failed', message: cause instanceof Error ? cause.message : String(cause) };
}

/** Opens the vault with `open` and shares its key, or says why it could not. */
async function openAndRemember(open: () => Promise<Vault>): Promise<PassphraseResult> {
  try {
    await rememberVault(await open());
    return { ok: true };
  } catch (cause) {
    return refusal(cause);
  }
}

/** Works on the database directly and shares the unlocked key through storage.session. */
export function localVaultAccess(db: IntervjuDatabase): VaultAccess {
  return {
    async status() {
      if (await recallVault()) return 'open';
      return (await isVaultInitialised(db)) ? 'locked' : 'set-up';
    },
    setUp: (passphrase) => openAndRemember(() => initialiseVault(db, passphrase)),
    unlock: (passphrase) => openAndRemember(() => unlockVault(db, passphrase)),
    lock: () => forgetVault(),
  };
}

/** Asks the background, for frames that may not open IndexedDB themselves. */
export const backgroundVaultAccess: VaultAccess = {
  status: () => backgroundMessaging.sendMessage('vault.status'),
  setUp: (passphrase) => backgroundMessaging.sendMessage('vault.setUp', passphrase),
  unlock: (passphrase) => backgroundMessaging.sendMessage('vault.unlock', passphrase),
  lock: () => backgroundMessaging.sendMessage('vault.lock'),
};
