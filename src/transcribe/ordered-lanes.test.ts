import { describe, expect, it } from 'vitest';
import { runInOrder } from './ordered-lanes';

/** Work whose items each finish when the test says so. */
function controlledWork<T>() {
  const started: { item: T; lane: number; finish(value?: string): void; fail(cause: Error): void }[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const work = (item: T, lane: number) =>
    new Promise<string>((resolve, reject) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      started.push({
        item,
        lane,
        finish: (value) => {
          running--;
          resolve(value ?? `done ${String(item)}`);
        },
        fail: (cause) => {
          running--;
          reject(cause);
        },
      });
    });
  return { work, started, mostAtOnce: () => mostAtOnce, running: () => running };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('runInOrder', () => {
  it('works on two items at once in two lanes and takes the results in the list order, whatever order they finish in', async () => {
    const { work, started, mostAtOnce } = controlledWork<string>();
    const taken: string[] = [];
    const finished = runInOrder({ items: ['a', 'b', 'c', 'd'], lanes: 2, work, take: async (result) => void taken.push(result) });
    await settle();
    expect(started.map((entry) => entry.item)).toEqual(['a', 'b']);
    expect(new Set(started.map((entry) => entry.lane))).toEqual(new Set([0, 1]));
    started[1]!.finish();
    await settle();
    expect(taken).toEqual([]);
    expect(started.map((entry) => entry.item)).toEqual(['a', 'b', 'c']);
    started[0]!.finish();
    await settle();
    expect(taken).toEqual(['done a', 'done b']);
    for (const entry of started.slice(2)) entry.finish();
    await settle();
    for (const entry of started.slice(3)) entry.finish();
    await finished;
    expect(taken).toEqual(['done a', 'done b', 'done c', 'done d']);
    expect(mostAtOnce()).toBe(2);
  });

  it('works on one item at a time in one lane', async () => {
    const order: string[] = [];
    await runInOrder({
      items: [1, 2, 3],
      lanes: 1,
      work: async (item, lane) => {
        order.push(`start ${item} in ${lane}`);
        await settle();
        order.push(`end ${item}`);
        return item;
      },
      take: async (result) => void order.push(`take ${result}`),
    });
    const work = order.filter((entry) => !entry.startsWith('take'));
    expect(work).toEqual(['start 1 in 0', 'end 1', 'start 2 in 0', 'end 2', 'start 3 in 0', 'end 3']);
    expect(order.filter((entry) => entry.startsWith('take'))).toEqual(['take 1', 'take 2', 'take 3']);
  });

  it('never takes two results at once', async () => {
    let taking = 0;
    let mostAtOnce = 0;
    await runInOrder({
      items: [1, 2, 3, 4, 5, 6],
      lanes: 3,
      work: async (item) => item,
      take: async () => {
        taking++;
        mostAtOnce = Math.max(mostAtOnce, taking);
        await settle();
        taking--;
      },
    });
    expect(mostAtOnce).toBe(1);
  });

  it('lets a fast lane run ahead of a slow item by at most twice the lanes', async () => {
    const { work, started } = controlledWork<number>();
    const finished = runInOrder({ items: Array.from({ length: 20 }, (_, index) => index), lanes: 2, work, take: async () => undefined });
    await settle();
    // Item 0 stays under way; everything the other lane starts finishes at once.
    for (let round = 0; round < 10; round++) {
      for (const entry of started.slice(1)) entry.finish();
      await settle();
    }
    expect(started.map((entry) => entry.item)).toEqual([0, 1, 2, 3]);
    started[0]!.finish();
    for (let round = 0; round < 30; round++) {
      for (const entry of started) entry.finish();
      await settle();
    }
    await finished;
    expect(started).toHaveLength(20);
  });

  it('stops at a failed item: starts nothing after it, takes nothing from it on, and rejects once the work under way has ended', async () => {
    const { work, started, running } = controlledWork<string>();
    const taken: string[] = [];
    const finished = runInOrder({ items: ['a', 'b', 'c', 'd', 'e'], lanes: 2, work, take: async (result) => void taken.push(result) });
    let outcome: unknown = 'pending';
    finished.then(
      () => (outcome = 'resolved'),
      (cause: Error) => (outcome = cause.message),
    );
    await settle();
    started[0]!.finish();
    await settle();
    started[1]!.fail(new Error('worker crashed'));
    await settle();
    // c was started when a finished; b's failure starts nothing more.
    expect(started.map((entry) => entry.item)).toEqual(['a', 'b', 'c']);
    expect(outcome).toBe('pending');
    started[2]!.finish();
    await settle();
    expect(outcome).toBe('worker crashed');
    expect(taken).toEqual(['done a']);
    expect(running()).toBe(0);
  });

  it('stops when taking a result fails, after the work under way has ended', async () => {
    const { work, started, running } = controlledWork<string>();
    const finished = runInOrder({
      items: ['a', 'b', 'c', 'd'],
      lanes: 2,
      work,
      take: async (result) => {
        if (result === 'done a') throw new Error('store closed');
      },
    });
    let outcome: unknown = 'pending';
    finished.catch((cause: Error) => (outcome = cause.message));
    await settle();
    started[0]!.finish();
    await settle();
    expect(outcome).toBe('pending');
    for (const entry of started.slice(1)) entry.finish();
    await settle();
    expect(outcome).toBe('store closed');
    expect(running()).toBe(0);
    expect(started.length).toBeLessThanOrEqual(3);
  });

  it('resolves at once for no items', async () => {
    await expect(runInOrder({ items: [], lanes: 2, work: async () => 1, take: async () => undefined })).resolves.toBeUndefined();
  });

  it('works on items while the source is still making them, and takes them in order', async () => {
    const { work, started } = controlledWork<string>();
    const made: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* windows() {
      made.push('a');
      yield 'a';
      await gate;
      made.push('b');
      yield 'b';
    }
    const taken: string[] = [];
    const finished = runInOrder({ items: windows(), lanes: 2, work, take: async (result) => void taken.push(result) });
    await settle();
    // The first item is worked on before the source has made the second.
    expect(started.map((entry) => entry.item)).toEqual(['a']);
    expect(made).toEqual(['a']);
    started[0]!.finish();
    await settle();
    expect(taken).toEqual(['done a']);
    release();
    await settle();
    started[1]!.finish();
    await finished;
    expect(taken).toEqual(['done a', 'done b']);
  });

  it('stops at a failure of the source after taking what came before it', async () => {
    const { work, started } = controlledWork<string>();
    async function* windows() {
      yield 'a';
      throw new Error('cutting failed');
    }
    const taken: string[] = [];
    const finished = runInOrder({ items: windows(), lanes: 2, work, take: async (result) => void taken.push(result) });
    await settle();
    started[0]!.finish();
    await expect(finished).rejects.toThrow('cutting failed');
    expect(taken).toEqual(['done a']);
  });
});
