/** What a deletion removed, for the researcher's records and the ethics log. */
import { ALL_STORES, type StoreName } from './schema';

export interface DeletionReceipt {
  /** When the deletion committed, milliseconds since the Unix epoch. */
  at: number;
  /** The withdrawn participant's pseudonym; null for deletions not about one participant. */
  participantPseudonym: string | null;
  /** Records deleted, per store (0 where none). */
  counts: Record<StoreName, number>;
  /** True when a check after the deletion found nothing left of what was to be deleted. */
  verified: boolean;
  /** Records still found by that check, per store; empty when verified. */
  remaining: Partial<Record<StoreName, number>>;
}

export function zeroCounts(): Record<StoreName, number> {
  return Object.fromEntries(ALL_STORES.map((name) => [name, 0])) as Record<StoreName, number>;
}

export function nonZero(counts: Partial<Record<StoreName, number>>): Partial<Record<StoreName, number>> {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => (count ?? 0) > 0));
}
