/** Transcript segments, encrypted: their text is what people said. */
import { runTransaction } from './database';
import type { Segment } from './records';
import { STORE, type IntervjuDatabase } from './schema';
import { openSegment, sealSegment } from './sealed-records';
import { bumpSessionRevision } from './sessions';
import type { Vault } from './vault';

/**
 * Encrypts and stores a segment, replacing one with the same id. Returns the
 * session's revision after the change (null if the session is gone).
 */
export async function saveSegment(database: IntervjuDatabase, vault: Vault, segment: Segment): Promise<number | null> {
  const sealed = await sealSegment(vault, segment);
  return runTransaction(database, [STORE.segments, STORE.sessions], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.segments).put(sealed);
    return bumpSessionRevision(transaction.objectStore(STORE.sessions), segment.sessionId);
  });
}

/**
 * Stores several segments at once, all or none (an editor's merge or split).
 * `deleteIds` are removed in the same transaction.
 */
export async function saveSegments(
  database: IntervjuDatabase,
  vault: Vault,
  segments: readonly Segment[],
  deleteIds: readonly string[] = [],
): Promise<void> {
  const sealed = await Promise.all(segments.map((segment) => sealSegment(vault, segment)));
  await runTransaction(database, [STORE.segments], 'readwrite', async (transaction) => {
    const store = transaction.objectStore(STORE.segments);
    for (const id of deleteIds) await store.delete(id);
    for (const record of sealed) await store.put(record);
  });
}

/** A session's segments, decrypted, in time order. */
export async function listSegments(database: IntervjuDatabase, vault: Vault, sessionId: string): Promise<Segment[]> {
  const stored = await database.getAllFromIndex(STORE.segments, 'bySession', sessionId);
  stored.sort((left, right) => left.start - right.start || left.end - right.end || left.channel.localeCompare(right.channel));
  return Promise.all(stored.map((record) => openSegment(vault, record)));
}

/** Deletes one segment. */
export async function deleteSegment(database: IntervjuDatabase, id: string): Promise<void> {
  await runTransaction(database, [STORE.segments], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.segments).delete(id);
  });
}
