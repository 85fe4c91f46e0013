import type { Page } from '@playwright/test';

/**
 * Every record of one object store of the extension's database, read from one of
 * its pages. For stores whose records are kept in clear (sessions, coverage,
 * guides): what the tests check there is ids, states, times and versions.
 */
export async function storedRecords<T>(extensionPage: Page, storeName: string): Promise<T[]> {
  const records = await extensionPage.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = indexedDB.open('intervju');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const all = request.result.transaction([name]).objectStore(name).getAll();
          all.onsuccess = () => {
            request.result.close();
            resolve(all.result);
          };
          all.onerror = () => reject(all.error);
        };
      }),
    storeName,
  );
  return records as T[];
}

/** The stored coverage marks in the order they were made. */
export async function storedCoverage<T extends { time: number; order: number }>(extensionPage: Page): Promise<T[]> {
  const marks = await storedRecords<T>(extensionPage, 'coverage');
  return marks.sort((left, right) => left.time - right.time || left.order - right.order);
}
