/**
 * The last deletion the researcher has not yet seen, kept in chrome.storage.local
 * (counts only, no names) because a whole-project deletion also removes the
 * vault, so nothing inside the database can tell the story afterwards. The
 * background's lifecycle.ts writes the same key for automatic deletions.
 */
import { browser } from 'wxt/browser';
import type { ReceiptLike } from './ReceiptView';

export const LAST_DELETION_KEY = 'lifecycle.lastDeletion';

export interface DeletionRecord extends ReceiptLike {
  kind: 'project-end-automatic' | 'project-deleted-by-hand' | 'audio-retention';
}

function isDeletionRecord(value: unknown): value is DeletionRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<DeletionRecord>;
  return typeof record.kind === 'string' && typeof record.at === 'number' && typeof record.counts === 'object';
}

/** The last unseen deletion, or null. */
export async function readLastDeletion(): Promise<DeletionRecord | null> {
  const value = (await browser.storage.local.get(LAST_DELETION_KEY))[LAST_DELETION_KEY];
  return isDeletionRecord(value) ? value : null;
}

/** Keeps a deletion for the researcher to see, even once the database is empty. */
export async function keepLastDeletion(record: DeletionRecord): Promise<void> {
  await browser.storage.local.set({ [LAST_DELETION_KEY]: record });
}

/** The researcher has seen it. */
export async function dismissLastDeletion(): Promise<void> {
  await browser.storage.local.remove(LAST_DELETION_KEY);
}

/** Calls back whenever the kept deletion changes (another page or the background wrote it). */
export function onLastDeletionChange(callback: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && LAST_DELETION_KEY in changes) callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
