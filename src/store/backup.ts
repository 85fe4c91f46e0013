/**
 * Whole-project backup to one encrypted file, and restore from it. The file is
 * encrypted under its own passphrase (it may be kept somewhere the vault's
 * passphrase should not be written down), and holds the records decrypted, so it
 * restores into any installation under that installation's vault.
 *
 * Both directions stream: audio, nearly all of a project's bytes, is read, decrypted,
 * re-encrypted and written a batch of chunks at a time, so memory does not grow
 * with the hours recorded. See docs/privacy.md for the figures.
 */
import { METADATA_BATCH, readAudioChunks, readAudioMetadata } from './audio';
import { BackupSealer, backupContainerVersion, openBackupSegments, openLegacyBackup, type BackupSink } from './backup-container';
import { decodeBackupDocument, encodeBackupDocument, frame, FrameReader, unpackLegacyBackupContent, type BackupDocument } from './backup-document';
import { runTransaction } from './database';
import { zeroCounts } from './deletion-receipt';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import { BackupRejectedError, PassphraseTooShortError, RecordStateError, VaultStateError } from './errors';
import { DATABASE_VERSION } from './migrations';
import type { AudioChunk, AudioChunkMetadata } from './records';
import { ALL_STORES, SINGLE_RECORD_KEY, STORE, type IntervjuDatabase, type IntervjuSchema, type SettingValue, type StoreName } from './schema';
import { openKeyListEntry, openNote, openQuote, openSegment, sealAudioChunk, sealKeyListEntry, sealNote, sealQuote, sealSegment } from './sealed-records';
import { MINIMUM_PASSPHRASE_LENGTH, vaultMatchesDatabase, type Vault } from './vault';

/** How far a long backup or restore has come, in units of `total` (audio chunks, or bytes of the file). */
export interface BackupProgress {
  done: number;
  total: number;
}

export interface BackupOptions extends StoreEnvironment {
  /** PBKDF2 iterations for the backup key; defaults to 600,000. */
  iterations?: number;
  /** Plaintext bytes per encrypted segment; only tests change it. */
  segmentBytes?: number;
  onProgress?: (progress: BackupProgress) => void;
}

export interface RestoreOptions extends StoreEnvironment {
  onProgress?: (progress: BackupProgress) => void;
}

export interface RestoreReport {
  /** When the restored backup was made. */
  backupCreatedAt: number;
  /** Records restored, per store (the vault is never replaced). */
  counts: Record<StoreName, number>;
}

/** Stores whose records carry their own key. */
type KeyedStore = 'guides' | 'participants' | 'sessions' | 'coverage' | 'notes' | 'segments' | 'keyList' | 'quotes' | 'audio';

/** Stores a restore replaces: all but the vault, which stays this installation's. */
const DATA_STORES = ALL_STORES.filter((name) => name !== STORE.vault);

/** Chunks read or written per transaction: about 0.5 MB of 32 kbit/s Opus. */
const AUDIO_BATCH = 64;

/**
 * Audio of a restore under way is written under session ids with this prefix, so
 * nothing lists it until the restore commits; if the browser dies first, the
 * retention run deletes it as audio of a session that does not exist.
 */
const STAGING_PREFIX = '\u0000restore/';

const AUDIO_DELETED = 'Audio was deleted while the backup was being made; make the backup again.';

/**
 * Writes the whole project as one encrypted backup file to `sink`, part by part.
 * Everything but the audio is read in one transaction (a consistent snapshot,
 * with the audio chunks' ids); the audio is then read in batches, once for the
 * list in `backup.json`, which comes first, and once for the bytes. If a listed chunk is
 * deleted meanwhile (its session approved, withdrawn), the backup fails rather
 * than leave it out silently.
 */
