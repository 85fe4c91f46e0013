/** Shared helpers for the store's tests (not part of the public API). */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openIntervjuDatabase } from './database';
import type { StoreEnvironment } from './environment';
import type { Guide } from '../guide/model';
import { ALL_STORES, type IntervjuDatabase, type StoreName } from './schema';

/** Small PBKDF2 work factor so tests run fast; production uses 600,000. */
export const TEST_ITERATIONS = 1000;
export const PASSPHRASE = 'korrekt hest batteri stift';

/** A fresh, isolated database (own factory) per call. */
export async function openTestDatabase(): Promise<{ database: IntervjuDatabase; factory: IDBFactory }> {
  const factory = new IDBFactory();
  return { database: await openIntervjuDatabase({ indexedDB: factory }), factory };
}

/** Sequential ids and a clock that advances one second per reading. */
export function testEnvironment(start = Date.UTC(2025, 2, 10, 9, 0, 0)): Required<StoreEnvironment> {
  let id = 0;
  let time = start;
  return {
    idSource: () => `id-${++id}`,
    now: () => (time += 1000),
  };
}

/** Every raw record of every store, as stored. */
export async function dumpAllStores(database: IntervjuDatabase): Promise<Record<StoreName, unknown[]>> {
  const dump = {} as Record<StoreName, unknown[]>;
  for (const name of ALL_STORES) dump[name] = await database.getAll(name);
  return dump;
}

/** True when `text` appears anywhere in the stored records: in a string, or in the bytes of any binary field. */
export function rawStoreContains(dump: Record<StoreName, unknown[]>, text: string): boolean {
  const needle = new TextEncoder().encode(text);
  const visit = (value: unknown): boolean => {
    if (typeof value === 'string') return value.includes(text);
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
      const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
      return containsBytes(bytes, needle);
    }
    if (Array.isArray(value)) return value.some(visit);
    if (value && typeof value === 'object') return Object.entries(value).some(([key, inner]) => key.includes(text) || visit(inner));
    return false;
  };
  return Object.values(dump).some((records) => records.some(visit));
}

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    for (let index = 0; index < needle.length; index += 1) if (haystack[start + index] !== needle[index]) continue outer;
    return true;
  }
  return false;
}

/** A small but complete guide. */
export function sampleGuide(id = 'guide-1', version = 1): Guide {
  return {
    id,
    version,
    parentVersion: version > 1 ? version - 1 : null,
    changeNote: version > 1 ? 'Reworded opening' : '',
    title: `Arbeidsliv ${id}`,
    plannedMinutes: 60,
    intro: [{ id: 'c1', text: 'Samtykke er gitt' }],
    sections: [
      {
        id: 's1',
        title: 'Bakgrunn',
        plannedMinutes: 10,
        reminders: ['Ikke la tredjepersoner bli identifiserbare'],
        questions: [{ id: 'q1', text: `Fortell om jobben din (v${version})`, condition: null, probes: [{ id: 'p1', text: 'Hvor lenge?' }], reminders: [] }],
      },
    ],
    createdAt: '2025-03-01T10:00:00.000Z',
  };
}
