/** Recorded audio, encrypted chunk by chunk as it arrives so a crash loses at most one chunk. */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { runTransaction } from './database';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import type { AudioChunk, AudioChunkMetadata } from './records';
import { STORE, type IntervjuDatabase, type IntervjuSchema, type StoredAudioChunk } from './schema';
import { openAudioChunk, sealAudioChunk } from './sealed-records';
import type { Vault } from './vault';

type AudioStore = IDBPObjectStore<IntervjuSchema, ArrayLike<StoreNames<IntervjuSchema>>, 'audio', 'readwrite'>;

export type NewAudioChunk = Omit<AudioChunk, 'id'> & { id?: string };

/**
 * Deletes every chunk of the given sessions inside the caller's transaction; returns how many.
 * Shared by approval, retention, withdrawal so they delete audio the same way.
 */
export async function deleteAudioOfSessions(store: AudioStore, sessionIds: readonly string[]): Promise<number> {
  let count = 0;
  for (const sessionId of sessionIds) {
    for (const key of await store.index('bySession').getAllKeys(sessionId)) {
      await store.delete(key);
      count += 1;
    }
  }
  return count;
}

/** Encrypts and stores one chunk, and marks its session as having audio; returns the stored chunk's id. */
export async function appendAudioChunk(
  database: IntervjuDatabase,
  vault: Vault,
  chunk: NewAudioChunk,
  environment?: StoreEnvironment,
): Promise<string> {
  const id = chunk.id ?? resolveEnvironment(environment).idSource();
  // Encrypt before the transaction opens: awaiting WebCrypto inside it would let it auto-commit.
  const sealed = await sealAudioChunk(vault, { ...chunk, id });
  await runTransaction(database, [STORE.audio, STORE.sessions], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.audio).put(sealed);
    const sessions = transaction.objectStore(STORE.sessions);
    const session = await sessions.get(chunk.sessionId);
    if (session && !session.hasAudio) await sessions.put({ ...session, hasAudio: true });
  });
  return id;
}

/** A session's chunks, decrypted, by channel then sequence. */
export async function listAudioChunks(database: IntervjuDatabase, vault: Vault, sessionId: string): Promise<AudioChunk[]> {
  const stored = await database.getAllFromIndex(STORE.audio, 'bySession', sessionId);
  stored.sort((left, right) => left.channel.localeCompare(right.channel) || left.sequence - right.sequence);
  return Promise.all(stored.map((record) => openAudioChunk(vault, record)));
}

/** Ids of the sessions that have any audio stored. */
export async function sessionsWithAudio(database: IntervjuDatabase): Promise<string[]> {
  return runTransaction(database, [STORE.audio], 'readonly', async (transaction) => {
    const ids: string[] = [];
    let cursor = await transaction.objectStore(STORE.audio).index('bySession').openKeyCursor(null, 'nextunique');
    while (cursor) {
      ids.push(cursor.key);
      cursor = await cursor.continue();
    }
    return ids;
  });
}

/** Deletes all audio of one session; returns how many chunks went. */
export async function deleteSessionAudio(database: IntervjuDatabase, sessionId: string): Promise<number> {
  return runTransaction(database, [STORE.audio, STORE.sessions], 'readwrite', async (transaction) => {
    const count = await deleteAudioOfSessions(transaction.objectStore(STORE.audio), [sessionId]);
    const sessions = transaction.objectStore(STORE.sessions);
    const session = await sessions.get(sessionId);
    if (session?.hasAudio) await sessions.put({ ...session, hasAudio: false });
    return count;
  });
}

/** A cursor over stored audio chunks, from the store or its `bySession` index, in any transaction. */
export interface AudioCursor {
  readonly value: StoredAudioChunk;
  continue(): Promise<AudioCursor | null>;
}

/**
 * The clear fields of every chunk the cursor visits, for work that then reads the
 * bytes a few chunks at a time: one cursor step holds one chunk's ciphertext, a
 * `getAll` would hold them all.
 */
export async function collectAudioMetadata(first: AudioCursor | null): Promise<AudioChunkMetadata[]> {
  const chunks: AudioChunkMetadata[] = [];
  for (let cursor = first; cursor; cursor = await cursor.continue()) {
    const { id, sessionId, channel, sequence, start, end, codec } = cursor.value;
    chunks.push({ id, sessionId, channel, sequence, start, end, codec });
  }
  return chunks;
}

/** The chunks of one session, clear fields only, by channel, then time, then sequence. */
export async function listAudioMetadata(database: IntervjuDatabase, sessionId: string): Promise<AudioChunkMetadata[]> {
  const transaction = database.transaction(STORE.audio, 'readonly');
  const chunks = await collectAudioMetadata(await transaction.store.index('bySession').openCursor(sessionId));
  await transaction.done;
  return chunks.sort((left, right) => left.channel.localeCompare(right.channel) || left.start - right.start || left.sequence - right.sequence);
}

/**
 * Reads and decrypts the given chunks in one transaction (the caller keeps the
 * batch small); a chunk deleted since its id was listed comes back `undefined`.
 */
export async function readAudioChunks(database: IntervjuDatabase, vault: Vault, ids: readonly string[]): Promise<(AudioChunk | undefined)[]> {
  const stored = await runTransaction(database, [STORE.audio], 'readonly', (transaction) => {
    const store = transaction.objectStore(STORE.audio);
    return Promise.all(ids.map((id) => store.get(id)));
  });
  // Decrypted after the transaction: awaiting WebCrypto inside it would let it auto-commit.
  return Promise.all(stored.map((record) => (record ? openAudioChunk(vault, record) : undefined)));
}
