/**
 * Whole-project backup to one encrypted file, and restore from it. The file is
 * encrypted under its own passphrase (it may be kept somewhere the vault's
 * passphrase should not be written down), and holds the records decrypted, so it
 * restores into any installation under that installation's vault.
 */
import { sealBackup, openBackup } from './backup-container';
import { packBackupContent, unpackBackupContent, type BackupContent } from './backup-document';
import { DEFAULT_PBKDF2_ITERATIONS } from './crypto';
import { runTransaction } from './database';
import { zeroCounts } from './deletion-receipt';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import { PassphraseTooShortError, VaultStateError } from './errors';
import { DATABASE_VERSION } from './migrations';
import { ALL_STORES, SINGLE_RECORD_KEY, STORE, type IntervjuDatabase, type IntervjuSchema, type SettingValue, type StoreName } from './schema';
import { openAudioChunk, openKeyListEntry, openNote, openSegment, sealAudioChunk, sealKeyListEntry, sealNote, sealSegment } from './sealed-records';
import { MINIMUM_PASSPHRASE_LENGTH, vaultMatchesDatabase, type Vault } from './vault';

export interface BackupOptions extends StoreEnvironment {
  /** PBKDF2 iterations for the backup key; defaults to 600,000. */
  iterations?: number;
}

export interface RestoreReport {
  /** When the restored backup was made. */
  backupCreatedAt: number;
  /** Records restored, per store (the vault is never replaced). */
  counts: Record<StoreName, number>;
}

/** Stores whose records carry their own key. */
type KeyedStore = 'guides' | 'participants' | 'sessions' | 'coverage' | 'notes' | 'segments' | 'keyList' | 'audio';

/** Stores a restore replaces: all but the vault, which stays this installation's. */
const DATA_STORES = ALL_STORES.filter((name) => name !== STORE.vault);

/** One encrypted file holding the whole project, audio included. */
export async function createBackup(
  database: IntervjuDatabase,
  vault: Vault,
  passphrase: string,
  options: BackupOptions = {},
): Promise<Uint8Array> {
  if ([...passphrase.normalize('NFC')].length < MINIMUM_PASSPHRASE_LENGTH) throw new PassphraseTooShortError(MINIMUM_PASSPHRASE_LENGTH);
  const { now } = resolveEnvironment(options);
  // One read transaction, so the backup is a consistent snapshot; decryption happens after it.
  const raw = await runTransaction(database, DATA_STORES, 'readonly', async (transaction) => ({
    project: (await transaction.objectStore(STORE.project).get(SINGLE_RECORD_KEY)) ?? null,
    settingKeys: await transaction.objectStore(STORE.settings).getAllKeys(),
    settingValues: await transaction.objectStore(STORE.settings).getAll(),
    guides: await transaction.objectStore(STORE.guides).getAll(),
    participants: await transaction.objectStore(STORE.participants).getAll(),
    sessions: await transaction.objectStore(STORE.sessions).getAll(),
    coverage: await transaction.objectStore(STORE.coverage).getAll(),
    notes: await transaction.objectStore(STORE.notes).getAll(),
    segments: await transaction.objectStore(STORE.segments).getAll(),
    keyList: await transaction.objectStore(STORE.keyList).getAll(),
    audio: await transaction.objectStore(STORE.audio).getAll(),
  }));
  const content: BackupContent = {
    createdAt: now(),
    databaseVersion: DATABASE_VERSION,
    project: raw.project,
    settings: raw.settingKeys.map((key, index) => [key, raw.settingValues[index]]),
    guides: raw.guides,
    participants: raw.participants,
    sessions: raw.sessions,
    coverage: raw.coverage,
    notes: await Promise.all(raw.notes.map((record) => openNote(vault, record))),
    segments: await Promise.all(raw.segments.map((record) => openSegment(vault, record))),
    keyList: await Promise.all(raw.keyList.map((record) => openKeyListEntry(vault, record))),
    audio: await Promise.all(raw.audio.map((record) => openAudioChunk(vault, record))),
  };
  return sealBackup(packBackupContent(content), passphrase, options.iterations ?? DEFAULT_PBKDF2_ITERATIONS);
}

/**
 * Replaces the project's data with a backup's, in one transaction, re-encrypting
 * sensitive records under `vault`. A file that is damaged, cut off, altered or
 * opened with the wrong passphrase throws `BackupRejectedError`, and nothing changes.
 */
export async function restoreBackup(
  database: IntervjuDatabase,
  bytes: Uint8Array,
  passphrase: string,
  vault: Vault,
): Promise<RestoreReport> {
  const content = unpackBackupContent(await openBackup(bytes, passphrase));
  // Records sealed under a key this database does not hold could never be read again.
  if (!(await vaultMatchesDatabase(database, vault))) {
    throw new VaultStateError('The unlocked key does not belong to this database; unlock it again before restoring.');
  }
  // Encrypt everything before the transaction opens: WebCrypto inside it would let it commit half-way.
  const sealed = {
    notes: await Promise.all(content.notes.map((note) => sealNote(vault, note))),
    segments: await Promise.all(content.segments.map((segment) => sealSegment(vault, segment))),
    keyList: await Promise.all(content.keyList.map((entry) => sealKeyListEntry(vault, entry))),
    audio: await Promise.all(content.audio.map((chunk) => sealAudioChunk(vault, chunk))),
  };
  const counts = await runTransaction(database, DATA_STORES, 'readwrite', async (transaction) => {
    const written = zeroCounts();
    for (const name of DATA_STORES) await transaction.objectStore(name).clear();
    if (content.project) {
      await transaction.objectStore(STORE.project).put(content.project, SINGLE_RECORD_KEY);
      written.project = 1;
    }
    for (const [key, value] of content.settings) {
      await transaction.objectStore(STORE.settings).put(value as SettingValue, key);
      written.settings += 1;
    }
    const put = async <Name extends KeyedStore>(name: Name, records: readonly IntervjuSchema[Name]['value'][]) => {
      const store = transaction.objectStore(name);
      for (const record of records) await store.put(record);
      written[name] = records.length;
    };
    await put(STORE.guides, content.guides);
    await put(STORE.participants, content.participants);
    await put(STORE.sessions, content.sessions);
    await put(STORE.coverage, content.coverage);
    await put(STORE.notes, sealed.notes);
    await put(STORE.segments, sealed.segments);
    await put(STORE.keyList, sealed.keyList);
    await put(STORE.audio, sealed.audio);
    return written;
  });
  return { backupCreatedAt: content.createdAt, counts };
}
