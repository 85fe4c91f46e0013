/**
 * The vault: envelope encryption. A random data key encrypts the records; the
 * data key is stored only wrapped (AES-GCM) under a key derived from the
 * researcher's passphrase (PBKDF2-SHA-256). Changing the passphrase re-wraps the
 * data key and leaves every record as it is.
 */
import {
  DEFAULT_PBKDF2_ITERATIONS,
  IV_BYTES,
  MAXIMUM_PBKDF2_ITERATIONS,
  SALT_BYTES,
  decodeText,
  decryptBytes,
  deriveKeyFromPassphrase,
  encodeText,
  encryptBytes,
  exportDataKey,
  fromBase64,
  generateDataKey,
  importDataKey,
  randomBytes,
  toBase64,
} from './crypto';
import { runTransaction } from './database';
import { PassphraseTooShortError, VaultStateError, WrongPassphraseError } from './errors';
import { SINGLE_RECORD_KEY, STORE, type IntervjuDatabase, type VaultRecord } from './schema';

export const MINIMUM_PASSPHRASE_LENGTH = 8;

/** An unlocked vault. Holding one means holding the data key; drop it to lock. */
export interface Vault {
  readonly kind: 'intervju-vault';
  readonly dataKey: CryptoKey;
}

export interface VaultOptions {
  /** PBKDF2 iterations; defaults to 600,000. Tests pass a small number for speed. */
  iterations?: number;
  now?: () => number;
}

const WRAP_CONTEXT = encodeText('intervju/vault/data-key');
const KEY_CHECK_CONTEXT = encodeText('intervju/vault/key-check');
const KEY_CHECK_TEXT = 'intervju-key-check';

function makeVault(dataKey: CryptoKey): Vault {
  return Object.freeze({ kind: 'intervju-vault', dataKey });
}

function checkPassphrase(passphrase: string): void {
  if ([...passphrase.normalize('NFC')].length < MINIMUM_PASSPHRASE_LENGTH) {
    throw new PassphraseTooShortError(MINIMUM_PASSPHRASE_LENGTH);
  }
}

function checkIterations(iterations: number): void {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAXIMUM_PBKDF2_ITERATIONS) {
    throw new RangeError(`PBKDF2 iterations must be an integer from 1 to ${MAXIMUM_PBKDF2_ITERATIONS}.`);
  }
}

async function readVaultRecord(database: IntervjuDatabase): Promise<VaultRecord | undefined> {
  return database.get(STORE.vault, SINGLE_RECORD_KEY);
}

async function wrapDataKey(dataKey: CryptoKey, passphrase: string, iterations: number) {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const wrappingKey = await deriveKeyFromPassphrase(passphrase, salt, iterations, ['wrapKey', 'unwrapKey']);
  const wrapped = await globalThis.crypto.subtle.wrapKey('raw', dataKey, wrappingKey, {
    name: 'AES-GCM',
    iv,
    additionalData: WRAP_CONTEXT,
  });
  return { salt, iv, iterations, wrappedKey: new Uint8Array(wrapped) };
}

async function unwrapDataKey(record: VaultRecord, passphrase: string): Promise<CryptoKey> {
  const wrappingKey = await deriveKeyFromPassphrase(passphrase, record.salt, record.iterations, ['wrapKey', 'unwrapKey']);
  try {
    return await globalThis.crypto.subtle.unwrapKey(
      'raw',
      record.wrappedKey,
      wrappingKey,
      { name: 'AES-GCM', iv: record.iv, additionalData: WRAP_CONTEXT },
      { name: 'AES-GCM', length: 256 },
      true,
      ['encrypt', 'decrypt'],
    );
  } catch {
    // The GCM tag of the wrapped key fails for any other passphrase.
    throw new WrongPassphraseError();
  }
}

/** True once a passphrase has been set for this database. */
export async function isVaultInitialised(database: IntervjuDatabase): Promise<boolean> {
  return (await readVaultRecord(database)) !== undefined;
}

