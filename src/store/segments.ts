/** Transcript segments, encrypted: their text is what people said. */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { runTransaction } from './database';
import { ReviewedSegmentError } from './errors';
import type { Segment } from './records';
import { STORE, type IntervjuDatabase, type IntervjuSchema, type StoredSegment } from './schema';
import { isReviewed, openSegment, sealSegment } from './sealed-records';
import { bumpSessionRevision } from './sessions';
import type { Vault } from './vault';

type SegmentStore = IDBPObjectStore<IntervjuSchema, ArrayLike<StoreNames<IntervjuSchema>>, 'segments', 'readwrite'>;

/**
 * Puts one sealed segment, unless that would let a transcription (a segment the
 * researcher has not touched) replace one they edited or checked: that throws
 * `ReviewedSegmentError`, which aborts the caller's transaction. The check reads
 * the stored record's clear `reviewed` flag inside the same transaction, so no
 * write can slip between the check and the put.
 */
async function putUnlessReviewed(store: SegmentStore, sealed: StoredSegment): Promise<void> {
  if (!sealed.reviewed) {
    const existing = await store.get(sealed.id);
    if (existing?.reviewed) throw new ReviewedSegmentError(sealed.id);
  }
  await store.put(sealed);
}

/**
 * Encrypts and stores a segment, replacing one with the same id. Returns the
 * session's revision after the change (null if the session is gone). A
 * transcription never replaces a segment the researcher edited or checked:
 * that throws `ReviewedSegmentError` and stores nothing.
 */
export async function saveSegment(database: IntervjuDatabase, vault: Vault, segment: Segment): Promise<number | null> {
  const sealed = await sealSegment(vault, segment);
  return runTransaction(database, [STORE.segments, STORE.sessions], 'readwrite', async (transaction) => {
    await putUnlessReviewed(transaction.objectStore(STORE.segments), sealed);
    return bumpSessionRevision(transaction.objectStore(STORE.sessions), segment.sessionId);
  });
}

/**
 * What every transcription path (live recording, file import) stores a segment
 * with: `saveSegment`, except that where the researcher already edited or
 * checked the segment of that id, theirs is kept and this returns null (as it
 * does when the session is gone) instead of throwing.
 */
export async function saveTranscribedSegment(database: IntervjuDatabase, vault: Vault, segment: Segment): Promise<number | null> {
  try {
    return await saveSegment(database, vault, { ...segment, source: 'live' });
  } catch (cause) {
    if (cause instanceof ReviewedSegmentError) return null;
    throw cause;
  }
}

/**
 * Stores several segments of one session at once, all or none (an editor's
 * merge or split); `deleteIds` are removed in the same transaction. The same
 * rule as `saveSegment`: a transcription never replaces an edited or checked
 * segment (then nothing is stored). Returns the session's revision after the
 * change (null if the session is gone or nothing was given).
 */
export async function saveSegments(
  database: IntervjuDatabase,
  vault: Vault,
  segments: readonly Segment[],
  deleteIds: readonly string[] = [],
): Promise<number | null> {
  const sealed = await Promise.all(segments.map((segment) => sealSegment(vault, segment)));
  const sessionId = segments[0]?.sessionId ?? null;
  return runTransaction(database, [STORE.segments, STORE.sessions], 'readwrite', async (transaction) => {
    const store = transaction.objectStore(STORE.segments);
    for (const id of deleteIds) await store.delete(id);
    for (const record of sealed) await putUnlessReviewed(store, record);
    return sessionId === null ? null : bumpSessionRevision(transaction.objectStore(STORE.sessions), sessionId);
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
