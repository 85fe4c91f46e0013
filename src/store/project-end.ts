/** The project's end date: warnings before it, and deleting everything when it comes. */
import { runTransaction } from './database';
import { nonZero, zeroCounts, type DeletionReceipt } from './deletion-receipt';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import type { Project } from './records';
import { ALL_STORES, type IntervjuDatabase } from './schema';

export interface ProjectEndStatus {
  /** Whole calendar days until the end date (0 on and after it); null when no end date is set. */
  daysLeft: number | null;
  /** The nearest warning threshold reached (30, 7 or 1 days); null when none, or once ended. */
  warning: null | 30 | 7 | 1;
  /** True on and after the end date: all data is due for deletion. */
  ended: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Where the project stands against its end date, counted in the researcher's
 * local calendar days (the end date is a date, not an instant).
 */
export function projectEndStatus(project: Project | null, now: number): ProjectEndStatus {
  const match = project?.endDate?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!match) return { daysLeft: null, warning: null, ended: false };
  const today = new Date(now);
  // Both dates as UTC midnights so a daylight-saving change does not shift the count by an hour.
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const endUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const difference = Math.round((endUtc - todayUtc) / DAY_MS);
  if (difference <= 0) return { daysLeft: 0, warning: null, ended: true };
  const warning = difference <= 1 ? 1 : difference <= 7 ? 7 : difference <= 30 ? 30 : null;
  return { daysLeft: difference, warning, ended: false };
}

/**
 * Deletes every record of every store (the vault too: the data key has nothing
 * left to protect) in one transaction, then checks each store is empty. Callers
 * should lock afterwards so no page keeps the old key.
 */
export async function deleteAllProjectData(database: IntervjuDatabase, environment?: StoreEnvironment): Promise<DeletionReceipt> {
  const { now } = resolveEnvironment(environment);
  const counts = await runTransaction(database, ALL_STORES, 'readwrite', async (transaction) => {
    const deleted = zeroCounts();
    for (const name of ALL_STORES) {
      const store = transaction.objectStore(name);
      deleted[name] = await store.count();
      await store.clear();
    }
    return deleted;
  });
  const remaining = await runTransaction(database, ALL_STORES, 'readonly', async (transaction) => {
    const found = zeroCounts();
    for (const name of ALL_STORES) found[name] = await transaction.objectStore(name).count();
    return nonZero(found);
  });
  return { at: now(), participantPseudonym: null, counts, verified: Object.keys(remaining).length === 0, remaining };
}
