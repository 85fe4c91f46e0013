/**
 * Work on a list, or on items as a source makes them, in a few lanes at once, the
 * results taken one at a time in the items' order.
 *
 * The full-quality pass transcribes windows in two workers at once (a decoder
 * step barely uses a second thread, so two single-thread workers do nearly twice
 * the work of one with two threads; docs/final-pass.md), but stores them one by
 * one, in order: its progress says "done up to here", so after a restart it
 * resumes behind the last window stored and never skips one that was
 * transcribed out of turn.
 */

export interface OrderedLanes<T, R> {
  /** The items, or a source that yields them as they are made (the pass's windows, while the recording is still being cut). */
  items: readonly T[] | AsyncIterable<T>;
  /** How many items are worked on at once (at least 1). */
  lanes: number;
  /** Works on one item in `lane` (0 … lanes − 1); a lane runs one item at a time. */
  work(item: T, lane: number): Promise<R>;
  /** Takes one result; called in the items' order, never twice at once. */
  take(result: R, item: T, index: number): Promise<void>;
}

/** One item's turn: its result, or the end of the items. */
type Turn<T, R> = { done: true } | { done: false; item: T; result: R };

/**
 * Resolves once every result is taken. The first failure, of the source, of
 * `work` or of `take`, stops it: no item starts after it, the work already
 * started is waited for (its results dropped), and then it rejects with that
 * failure. Results done ahead of their turn wait, at most twice `lanes` of them
 * untaken. A lane asks the source for the next item only when it is free, so a
 * source that makes items as it goes is read as fast as the lanes work.
 */
export async function runInOrder<T, R>({ items, lanes, work, take }: OrderedLanes<T, R>): Promise<void> {
  const laneCount = Math.max(1, Math.floor(lanes));
  const ahead = 2 * laneCount;
  // An async generator answers next() calls in the order they were made, so a turn's index is fixed when it asks.
  const source = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : fromArray(items);
  const turns: Deferred<Turn<T, R>>[] = [];
  const turn = (index: number) => (turns[index] ??= deferred<Turn<T, R>>());
  let nextToStart = 0;
  let taken = 0;
  let stopped = false;
  let moved = deferred<void>();
  const wakeLanes = () => {
    moved.resolve();
    moved = deferred<void>();
  };

  async function runLane(lane: number): Promise<void> {
    while (!stopped) {
      if (nextToStart >= taken + ahead) {
        await moved.promise;
        continue;
      }
      const index = nextToStart++;
      try {
        const next = await source.next();
        if (next.done || stopped) {
          turn(index).resolve({ done: true });
          return;
        }
        turn(index).resolve({ done: false, item: next.value, result: await work(next.value, lane) });
      } catch (cause) {
        turn(index).reject(cause);
        stopped = true;
        return;
      }
    }
  }

  const running = Promise.all(Array.from({ length: laneCount }, (_, lane) => runLane(lane)));
  try {
    for (let index = 0; ; index++) {
      const next = await turn(index).promise;
      if (next.done) break;
      await take(next.result, next.item, index);
      taken = index + 1;
      wakeLanes();
    }
  } catch (cause) {
    stopped = true;
    wakeLanes();
    await running;
    // Rejections of results never taken are dropped with them.
    throw cause;
  }
  stopped = true;
  wakeLanes();
  await running;
}

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}
interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(cause: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (cause: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // A result that fails after an earlier failure is never awaited: not an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
