/** Participants: a pseudonym and consent/withdrawal times, in clear (the pseudonym is fictive). */
import { runTransaction } from './database';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import { RecordStateError } from './errors';
import type { Participant } from './records';
import { STORE, type IntervjuDatabase } from './schema';

export interface NewParticipant {
  pseudonym: string;
  consentAt?: number | null;
}

/** Creates a participant under a pseudonym. */
export async function createParticipant(
  database: IntervjuDatabase,
  input: NewParticipant,
  environment?: StoreEnvironment,
): Promise<Participant> {
  const { now, idSource } = resolveEnvironment(environment);
  const pseudonym = input.pseudonym.trim();
  if (pseudonym === '') throw new RangeError('A participant needs a pseudonym.');
  const participant: Participant = {
    id: idSource(),
    pseudonym,
    consentAt: input.consentAt ?? null,
    withdrawnAt: null,
    createdAt: now(),
  };
  await runTransaction(database, [STORE.participants], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.participants).add(participant);
  });
  return participant;
}

/** One participant, or null. */
export async function getParticipant(database: IntervjuDatabase, id: string): Promise<Participant | null> {
  return (await database.get(STORE.participants, id)) ?? null;
}

/** All participants, oldest first. */
export async function listParticipants(database: IntervjuDatabase): Promise<Participant[]> {
  return (await database.getAll(STORE.participants)).sort((left, right) => left.createdAt - right.createdAt);
}

/** Changes a participant's pseudonym or consent time; returns the updated record. */
export async function updateParticipant(
  database: IntervjuDatabase,
  id: string,
  patch: Partial<Omit<Participant, 'id'>>,
): Promise<Participant> {
  return runTransaction(database, [STORE.participants], 'readwrite', async (transaction) => {
    const store = transaction.objectStore(STORE.participants);
    const current = await store.get(id);
    if (!current) throw new RecordStateError(`Participant ${id} does not exist.`);
    const updated: Participant = { ...current, ...patch, id };
    await store.put(updated);
    return updated;
  });
}
