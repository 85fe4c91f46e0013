/**
 * Undo and redo for transcript edits. A change records the segments before and
 * after; undoing stores the ones before again and deletes those it had added.
 * Typing in one segment is one change however many keys it took (`coalesce`).
 */
import type { Segment } from '../store/records';

export interface Change {
  /** Segments as they were (absent: the change added them). */
  before: readonly Segment[];
  /** Segments as they are after it (absent: the change deleted them). */
  after: readonly Segment[];
  /** Consecutive changes with the same key become one (typing in one segment while it has focus). */
  coalesce?: string;
}

/** What to store for a change in one direction: segments to put and ids to delete. */
export interface Write {
  put: Segment[];
  deleteIds: string[];
}

/** The write that turns `from` into `to`. */
export function writeBetween(from: readonly Segment[], to: readonly Segment[]): Write {
  const kept = new Set(to.map((segment) => segment.id));
  return { put: [...to], deleteIds: from.filter((segment) => !kept.has(segment.id)).map((segment) => segment.id) };
}

/** Past and undone changes, newest last; a new change clears what was undone. */
export class EditHistory {
  private readonly done: Change[] = [];
  private readonly undone: Change[] = [];

  constructor(private readonly limit = 500) {}

  record(change: Change): void {
    const last = this.done.at(-1);
    if (change.coalesce !== undefined && last?.coalesce === change.coalesce) {
      this.done[this.done.length - 1] = { before: last.before, after: change.after, coalesce: change.coalesce };
    } else {
      this.done.push(change);
      if (this.done.length > this.limit) this.done.shift();
    }
    this.undone.length = 0;
  }

  /** Ends coalescing: the next change starts its own entry even with the same key. */
  seal(): void {
    const last = this.done.at(-1);
    if (last?.coalesce !== undefined) this.done[this.done.length - 1] = { before: last.before, after: last.after };
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** The write that undoes the latest change, or null. */
  undo(): Write | null {
    const change = this.done.pop();
    if (!change) return null;
    this.undone.push({ before: change.before, after: change.after });
    return writeBetween(change.after, change.before);
  }

  /** The write that redoes the latest undone change, or null. */
  redo(): Write | null {
    const change = this.undone.pop();
    if (!change) return null;
    this.done.push(change);
    return writeBetween(change.before, change.after);
  }
}
