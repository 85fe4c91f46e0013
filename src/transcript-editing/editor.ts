/**
 * One session's transcript while the researcher edits it: the segments, the
 * edits applied to them, undo/redo, and every change handed to `persist` at
 * once (the view passes a function that encrypts and stores it). Writes go out
 * one at a time in the order made, so the store always ends as the screen shows.
 */
import type { Channel, Segment } from '../store/records';
import { EditHistory, writeBetween, type Write } from './history';
import {
  dismissFinalReading,
  editText,
  mergeSegments,
  originalOf,
  resolveUnclear,
  setChecked,
  setSpeaker,
  splitSegment,
  takeFinalReading,
  type UnclearResolution,
} from './operations';

export type Persist = (write: Write) => Promise<void>;

function byTime(left: Segment, right: Segment): number {
  return left.start - right.start || left.end - right.end || left.id.localeCompare(right.id);
}

/** Edited or checked by the researcher: a transcription never replaces it. */
const isReviewed = (segment: Segment): boolean => segment.source === 'edited' || Boolean(segment.checked);

export class TranscriptEditor {
  private list: Segment[];
  private readonly history = new EditHistory();
  private readonly listeners = new Set<() => void>();
  private writes: Promise<void> = Promise.resolve();
  /** Ids this editor stored or deleted: its version is what the store holds (or will, once its writes are done). */
  private readonly own = new Set<string>();
  private failure: unknown = null;

  constructor(
    segments: readonly Segment[],
    private readonly persist: Persist,
    private readonly options: { language: string; newId: () => string },
  ) {
    this.list = [...segments].sort(byTime);
  }

