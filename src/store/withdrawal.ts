/**
 * A participant withdraws: everything about them goes, in one transaction, so an
 * interruption never leaves half of their data behind (NSD/Sikt consent terms:
 * "you can withdraw at any time, and all data about you will be deleted").
 */
import { runTransaction } from './database';
import { zeroCounts, nonZero, type DeletionReceipt } from './deletion-receipt';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import { RecordStateError } from './errors';
import { STORE, type IntervjuDatabase, type StoreName } from './schema';

const SESSION_STORES = [STORE.segments, STORE.notes, STORE.coverage, STORE.audio, STORE.speech, STORE.quotes] as const;

/** Deletes the participant and all their sessions, segments, notes, coverage, audio, quotes and key-list entries. */
export async function withdrawParticipant(
  database: IntervjuDatabase,
  participantId: string,
  environment?: StoreEnvironment,
): Promise<DeletionReceipt> {
  const { now } = resolveEnvironment(environment);
  const counts = zeroCounts();
  const stores = [STORE.participants, STORE.sessions, STORE.keyList, STORE.settings, ...SESSION_STORES];
  const { pseudonym, sessionIds } = await runTransaction(database, stores, 'readwrite', async (transaction) => {
    const participant = await transaction.objectStore(STORE.participants).get(participantId);
    if (!participant) throw new RecordStateError(`Participant ${participantId} does not exist.`);
    const sessions = transaction.objectStore(STORE.sessions);
    const sessionIds = await sessions.index('byParticipant').getAllKeys(participantId);
    for (const sessionId of sessionIds) {
      for (const storeName of SESSION_STORES) {
        const store = transaction.objectStore(storeName);
        for (const key of await store.index('bySession').getAllKeys(sessionId)) {
          await store.delete(key);
          counts[storeName] += 1;
        }
      }
      await sessions.delete(sessionId);
      counts.sessions += 1;
    }
    const keyList = transaction.objectStore(STORE.keyList);
    for (const key of await keyList.index('byParticipant').getAllKeys(participantId)) {
      await keyList.delete(key);
      counts.keyList += 1;
    }
    // Quotes go with their sessions above; any still naming the participant go too.
    const quotes = transaction.objectStore(STORE.quotes);
    for (const key of await quotes.index('byParticipant').getAllKeys(participantId)) {
      await quotes.delete(key);
      counts.quotes += 1;
    }
    // A withdrawn session must not stay the "current" one the panel reopens.
    const settings = transaction.objectStore(STORE.settings);
    const activeSessionId = await settings.get('activeSessionId');
    if (typeof activeSessionId === 'string' && sessionIds.includes(activeSessionId)) {
      await settings.put(null, 'activeSessionId');
    }
    await transaction.objectStore(STORE.participants).delete(participantId);
    counts.participants += 1;
    return { pseudonym: participant.pseudonym, sessionIds };
  });
  const remaining = await countReferences(database, participantId, sessionIds);
  return { at: now(), participantPseudonym: pseudonym, counts, verified: Object.keys(remaining).length === 0, remaining };
}

/** Counts records that still reference the participant or any of the sessions. */
async function countReferences(
  database: IntervjuDatabase,
  participantId: string,
  sessionIds: readonly string[],
): Promise<Partial<Record<StoreName, number>>> {
  const stores = [STORE.participants, STORE.sessions, STORE.keyList, ...SESSION_STORES];
  return runTransaction(database, stores, 'readonly', async (transaction) => {
    const found = zeroCounts();
    found.participants = await transaction.objectStore(STORE.participants).count(participantId);
    found.sessions = await transaction.objectStore(STORE.sessions).index('byParticipant').count(participantId);
    found.keyList = await transaction.objectStore(STORE.keyList).index('byParticipant').count(participantId);
    found.quotes = await transaction.objectStore(STORE.quotes).index('byParticipant').count(participantId);
    for (const sessionId of sessionIds) {
      found.sessions += await transaction.objectStore(STORE.sessions).count(sessionId);
      for (const storeName of SESSION_STORES) {
        found[storeName] += await transaction.objectStore(storeName).index('bySession').count(sessionId);
      }
    }
    return nonZero(found);
  });
}
