import { afterEach, describe, expect, it } from 'vitest';
import { IDBObjectStore } from 'fake-indexeddb';
import { StorageFullError } from './errors';
import { STORE } from './schema';
import { listSegments, saveSegment, saveSegments } from './segments';
import { estimateStorage, requestPersistentStorage, storageWarning } from './storage-estimate';
import { PASSPHRASE, TEST_ITERATIONS, dumpAllStores, openTestDatabase } from './test-support';
import { initialiseVault } from './vault';
import type { Segment } from './records';

const MEGABYTE = 1024 * 1024;
const originalPut = IDBObjectStore.prototype.put;

/** Makes the Nth and later `put`s into `storeName` fail the way a full disk does in Chromium. */
function failPutsAfter(storeName: string, allowed: number): void {
  let calls = 0;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === storeName && ++calls > allowed) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return originalPut.apply(this, args);
  } as IDBObjectStore['put'];
}

afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
});

function segment(id: string, text: string): Segment {
  return { id, sessionId: 's1', channel: 'participant', start: Number(id.replace(/\D/g, '')), end: 99, text, words: [], unclear: [], source: 'live' };
}

describe('a full disk', () => {
  it('surfaces as StorageFullError and keeps the earlier version of the record', async () => {
    const { database } = await openTestDatabase();
    const vault = await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS });
    await saveSegment(database, vault, segment('seg1', 'Første versjon'));
    failPutsAfter(STORE.segments, 0);
    await expect(saveSegment(database, vault, segment('seg1', 'Redigert versjon'))).rejects.toBeInstanceOf(StorageFullError);
    IDBObjectStore.prototype.put = originalPut;
    expect((await listSegments(database, vault, 's1')).map((item) => item.text)).toEqual(['Første versjon']);
  });

  it('rolls back a multi-record write that fails half-way, losing nothing stored before', async () => {
    const { database } = await openTestDatabase();
    const vault = await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS });
    await saveSegments(database, vault, [segment('seg1', 'En'), segment('seg2', 'To')]);
    const before = await dumpAllStores(database);
    failPutsAfter(STORE.segments, 1);
    // Deletes seg1, writes seg3, then fails on seg4: none of it may stay.
    await expect(saveSegments(database, vault, [segment('seg3', 'Tre'), segment('seg4', 'Fire')], ['seg1'])).rejects.toBeInstanceOf(StorageFullError);
    IDBObjectStore.prototype.put = originalPut;
    expect(await dumpAllStores(database)).toEqual(before);
    expect((await listSegments(database, vault, 's1')).map((item) => item.text)).toEqual(['En', 'To']);
  });
});

describe('storage estimate', () => {
  const storage = (usage: number, quota: number, persisted = false) => ({
    estimate: async () => ({ usage, quota }),
    persisted: async () => persisted,
    persist: async () => true,
  });

  it('warns low below 20% or 500 MB free, critical below 5% or 100 MB', async () => {
    const gigabytes = 10 * 1024 * MEGABYTE;
    expect((await estimateStorage(storage(1 * 1024 * MEGABYTE, gigabytes))).warning).toBe('none');
    expect((await estimateStorage(storage(gigabytes * 0.85, gigabytes))).warning).toBe('low');
    expect((await estimateStorage(storage(gigabytes * 0.97, gigabytes))).warning).toBe('critical');
    // Small quotas: absolute thresholds bite first.
    expect(storageWarning(0, 400 * MEGABYTE)).toBe('low');
    expect(storageWarning(0, 90 * MEGABYTE)).toBe('critical');
    expect(storageWarning(0, 0)).toBe('none');
    expect(await estimateStorage(storage(5, 20 * gigabytes, true))).toEqual({ usage: 5, quota: 20 * gigabytes, persisted: true, warning: 'none' });
  });

  it('asks for persistence only when not already granted', async () => {
    let asked = 0;
    const fake = { estimate: async () => ({}), persisted: async () => false, persist: async () => (asked += 1) > 0 };
    expect(await requestPersistentStorage(fake)).toBe(true);
    expect(asked).toBe(1);
    expect(await requestPersistentStorage({ ...fake, persisted: async () => true })).toBe(true);
    expect(asked).toBe(1);
  });
});
