/**
 * What the full-quality pass after an interview writes (docs/final-pass.md): each
 * new utterance with the segments it replaces, or its reading beside the
 * researcher's segment, and the pass's progress on the session record, all in
 * one transaction, so a view never sees both the old and the new text (or
 * neither), and a pass resumed after a restart starts after the last utterance
 * that was written.
 */
import { runTransaction } from './database';
import type { FinalPass, Segment, Session } from './records';
import { STORE, type EncryptedPayload, type IntervjuDatabase } from './schema';
import { openSegment, sealSegment } from './sealed-records';
import type { Vault } from './vault';

/** A segment the pass meant to replace or annotate changed (or went) since it was read: read again and plan again. */
export class FinalPassConflictError extends Error {
  constructor(readonly segmentId: string) {
    super(`Segment ${segmentId} changed while the final pass worked on it.`);
    this.name = 'FinalPassConflictError';
  }
}

/** The session was approved (its transcript is final) or deleted while the pass ran: it writes nothing more. */
export class FinalPassClosedError extends Error {
  constructor(readonly sessionId: string) {
    super(`Session ${sessionId} was approved or deleted while the final pass ran.`);
    this.name = 'FinalPassClosedError';
  }
}

/**
 * Which stored version of a segment was read: its payload's IV, fresh on every
 * encryption, so any write since (an edit, a check) changes it.
 */
export type SegmentStamps = Map<string, string>;

const stampOf = (payload: EncryptedPayload): string => Array.from(payload.iv, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A session's segments, decrypted, in time order, with the stamp of each as read. */
export async function readSegmentsWithStamps(database: IntervjuDatabase, vault: Vault, sessionId: string): Promise<{ segments: Segment[]; stamps: SegmentStamps }> {
  const stored = await database.getAllFromIndex(STORE.segments, 'bySession', sessionId);
  stored.sort((left, right) => left.start - right.start || left.end - right.end || left.channel.localeCompare(right.channel));
  const stamps: SegmentStamps = new Map(stored.map((record) => [record.id, stampOf(record.payload)]));
  return { segments: await Promise.all(stored.map((record) => openSegment(vault, record))), stamps };
}

export interface FinalUtteranceWrite {
  sessionId: string;
  /** The pass's segment, or null when it keeps the old text (a reading beside it, or nothing heard). */
  insert: Segment | null;
  /** Old machine segments the new one replaces. */
  deleteIds: readonly string[];
  /** Segments the researcher worked on, as read, now carrying `finalReading`. */
  readings: readonly Segment[];
  /** The stamps of the segments as read (every id in `deleteIds` and `readings` must be there). */
  stamps: SegmentStamps;
  /** The pass's progress after this utterance, from the stored one (null leaves it). */
  progress: (current: FinalPass | undefined) => FinalPass | null;
}

/**
 * Writes one utterance of the pass and its progress in one transaction; returns
 * the updated session and the new stamps of what was written. Throws (writing
 * nothing) `FinalPassConflictError` when a segment to replace or annotate changed
 * since it was read, `FinalPassClosedError` when the session was approved or deleted.
 */
export async function storeFinalUtterance(
  database: IntervjuDatabase,
  vault: Vault,
  write: FinalUtteranceWrite,
): Promise<{ session: Session; stamps: SegmentStamps }> {
  // Encrypt before the transaction opens: awaiting WebCrypto inside it would let it auto-commit.
  const sealed = await Promise.all([...(write.insert ? [write.insert] : []), ...write.readings].map((segment) => sealSegment(vault, segment)));
  const stamps: SegmentStamps = new Map(sealed.map((record) => [record.id, stampOf(record.payload)]));
  const session = await runTransaction(database, [STORE.segments, STORE.sessions], 'readwrite', async (transaction) => {
    const sessions = transaction.objectStore(STORE.sessions);
    const current = await sessions.get(write.sessionId);
    // An approved transcript is final: the pass changes nothing in it (nor in a session deleted meanwhile).
    if (!current || current.status === 'approved') throw new FinalPassClosedError(write.sessionId);
    const segments = transaction.objectStore(STORE.segments);
    for (const id of [...write.deleteIds, ...write.readings.map((segment) => segment.id)]) {
      const stored = await segments.get(id);
      if (!stored || stampOf(stored.payload) !== write.stamps.get(id)) throw new FinalPassConflictError(id);
    }
    for (const id of write.deleteIds) await segments.delete(id);
    for (const record of sealed) await segments.put(record);
    const progress = write.progress(current.finalPass);
    const updated: Session = { ...current, ...(progress ? { finalPass: progress } : {}), revision: (current.revision ?? 0) + 1 };
    await sessions.put(updated);
    return updated;
  });
  return { session, stamps };
}

/**
 * Changes a session's pass (`Session.finalPass`) in one transaction: `change`
 * gets the stored one and returns the new one, or null to leave it. Returns the
 * updated session, or null when nothing changed or the session is gone.
 */
export async function updateFinalPass(
  database: IntervjuDatabase,
  sessionId: string,
  change: (current: FinalPass | undefined, session: Session) => FinalPass | null,
): Promise<Session | null> {
  return runTransaction(database, [STORE.sessions], 'readwrite', async (transaction) => {
    const store = transaction.objectStore(STORE.sessions);
    const current = await store.get(sessionId);
    if (!current) return null;
    const next = change(current.finalPass, current);
    if (next === null) return null;
    const updated: Session = { ...current, finalPass: next, revision: (current.revision ?? 0) + 1 };
    await store.put(updated);
    return updated;
  });
}
