/**
 * What becomes of a file import's session when the import stops. It is created
 * `active` before transcription starts; left so, a cancelled or failed import would
 * be taken for a call cut off by a crash and marked `interrupted` at the next start,
 * offering to "resume" something that cannot be resumed.
 *
 * - Finished: ended, its length the file's.
 * - Cancelled or failed before any segment: removed with its audio (and its
 *   participant, when made for it) — an empty session is only clutter, and the
 *   page says nothing was kept.
 * - Cancelled or failed after some segments: those are kept, the session ended
 *   with the reason, which the workspace shows, its length up to the last segment.
 */
import { discardSession, updateSession, type IntervjuDatabase, type Session, type SessionEndReason } from '../store';

export type ImportOutcome = { kind: 'finished'; seconds: number } | { kind: 'cancelled' } | { kind: 'failed' };

/** The segments saved so far. */
export interface ImportKept {
  count: number;
  /** Seconds from the file's start to the end of the last saved segment; 0 when none. */
  lastEnd: number;
}

export type ImportSessionFate =
  | { action: 'discard' }
  | { action: 'end'; endedAfterSeconds: number; reason: SessionEndReason | null };

/** The decision alone, free of the store: see the module comment. */
export function importSessionFate(outcome: ImportOutcome, kept: ImportKept): ImportSessionFate {
  if (outcome.kind === 'finished') return { action: 'end', endedAfterSeconds: outcome.seconds, reason: null };
  if (kept.count === 0) return { action: 'discard' };
  return { action: 'end', endedAfterSeconds: kept.lastEnd, reason: outcome.kind === 'cancelled' ? 'import-cancelled' : 'import-failed' };
}

/** Applies the decision to the stored session; returns it (the caller tells the other pages). */
export async function settleImportSession(
  database: IntervjuDatabase,
  session: Session,
  outcome: ImportOutcome,
  kept: ImportKept,
): Promise<ImportSessionFate> {
  const fate = importSessionFate(outcome, kept);
  if (fate.action === 'discard') {
    await discardSession(database, session.id);
  } else {
    await updateSession(database, session.id, {
      status: 'ended',
      endedAt: session.startedAt + Math.round(fate.endedAfterSeconds * 1000),
      ...(fate.reason ? { endReason: fate.reason } : {}),
    });
  }
  return fate;
}
