/**
 * Quotes marked for the participant's approval, encrypted: a quote is what a
 * participant said. Deleted with the participant or session (withdrawal.ts) and
 * with the project; carried by backups and by the participant's data export.
 */
import { runTransaction } from './database';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import { RecordStateError } from './errors';
import type { Quote, QuoteStatus } from './records';
import { STORE, type IntervjuDatabase } from './schema';
import { openQuote, sealQuote } from './sealed-records';
import type { Vault } from './vault';

export type NewQuote = Omit<Quote, 'id' | 'status' | 'changedText' | 'statusAt' | 'createdAt'>;

function byTime(left: Quote, right: Quote): number {
  return left.time - right.time || left.createdAt - right.createdAt;
}

/** Encrypts and stores a newly marked quote (status `marked`); returns it. */
export async function addQuote(database: IntervjuDatabase, vault: Vault, input: NewQuote, environment?: StoreEnvironment): Promise<Quote> {
  const { idSource, now } = resolveEnvironment(environment);
  const quote: Quote = { ...input, id: idSource(), status: 'marked', changedText: null, statusAt: null, createdAt: now() };
  const sealed = await sealQuote(vault, quote);
  await runTransaction(database, [STORE.quotes], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.quotes).add(sealed);
  });
  return quote;
}

/** Stores a quote as given, replacing the one with its id (an edited passage or context). */
export async function saveQuote(database: IntervjuDatabase, vault: Vault, quote: Quote): Promise<void> {
  const sealed = await sealQuote(vault, quote);
  await runTransaction(database, [STORE.quotes], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.quotes).put(sealed);
  });
}

/**
 * Sets a quote's status, and the participant's wording for `changed` (cleared for
 * any other status). Returns the quote as stored.
 */
export async function setQuoteStatus(
  database: IntervjuDatabase,
  vault: Vault,
  id: string,
  status: QuoteStatus,
  changedText: string | null = null,
  environment?: StoreEnvironment,
): Promise<Quote> {
  const { now } = resolveEnvironment(environment);
  const stored = await database.get(STORE.quotes, id);
  if (!stored) throw new RecordStateError(`Quote ${id} does not exist.`);
  const quote = await openQuote(vault, stored);
  const updated: Quote = { ...quote, status, changedText: status === 'changed' ? (changedText ?? quote.text) : null, statusAt: now() };
  await saveQuote(database, vault, updated);
  return updated;
}

/** A session's quotes, decrypted, in time order. */
export async function listSessionQuotes(database: IntervjuDatabase, vault: Vault, sessionId: string): Promise<Quote[]> {
  const stored = await database.getAllFromIndex(STORE.quotes, 'bySession', sessionId);
  return (await Promise.all(stored.map((record) => openQuote(vault, record)))).sort(byTime);
}

/** A participant's quotes from all their sessions, decrypted, by session then time. */
export async function listParticipantQuotes(database: IntervjuDatabase, vault: Vault, participantId: string): Promise<Quote[]> {
  const stored = await database.getAllFromIndex(STORE.quotes, 'byParticipant', participantId);
  const quotes = await Promise.all(stored.map((record) => openQuote(vault, record)));
  return quotes.sort((left, right) => left.sessionId.localeCompare(right.sessionId) || byTime(left, right));
}

/** Deletes one quote (unmarking it). */
export async function deleteQuote(database: IntervjuDatabase, id: string): Promise<void> {
  await runTransaction(database, [STORE.quotes], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.quotes).delete(id);
  });
}
