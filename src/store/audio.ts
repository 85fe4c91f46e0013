/** Recorded audio, encrypted chunk by chunk as it arrives so a crash loses at most one chunk. */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { runTransaction } from './database';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import type { AudioChunk, AudioChunkMetadata } from './records';
import { STORE, type IntervjuDatabase, type IntervjuSchema } from './schema';
import { openAudioChunk, sealAudioChunk } from './sealed-records';
import type { Vault } from './vault';

type WritableStore<Name extends StoreNames<IntervjuSchema>> = IDBPObjectStore<IntervjuSchema, ArrayLike<StoreNames<IntervjuSchema>>, Name, 'readwrite'>;

/** Where a recording lives: its audio chunks and the voice detection measured from them (speech-track.ts). */
export interface RecordingStores {
  audio: WritableStore<'audio'>;
  speech: WritableStore<'speech'>;
}

export type NewAudioChunk = Omit<AudioChunk, 'id'> & { id?: string };

/**
 * Deletes every audio chunk of the given sessions, and the voice detection kept
 * with them, inside the caller's transaction; returns how many of each.
 * Shared by approval, retention and the session view's deletion, so they delete
 * a recording the same way.
 */
export async function deleteAudioOfSessions(stores: RecordingStores, sessionIds: readonly string[]): Promise<{ audio: number; speech: number }> {
  const counts = { audio: 0, speech: 0 };
  for (const sessionId of sessionIds) {
    for (const name of ['audio', 'speech'] as const) {
      const store = stores[name];
      for (const key of await store.index('bySession').getAllKeys(sessionId)) {
        await store.delete(key);
        counts[name] += 1;
      }
    }
  }
  return counts;
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

/** Deletes all audio of one session (and its voice detection); returns how many chunks went. */
export async function deleteSessionAudio(database: IntervjuDatabase, sessionId: string): Promise<number> {
  return runTransaction(database, [STORE.audio, STORE.speech, STORE.sessions], 'readwrite', async (transaction) => {
    const { audio: count } = await deleteAudioOfSessions({ audio: transaction.objectStore(STORE.audio), speech: transaction.objectStore(STORE.speech) }, [sessionId]);
    const sessions = transaction.objectStore(STORE.sessions);
    const session = await sessions.get(sessionId);
    if (session?.hasAudio) await sessions.put({ ...session, hasAudio: false });
    return count;
  });
}

/**
 * The chunks of one session, clear fields only, by channel, then time, then
 * sequence. Read a batch at a time by key: a cursor over the records would pull
 * every chunk's ciphertext through memory just to read its clear fields.
 */
export async function listAudioMetadata(database: IntervjuDatabase, sessionId: string): Promise<AudioChunkMetadata[]> {
  const ids = await database.getAllKeysFromIndex(STORE.audio, 'bySession', sessionId);
  const chunks: AudioChunkMetadata[] = [];
  for (let first = 0; first < ids.length; first += METADATA_BATCH) {
    for (const chunk of await readAudioMetadata(database, ids.slice(first, first + METADATA_BATCH))) if (chunk) chunks.push(chunk);
  }
  return chunks.sort((left, right) => left.channel.localeCompare(right.channel) || left.start - right.start || left.sequence - right.sequence);
}

/** Chunks whose clear fields are read per transaction (each read still carries its ciphertext). */
export const METADATA_BATCH = 256;

/** The clear fields of the given chunks, read in one transaction; a chunk deleted since its id was listed comes back `undefined`. */
export async function readAudioMetadata(database: IntervjuDatabase, ids: readonly string[]): Promise<(AudioChunkMetadata | undefined)[]> {
  const stored = await runTransaction(database, [STORE.audio], 'readonly', (transaction) => {
    const store = transaction.objectStore(STORE.audio);
    return Promise.all(ids.map((id) => store.get(id)));
  });
  return stored.map((record) => {
    if (!record) return undefined;
    const { id, sessionId, channel, sequence, start, end, codec } = record;
    return { id, sessionId, channel, sequence, start, end, codec };
  });
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