export async function writeBackup(
  database: IntervjuDatabase,
  vault: Vault,
  passphrase: string,
  sink: BackupSink,
  options: BackupOptions = {},
): Promise<void> {
  if ([...passphrase.normalize('NFC')].length < MINIMUM_PASSPHRASE_LENGTH) throw new PassphraseTooShortError(MINIMUM_PASSPHRASE_LENGTH);
  const { now } = resolveEnvironment(options);
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
    quotes: await transaction.objectStore(STORE.quotes).getAll(),
    // Keys only: reading the records here would pull every chunk's ciphertext into memory at once.
    audioIds: await transaction.objectStore(STORE.audio).getAllKeys(),
  }));
  const audio: AudioChunkMetadata[] = [];
  for (let first = 0; first < raw.audioIds.length; first += METADATA_BATCH) {
    for (const chunk of await readAudioMetadata(database, raw.audioIds.slice(first, first + METADATA_BATCH))) {
      if (!chunk) throw new RecordStateError(AUDIO_DELETED);
      // Audio staged by a restore that never committed is not part of the project.
      if (!chunk.sessionId.startsWith(STAGING_PREFIX)) audio.push(chunk);
    }
  }
  const document: BackupDocument = {
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
    quotes: await Promise.all(raw.quotes.map((record) => openQuote(vault, record))),
    audio,
  };
  const sealer = await BackupSealer.start(passphrase, sink, options);
  await sealer.write(frame(encodeBackupDocument(document)));
  options.onProgress?.({ done: 0, total: audio.length });
  for (let first = 0; first < audio.length; first += AUDIO_BATCH) {
    const batch = audio.slice(first, first + AUDIO_BATCH);
    const chunks = await readAudioChunks(database, vault, batch.map((chunk) => chunk.id));
    for (const chunk of chunks) {
      if (!chunk) throw new RecordStateError(AUDIO_DELETED);
      await sealer.write(frame(chunk.bytes));
    }
    options.onProgress?.({ done: first + batch.length, total: audio.length });
  }
  await sealer.finish();
}

/**
 * The whole project as one encrypted backup file. The file is a Blob of many
 * small Blobs: the browser keeps their bytes in its blob store (on disk when
 * large), not in this page's memory, and the object URL of a download reads them
 * from there.
 */
export async function createBackup(database: IntervjuDatabase, vault: Vault, passphrase: string, options: BackupOptions = {}): Promise<Blob> {
  const parts: Blob[] = [];
  await writeBackup(database, vault, passphrase, (part) => void parts.push(new Blob([part])), options);
  return new Blob(parts, { type: 'application/octet-stream' });
}

/** A backup's content: the document at once, the audio as it is read from the file. */
interface OpenedBackup {
  document: BackupDocument;
  audio: AsyncIterable<AudioChunk>;
}

/** Decrypts a format-2 file segment by segment and cuts it into the document and the audio chunks. */
async function openStreamedBackup(file: Blob, passphrase: string, onRead: (bytes: number) => void): Promise<OpenedBackup> {
  const segments = openBackupSegments(file, passphrase, onRead);
  const frames = new FrameReader();
  const nextFrame = async (): Promise<Uint8Array | null> => {
    for (;;) {
      const next = frames.next();
      if (next) return next;
      const segment = await segments.next();
      if (segment.done) return null;
      frames.push(segment.value);
    }
  };
  const documentBytes = await nextFrame();
  if (!documentBytes) throw new BackupRejectedError('not-a-backup', { cause: new Error('backup.json is missing') });
  const { audioFiles: _files, ...document } = decodeBackupDocument(documentBytes);
  async function* audio(): AsyncGenerator<AudioChunk> {
    for (const metadata of document.audio) {
      const bytes = await nextFrame();
      if (!bytes) throw new BackupRejectedError('not-a-backup', { cause: new Error(`audio of chunk ${metadata.id} is missing`) });
      yield { ...metadata, bytes };
    }
    // The content is authenticated, so anything left over is a writer's mistake, not damage.
    if ((await nextFrame()) !== null || frames.remaining > 0) {
      throw new BackupRejectedError('not-a-backup', { cause: new Error('unexpected bytes after the last audio chunk') });
    }
  }
  return { document, audio: audio() };
}

/** A format-1 file is one ciphertext: it is decrypted whole, as it was written. */
async function openLegacy(file: Blob, passphrase: string): Promise<OpenedBackup> {
  const { document, audio } = unpackLegacyBackupContent(await openLegacyBackup(new Uint8Array(await file.arrayBuffer()), passphrase));
  async function* chunks(): AsyncGenerator<AudioChunk> {
    yield* audio;
  }
  return { document, audio: chunks() };
}

/** Deletes the audio staged by one restore, a batch per transaction. */
async function deleteStaged(database: IntervjuDatabase, prefix: string): Promise<void> {
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  for (;;) {
    const keys = await database.getAllKeysFromIndex(STORE.audio, 'bySession', range, METADATA_BATCH);
    if (keys.length === 0) return;
    await runTransaction(database, [STORE.audio], 'readwrite', async (transaction) => {
      const store = transaction.objectStore(STORE.audio);
      await Promise.all(keys.map((key) => store.delete(key)));
    });
  }
}

