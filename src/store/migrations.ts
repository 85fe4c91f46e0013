/**
 * Schema history. Each step upgrades from the version before it and is never
 * edited once released: a user's database may be at any earlier version, and the
 * browser runs every step after it, in order, in one `versionchange` transaction.
 *
 * WARNING: to change the schema, append a step (version N + 1) that branches on
 * `oldVersion < N + 1`, and add a fixture for version N in `migrations.fixtures.ts`
 * so the test opens a filled database of every earlier version with the new code.
 * Steps use untyped handles on purpose: they describe the schema as it was then,
 * not as `schema.ts` says it is now.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

type UntypedDatabase = IDBPDatabase<unknown>;
type UpgradeTransaction = IDBPTransaction<unknown, StoreNames<unknown>[], 'versionchange'>;

export interface Migration {
  version: number;
  description: string;
  upgrade(database: UntypedDatabase, transaction: UpgradeTransaction): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'initial schema',
    upgrade(database) {
      // Single-record stores use an out-of-line key ('current').
      database.createObjectStore('project');
      database.createObjectStore('vault');
      database.createObjectStore('settings');
      const guides = database.createObjectStore('guides', { keyPath: ['id', 'version'] });
      guides.createIndex('byId', 'id');
      database.createObjectStore('participants', { keyPath: 'id' });
      const sessions = database.createObjectStore('sessions', { keyPath: 'id' });
      sessions.createIndex('byParticipant', 'participantId');
      sessions.createIndex('byStatus', 'status');
      for (const name of ['segments', 'coverage', 'notes', 'audio']) {
        database.createObjectStore(name, { keyPath: 'id' }).createIndex('bySession', 'sessionId');
      }
      database.createObjectStore('keyList', { keyPath: 'id' }).createIndex('byParticipant', 'participantId');
    },
  },
  {
    version: 2,
    description: 'quotes marked for participant approval',
    upgrade(database) {
      const quotes = database.createObjectStore('quotes', { keyPath: 'id' });
      quotes.createIndex('bySession', 'sessionId');
      quotes.createIndex('byParticipant', 'participantId');
    },
  },
  {
    version: 3,
    description: "the call's voice detection kept with its audio, for the pass after the interview",
    upgrade(database) {
      database.createObjectStore('speech', { keyPath: 'id' }).createIndex('bySession', 'sessionId');
    },
  },
];

/** The schema version this code reads and writes. */
export const DATABASE_VERSION = MIGRATIONS.length;

/** Runs every step above `oldVersion` up to `newVersion`. */
export function runMigrations(
  database: UntypedDatabase,
  oldVersion: number,
  newVersion: number,
  transaction: UpgradeTransaction,
): void {
  for (const migration of MIGRATIONS) {
    if (oldVersion < migration.version && migration.version <= newVersion) {
      migration.upgrade(database, transaction);
    }
  }
}
