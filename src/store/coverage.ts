/** Coverage events: an append-only log per session, in clear (question ids and times only). */
import type { CoverageEvent } from '../coverage/model';
import { runTransaction } from './database';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import { STORE, type IntervjuDatabase, type StoredCoverageEvent } from './schema';
import { bumpSessionRevision } from './sessions';

/**
 * Appends one event to a session's coverage log; returns it with its id and the
 * session's revision after the change (null if the session is gone).
 */
export async function recordCoverage(
  database: IntervjuDatabase,
  event: Omit<CoverageEvent, 'id'>,
  environment?: StoreEnvironment,
): Promise<{ event: CoverageEvent; revision: number | null }> {
  const recorded: CoverageEvent = { ...event, id: resolveEnvironment(environment).idSource() };
  const revision = await runTransaction(database, [STORE.coverage, STORE.sessions], 'readwrite', async (transaction) => {
    const store = transaction.objectStore(STORE.coverage);
    // The count is read and the event added in one transaction, so orders never collide.
    const order = await store.index('bySession').count(event.sessionId);
    await store.add({ ...recorded, order });
    return bumpSessionRevision(transaction.objectStore(STORE.sessions), event.sessionId);
  });
  return { event: recorded, revision };
}

/** A session's coverage events in time order (ties in the order they were recorded). */
export async function listCoverage(database: IntervjuDatabase, sessionId: string): Promise<CoverageEvent[]> {
  const stored = await database.getAllFromIndex(STORE.coverage, 'bySession', sessionId);
  return stored.sort((left, right) => left.time - right.time || left.order - right.order).map(withoutOrder);
}

export function withoutOrder(stored: StoredCoverageEvent): CoverageEvent {
  const { order: _order, ...event } = stored;
  return event;
}