/**
 * Replaces the project's data with a backup's, re-encrypting sensitive records
 * under `vault`. The audio is written first, in batches, where nothing sees it;
 * then one transaction replaces everything else and moves that audio into place.
 * A file that is damaged, cut off, altered or opened with the wrong passphrase
 * throws `BackupRejectedError`; it, or any other failure (a full disk), leaves
 * the stored data as it was.
 */
export async function restoreBackup(
  database: IntervjuDatabase,
  file: Blob,
  passphrase: string,
  vault: Vault,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  const { idSource } = resolveEnvironment(options);
  const report = (done: number) => options.onProgress?.({ done, total: file.size });
  const opened =
    (await backupContainerVersion(file)) === 1
      ? await openLegacy(file, passphrase)
      : await openStreamedBackup(file, passphrase, report);
  const { document } = opened;
  // Records sealed under a key this database does not hold could never be read again.
  if (!(await vaultMatchesDatabase(database, vault))) {
    throw new VaultStateError('The unlocked key does not belong to this database; unlock it again before restoring.');
  }
  // Encrypt everything before a transaction opens: WebCrypto inside it would let it commit half-way.
  const sealed = {
    notes: await Promise.all(document.notes.map((note) => sealNote(vault, note))),
    segments: await Promise.all(document.segments.map((segment) => sealSegment(vault, segment))),
    keyList: await Promise.all(document.keyList.map((entry) => sealKeyListEntry(vault, entry))),
    quotes: await Promise.all(document.quotes.map((quote) => sealQuote(vault, quote))),
  };
  const staging = `${STAGING_PREFIX}${idSource()}/`;
  try {
    let staged = 0;
    let batch: AudioChunk[] = [];
    const stage = async () => {
      // New ids: the chunks being replaced may carry the same ones, and must stay until the commit.
      const records = await Promise.all(batch.map((chunk) => sealAudioChunk(vault, { ...chunk, id: idSource() })));
      await runTransaction(database, [STORE.audio], 'readwrite', async (transaction) => {
        const store = transaction.objectStore(STORE.audio);
        // The session id is not part of the authenticated data, so it can change at the commit.
        await Promise.all(records.map((record) => store.put({ ...record, sessionId: staging + record.sessionId })));
      });
      staged += batch.length;
      batch = [];
    };
    for await (const chunk of opened.audio) {
      batch.push(chunk);
      if (batch.length === AUDIO_BATCH) await stage();
    }
    if (batch.length > 0) await stage();
    const counts = await runTransaction(database, DATA_STORES, 'readwrite', async (transaction) => {
      const written = zeroCounts();
      for (const name of DATA_STORES) if (name !== STORE.audio) await transaction.objectStore(name).clear();
      for (let cursor = await transaction.objectStore(STORE.audio).openCursor(); cursor; cursor = await cursor.continue()) {
        const { sessionId } = cursor.value;
        if (!sessionId.startsWith(staging)) {
          await cursor.delete();
          continue;
        }
        await cursor.update({ ...cursor.value, sessionId: sessionId.slice(staging.length) });
        written.audio += 1;
      }
      // Something deleted staged audio meanwhile (a retention run took it for orphaned): start again.
      if (written.audio !== staged) throw new RecordStateError('Restored audio went missing before the restore finished; nothing was changed. Restore again.');
      if (document.project) {
        await transaction.objectStore(STORE.project).put(document.project, SINGLE_RECORD_KEY);
        written.project = 1;
      }
      for (const [key, value] of document.settings) {
        await transaction.objectStore(STORE.settings).put(value as SettingValue, key);
        written.settings += 1;
      }
      const put = async <Name extends Exclude<KeyedStore, 'audio'>>(name: Name, records: readonly IntervjuSchema[Name]['value'][]) => {
        const store = transaction.objectStore(name);
        for (const record of records) await store.put(record);
        written[name] = records.length;
      };
      await put(STORE.guides, document.guides);
      await put(STORE.participants, document.participants);
      await put(STORE.sessions, document.sessions);
      await put(STORE.coverage, document.coverage);
      await put(STORE.notes, sealed.notes);
      await put(STORE.segments, sealed.segments);
      await put(STORE.keyList, sealed.keyList);
      await put(STORE.quotes, sealed.quotes);
      return written;
    });
    report(file.size);
    return { backupCreatedAt: document.createdAt, counts };
  } catch (error) {
    await deleteStaged(database, staging).catch(() => undefined);
    throw error;
  }
}
