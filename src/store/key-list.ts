/**
 * The key list between real and fictive names. Kept apart from the data (its own
 * store, its own export, deletable on its own) as ethics approvals require, and
 * encrypted: the real names are the most identifying thing Intervju holds.
 */
import { runTransaction } from './database';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import type { KeyListEntry } from './records';
import { STORE, type IntervjuDatabase } from './schema';
import { openKeyListEntry, sealKeyListEntry } from './sealed-records';
import type { Vault } from './vault';

/** Encrypts and stores one entry; returns it. */
export async function addKeyListEntry(
  database: IntervjuDatabase,
  vault: Vault,
  input: Omit<KeyListEntry, 'id'>,
  environment?: StoreEnvironment,
): Promise<KeyListEntry> {
  const entry: KeyListEntry = { ...input, id: resolveEnvironment(environment).idSource() };
  const sealed = await sealKeyListEntry(vault, entry);
  await runTransaction(database, [STORE.keyList], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.keyList).add(sealed);
  });
  return entry;
}

/** Replaces an entry (same id): a corrected real or fictive name, kind or participant. */
export async function updateKeyListEntry(database: IntervjuDatabase, vault: Vault, entry: KeyListEntry): Promise<void> {
  const sealed = await sealKeyListEntry(vault, entry);
  await runTransaction(database, [STORE.keyList], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.keyList).put(sealed);
  });
}

/** Every entry, decrypted, by fictive name. */
export async function listKeyList(database: IntervjuDatabase, vault: Vault): Promise<KeyListEntry[]> {
  const entries = await Promise.all((await database.getAll(STORE.keyList)).map((record) => openKeyListEntry(vault, record)));
  return entries.sort((left, right) => left.fictive.localeCompare(right.fictive));
}

/** Deletes one entry. */
export async function deleteKeyListEntry(database: IntervjuDatabase, id: string): Promise<void> {
  await runTransaction(database, [STORE.keyList], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.keyList).delete(id);
  });
}

/** Deletes the whole key list; returns how many entries went. */
export async function deleteKeyList(database: IntervjuDatabase): Promise<number> {
  return runTransaction(database, [STORE.keyList], 'readwrite', async (transaction) => {
    const store = transaction.objectStore(STORE.keyList);
    const count = await store.count();
    await store.clear();
    return count;
  });
}

/** The key list as JSON, for keeping it apart from the data (e.g. on a separate encrypted drive). */
export async function exportKeyList(database: IntervjuDatabase, vault: Vault): Promise<string> {
  const entries = await listKeyList(database, vault);
  return JSON.stringify({ format: 'intervju-key-list', version: 1, entries }, null, 2);
}