/** Sets the passphrase for a new database and returns the unlocked vault. */
export async function initialiseVault(database: IntervjuDatabase, passphrase: string, options: VaultOptions = {}): Promise<Vault> {
  checkPassphrase(passphrase);
  const iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  checkIterations(iterations);
  if (await isVaultInitialised(database)) throw new VaultStateError('The vault is already set up; unlock it instead.');
  const dataKey = await generateDataKey();
  const wrapped = await wrapDataKey(dataKey, passphrase, iterations);
  const keyCheck = await encryptBytes(dataKey, encodeText(KEY_CHECK_TEXT), KEY_CHECK_CONTEXT);
  const now = (options.now ?? Date.now)();
  const record: VaultRecord = { format: 1, ...wrapped, keyCheck, createdAt: now, changedAt: now };
  await runTransaction(database, [STORE.vault], 'readwrite', async (transaction) => {
    // Checked again inside the write: another page may have set it up meanwhile.
    if (await transaction.objectStore(STORE.vault).get(SINGLE_RECORD_KEY)) {
      throw new VaultStateError('The vault is already set up; unlock it instead.');
    }
    await transaction.objectStore(STORE.vault).put(record, SINGLE_RECORD_KEY);
  });
  return makeVault(dataKey);
}

/** Unlocks with the passphrase; throws `WrongPassphraseError` if it does not match. */
export async function unlockVault(database: IntervjuDatabase, passphrase: string): Promise<Vault> {
  const record = await readVaultRecord(database);
  if (!record) throw new VaultStateError('The vault is not set up yet.');
  return makeVault(await unwrapDataKey(record, passphrase));
}

/** Re-wraps the data key under a new passphrase; stored records are not touched. */
export async function changePassphrase(
  database: IntervjuDatabase,
  oldPassphrase: string,
  newPassphrase: string,
  options: VaultOptions = {},
): Promise<void> {
  checkPassphrase(newPassphrase);
  const record = await readVaultRecord(database);
  if (!record) throw new VaultStateError('The vault is not set up yet.');
  const dataKey = await unwrapDataKey(record, oldPassphrase);
  // Never lower the work factor by accident: keep the stored count unless a higher one is asked for.
  const iterations = options.iterations ?? Math.max(record.iterations, DEFAULT_PBKDF2_ITERATIONS);
  checkIterations(iterations);
  const wrapped = await wrapDataKey(dataKey, newPassphrase, iterations);
  const updated: VaultRecord = { ...record, ...wrapped, changedAt: (options.now ?? Date.now)() };
  await runTransaction(database, [STORE.vault], 'readwrite', async (transaction) => {
    const current = await transaction.objectStore(STORE.vault).get(SINGLE_RECORD_KEY);
    // Refuse if another page changed the passphrase in between: our old one may no longer be current.
    if (!current || current.changedAt !== record.changedAt) {
      throw new VaultStateError('The passphrase was changed elsewhere meanwhile; try again.');
    }
    await transaction.objectStore(STORE.vault).put(updated, SINGLE_RECORD_KEY);
  });
}

/** True when the vault's key is the one this database's records were encrypted with. */
export async function vaultMatchesDatabase(database: IntervjuDatabase, vault: Vault): Promise<boolean> {
  const record = await readVaultRecord(database);
  if (!record) return false;
  try {
    return decodeText(await decryptBytes(vault.dataKey, record.keyCheck, KEY_CHECK_CONTEXT)) === KEY_CHECK_TEXT;
  } catch {
    return false;
  }
}

/** The raw data key as base64, to hand the unlocked vault to another extension page (memory-only storage). */
export async function exportVaultKey(vault: Vault): Promise<string> {
  return toBase64(await exportDataKey(vault.dataKey));
}

/** Rebuilds an unlocked vault from `exportVaultKey` output. */
export async function importVaultKey(raw: string): Promise<Vault> {
  return makeVault(await importDataKey(fromBase64(raw)));
}
