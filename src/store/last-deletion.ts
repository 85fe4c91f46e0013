/**
 * The last deletion the researcher has not yet seen, kept in chrome.storage.local
 * (counts only, no names) because a whole-project deletion also removes the
 * vault, so nothing inside the database can tell the story afterwards. The
 * background writes it for automatic deletions, the workspace for its own.
 * It lives in src/store beside the deletion receipts it reports on, although it
 * is kept in chrome.storage.local rather than the database.
 */
import { browser } from 'wxt/browser';
import type { DeletionReceipt } from './deletion-receipt';
import type { StoreName } from './schema';

const LAST_DELETION_KEY = 'lifecycle.lastDeletion';

/** A deletion as kept for the researcher: counts only, never a pseudonym or any content. */
export interface DeletionRecord {
  kind: 'project-end-automatic' | 'project-deleted-by-hand' | 'audio-retention';
  at: number;
  counts: Record<StoreName, number>;
  verified: boolean;
}

export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const localArea = (): LocalArea => browser.storage.local as unknown as LocalArea;

function isDeletionRecord(value: unknown): value is DeletionRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<DeletionRecord>;
  return typeof record.kind === 'string' && typeof record.at === 'number' && typeof record.counts === 'object';
}

/** The record of a deletion receipt, without anything but counts. */
export function deletionRecord(kind: DeletionRecord['kind'], receipt: DeletionReceipt): DeletionRecord {
  return { kind, at: receipt.at, counts: receipt.counts, verified: receipt.verified };
}

/** The last unseen deletion, or null. */
export async function readLastDeletion(area: LocalArea = localArea()): Promise<DeletionRecord | null> {
  const value = (await area.get(LAST_DELETION_KEY))[LAST_DELETION_KEY];
  return isDeletionRecord(value) ? value : null;
}

/** Keeps a deletion for the researcher to see, even once the database is empty. */
export async function keepLastDeletion(record: DeletionRecord, area: LocalArea = localArea()): Promise<void> {
  await area.set({ [LAST_DELETION_KEY]: record });
}

/** The researcher has seen it. */
export async function dismissLastDeletion(area: LocalArea = localArea()): Promise<void> {
  await area.remove(LAST_DELETION_KEY);
}

/** Calls back whenever the kept deletion changes (another page or the background wrote it). */
export function onLastDeletionChange(callback: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && LAST_DELETION_KEY in changes) callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
