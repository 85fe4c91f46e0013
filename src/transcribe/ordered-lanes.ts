/**
 * Work on a list in a few lanes at once, its results taken one at a time in the
 * list's order.
 *
 * The full-quality pass transcribes windows in two workers at once (a decoder
 * step barely uses a second thread, so two single-thread workers do nearly twice
 * the work of one with two threads; docs/final-pass.md), but stores them one by
 * one, in order: its progress says "done up to here", so after a restart it
 * resumes behind the last window stored and never skips one that was
 * transcribed out of turn.
 */

export interface OrderedLanes<T, R> {
  items: readonly T[];
  /** How many items are worked on at once (at least 1). */
  lanes: number;
  /** Works on one item in `lane` (0 … lanes − 1); a lane runs one item at a time. */
  work(item: T, lane: number): Promise<R>;
  /** Takes one result; called in the items' order, never twice at once. */
  take(result: R, item: T, index: number): Promise<void>;
}

/**
 * Resolves once every result is taken. The first failure, of `work` or of
 * `take`, stops it: no item starts after it, the work already started is waited
 * for (its results dropped), and then it rejects with that failure. Results
 * done ahead of their turn wait, at most twice `lanes` of them untaken.
 */
export async function runInOrder<T, R>({ items, lanes, work, take }: OrderedLanes<T, R>): Promise<void> {
  const laneCount = Math.max(1, Math.floor(lanes));
  const ahead = 2 * laneCount;
  const results = items.map(() => deferred<R>());
  let nextToStart = 0;
  let taken = 0;
  let stopped = false;
  let moved = deferred<void>();
  const wakeLanes = () => {
    moved.resolve();
    moved = deferred<void>();
  };

  async function runLane(lane: number): Promise<void> {
    while (!stopped && nextToStart < items.length) {
      if (nextToStart >= taken + ahead) {
        await moved.promise;
        continue;
      }
      const index = nextToStart++;
      try {
        results[index]!.resolve(await work(items[index]!, lane));
      } catch (cause) {
        results[index]!.reject(cause);
        stopped = true;
        return;
      }
    }
  }

  const running = Promise.all(Array.from({ length: Math.min(laneCount, items.length) }, (_, lane) => runLane(lane)));
  try {
    for (let index = 0; index < items.length; index++) {
      await take(await results[index]!.promise, items[index]!, index);
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
  await running;
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
