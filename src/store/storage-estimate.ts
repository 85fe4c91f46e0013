/** How much room the browser leaves Intervju, so the UI can warn before a recording runs out of space. */

export type StorageWarning = 'none' | 'low' | 'critical';

export interface StorageEstimateReport {
  usage: number;
  /** 0 when the browser does not say. */
  quota: number;
  /** True when the browser promised not to evict this origin's data under pressure. */
  persisted: boolean;
  warning: StorageWarning;
}

export type NavigatorStorage = Pick<StorageManager, 'estimate'> & Partial<Pick<StorageManager, 'persisted' | 'persist'>>;

const MEGABYTE = 1024 * 1024;

function defaultStorage(): NavigatorStorage | undefined {
  return (globalThis as { navigator?: { storage?: NavigatorStorage } }).navigator?.storage;
}

/** Classifies free space: low below 20% or 500 MB free, critical below 5% or 100 MB. */
export function storageWarning(usage: number, quota: number): StorageWarning {
  // An unknown quota gives no basis for a warning (and must not raise a false alarm).
  if (!(quota > 0)) return 'none';
  const free = Math.max(0, quota - usage);
  if (free < quota * 0.05 || free < 100 * MEGABYTE) return 'critical';
  if (free < quota * 0.2 || free < 500 * MEGABYTE) return 'low';
  return 'none';
}

/** Usage, quota, persistence and a warning level for this origin's storage. */
export async function estimateStorage(navigatorStorage: NavigatorStorage | undefined = defaultStorage()): Promise<StorageEstimateReport> {
  if (!navigatorStorage) return { usage: 0, quota: 0, persisted: false, warning: 'none' };
  const estimate = await navigatorStorage.estimate();
  const usage = estimate.usage ?? 0;
  const quota = estimate.quota ?? 0;
  const persisted = (await navigatorStorage.persisted?.()) ?? false;
  return { usage, quota, persisted, warning: storageWarning(usage, quota) };
}

/**
 * Asks the browser not to evict Intervju's data under storage pressure
 * (https://developer.mozilla.org/en-US/docs/Web/API/StorageManager/persist).
 * Resolves true when granted.
 */
export async function requestPersistentStorage(navigatorStorage: NavigatorStorage | undefined = defaultStorage()): Promise<boolean> {
  if (!navigatorStorage?.persist) return false;
  if ((await navigatorStorage.persisted?.()) === true) return true;
  return navigatorStorage.persist();
}