  /** The segments in time order, as the screen should show them. */
  get segments(): readonly Segment[] {
    return this.list;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  /** The last write that failed (cleared by the next that succeeds), for the view to say so. */
  get lastError(): unknown {
    return this.failure;
  }

  find(id: string): Segment | undefined {
    return this.list.find((segment) => segment.id === id);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the segments with the stored ones (another page changed them); history stays. */
  reload(segments: readonly Segment[]): void {
    this.list = [...segments].sort(byTime);
    this.notify();
  }

  /**
   * Takes segments stored by someone else while the view is open (a recording
   * or file import still transcribing, another page's edits): new ones are
   * added and changed ones replace what is shown. A segment this editor wrote or
   * deleted keeps this editor's version, and a reviewed segment (edited or
   * checked) is never replaced by one that is not (the store's own rule), so
   * the researcher's typing is never undone. When `stored` is every segment of
   * the session, `readFrom` is the ids shown when that read began: those not
   * among `stored` were deleted elsewhere and go, unless this editor wrote them
   * (segments that arrived during the read are not in it, and stay). Returns
   * true when what is shown changed.
   */
  absorb(stored: readonly Segment[], readFrom?: ReadonlySet<string>): boolean {
    const shown = new Map(this.list.map((segment) => [segment.id, segment]));
    let changed = false;
    for (const segment of stored) {
      const current = shown.get(segment.id);
      if (this.own.has(segment.id)) {
        // The full-quality pass's reading beside a segment edited here: shown, the researcher's text kept.
        if (current && segment.finalReading && !current.finalReading && current.text === segment.text) {
          shown.set(segment.id, { ...current, finalReading: segment.finalReading });
          changed = true;
        }
        continue;
      }
      if (current && isReviewed(current) && !isReviewed(segment)) continue;
      if (current && JSON.stringify(current) === JSON.stringify(segment)) continue;
      shown.set(segment.id, segment);
      changed = true;
    }
    if (readFrom) {
      const storedIds = new Set(stored.map((segment) => segment.id));
      for (const id of readFrom) {
        if (shown.has(id) && !storedIds.has(id) && !this.own.has(id)) {
          shown.delete(id);
          changed = true;
        }
      }
    }
    if (!changed) return false;
    this.list = [...shown.values()].sort(byTime);
    this.notify();
    return true;
  }

  /** Resolves when every change made so far is stored (or failed). */
  settled(): Promise<void> {
    return this.writes;
  }

  /** Typing: consecutive calls for one segment with the same `typing` key are one undo step. */
  editText(id: string, text: string, typing?: string): void {
    const segment = this.require(id);
    const changed = editText(segment, text);
    if (changed !== segment) this.change([segment], [changed], typing === undefined ? undefined : `text:${id}:${typing}`);
  }

  /** Ends a typing run, so the next edit of the segment is its own undo step. */
  endTyping(): void {
    this.history.seal();
  }

  resolveUnclear(id: string, marker: number, resolution: UnclearResolution): void {
    const segment = this.require(id);
    this.change([segment], [resolveUnclear(segment, marker, resolution, this.options.language)]);
  }

  setSpeaker(id: string, channel: Channel): void {
    const segment = this.require(id);
    const changed = setSpeaker(segment, channel);
    if (changed !== segment) this.change([segment], [changed]);
  }

  /** Takes the full-quality pass's reading kept beside the segment as its text (docs/final-pass.md). */
  takeFinalReading(id: string): void {
    const segment = this.require(id);
    const changed = takeFinalReading(segment);
    if (changed !== segment) this.change([segment], [changed]);
  }

  /** Dismisses the pass's reading; the text stays. */
  dismissFinalReading(id: string): void {
    const segment = this.require(id);
    const changed = dismissFinalReading(segment);
    if (changed !== segment) this.change([segment], [changed]);
  }

  setChecked(id: string, checked: boolean): void {
    const segment = this.require(id);
    if (Boolean(segment.checked) !== checked) this.change([segment], [setChecked(segment, checked)]);
  }

  /**
   * Pseudonymisation applied (src/pseudonymise): `changed` are the segments with
   * fictive names, and `pseudonymiseOriginal` replaces the same names in the
   * machine text kept as `original`, so the real name stays only in the key list.
   * One undo step.
   */
  pseudonymise(changed: readonly Segment[], pseudonymiseOriginal: (text: string) => string): void {
    const before: Segment[] = [];
    const after: Segment[] = [];
    for (const next of changed) {
      const current = this.find(next.id);
      if (!current) continue;
      const original = originalOf(current);
      before.push(current);
      after.push({ ...next, source: 'edited', original: { ...original, text: pseudonymiseOriginal(original.text), words: [] } });
    }
    if (after.length > 0) this.change(before, after);
  }

  /** Splits at an offset of the segment's text; returns the second part's (new) id, or null when a part would be empty. */
  split(id: string, offset: number): string | null {
    const segment = this.require(id);
    const parts = splitSegment(segment, offset, this.options.newId());
    if (!parts) return null;
    this.change([segment], parts);
    return parts[1].id;
  }

  /** Merges with the next segment in time; false when there is none or it is another speaker's. */
  mergeWithNext(id: string): boolean {
    const index = this.list.findIndex((segment) => segment.id === id);
    const first = this.list[index];
    const second = this.list[index + 1];
    if (!first || !second) return false;
    const merged = mergeSegments(first, second);
    if (!merged) return false;
    this.change([first, second], [merged]);
    return true;
  }

  undo(): boolean {
    this.history.seal();
    return this.apply(this.history.undo());
  }

  redo(): boolean {
    return this.apply(this.history.redo());
  }

  private require(id: string): Segment {
    const segment = this.find(id);
    if (!segment) throw new RangeError(`No segment ${id} in this transcript.`);
    return segment;
  }

  private change(before: Segment[], after: Segment[], coalesce?: string): void {
    this.history.record(coalesce === undefined ? { before, after } : { before, after, coalesce });
    this.apply(writeBetween(before, after));
  }

  private apply(write: Write | null): boolean {
    if (!write) return false;
    const replaced = new Set([...write.deleteIds, ...write.put.map((segment) => segment.id)]);
    for (const id of replaced) this.own.add(id);
    this.list = [...this.list.filter((segment) => !replaced.has(segment.id)), ...write.put].sort(byTime);
    this.writes = this.writes.then(() =>
      this.persist(write).then(
        () => void (this.failure = null),
        (cause: unknown) => {
          this.failure = cause;
          this.notify();
        },
      ),
    );
    this.notify();
    return true;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
