/**
 * The one place that opens the Intervju database, and the one transaction helper.
 */
import { wrap, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { StorageFullError } from './errors';
import { DATABASE_VERSION, runMigrations } from './migrations';
import type { IntervjuDatabase, IntervjuSchema, StoreName } from './schema';

export const DEFAULT_DATABASE_NAME = 'intervju';

export interface OpenDatabaseOptions {
  /** Database name; tests use a fresh one or a fresh factory. */
  name?: string;
  /** The IndexedDB factory; defaults to the browser's. */
  indexedDB?: IDBFactory;
  /** Called after this connection closed itself for another page's upgrade; reopen (or reload) to continue. */
  onVersionChange?: () => void;
}

/** Opens (creating or upgrading as needed) the Intervju database. */
export function openIntervjuDatabase(options: OpenDatabaseOptions = {}): Promise<IntervjuDatabase> {
  return openAtVersion(options, DATABASE_VERSION) as Promise<IntervjuDatabase>;
}

/**
 * Opens the database at a given schema version, running migrations up to it.
 * Only tests ask for an older version, to build databases as old releases left them.
 */
export function openAtVersion(options: OpenDatabaseOptions, version: number): Promise<IDBPDatabase<unknown>> {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  const request = factory.open(options.name ?? DEFAULT_DATABASE_NAME, version);
  // idb's openDB always uses the global factory; wrapping the request ourselves lets tests pass their own.
  request.addEventListener('upgradeneeded', (event) => {
    const transaction = request.transaction;
    if (!transaction) return;
    runMigrations(
      wrap(request.result) as IDBPDatabase<unknown>,
      event.oldVersion,
      event.newVersion ?? version,
      wrap(transaction) as unknown as IDBPTransaction<unknown, StoreNames<unknown>[], 'versionchange'>,
    );
  });
  return (wrap(request) as Promise<IDBPDatabase<unknown>>).then((database) => {
    // Another page (a newer extension version after an update) needs this connection
    // closed to upgrade; holding it would block that page indefinitely.
    // https://developer.mozilla.org/en-US/docs/Web/API/IDBDatabase/versionchange_event
    database.addEventListener('versionchange', () => {
      database.close();
      options.onVersionChange?.();
    });
    return database;
  });
}

/** True when an error is the browser's quota refusal (a `QuotaExceededError` DOMException). */
export function isQuotaExceeded(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'QuotaExceededError';
}

/**
 * Runs `work` in one transaction and resolves only once the transaction has
 * committed (`tx.done`), so a caller never reports a write that did not land.
 * Any failure aborts the whole transaction (IndexedDB transactions are atomic),
 * and a quota refusal surfaces as `StorageFullError`.
 *
 * `work` must only await IndexedDB requests of `tx`: awaiting anything else
 * (WebCrypto, timers) lets the transaction auto-commit early. Encrypt before.
 */
export async function runTransaction<Names extends StoreName, Mode extends IDBTransactionMode, Result>(
  database: IntervjuDatabase,
  storeNames: readonly Names[],
  mode: Mode,
  work: (transaction: IDBPTransaction<IntervjuSchema, Names[], Mode>) => Promise<Result>,
): Promise<Result> {
  let transaction: IDBPTransaction<IntervjuSchema, Names[], Mode>;
  try {
    transaction = database.transaction([...storeNames] as Names[] & StoreNames<IntervjuSchema>[], mode);
  } catch (error) {
    throw translate(error);
  }
  // Keep the rejection of `done` from surfacing as unhandled when `work` fails first.
  transaction.done.catch(() => undefined);
  try {
    const result = await work(transaction);
    await transaction.done;
    return result;
  } catch (error) {
    try {
      transaction.abort();
    } catch {
      // Already aborted or finished: the browser rolled it back itself.
    }
    throw translate(error);
  }
}

function translate(error: unknown): unknown {
  return isQuotaExceeded(error) ? new StorageFullError({ cause: error }) : error;
}
