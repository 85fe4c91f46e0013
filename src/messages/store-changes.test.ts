import { describe, expect, it } from 'vitest';
import { broadcastStoreChange, isStoreChange, onStoreChange, type StoreChange } from './store-changes';

/** Two contexts joined by a runtime that, like Chrome's, does not echo to the sender. */
function fakeRuntimes() {
  const listeners = new Map<string, Set<(message: unknown) => void>>([['a', new Set()], ['b', new Set()]]);
  const make = (self: string) => ({
    sendMessage: async (message: unknown) => {
      for (const [name, set] of listeners) if (name !== self) for (const listener of set) listener(message);
    },
    onMessage: {
      addListener: (callback: (message: unknown) => void) => listeners.get(self)!.add(callback),
      removeListener: (callback: (message: unknown) => void) => listeners.get(self)!.delete(callback),
    },
  });
  return { a: make('a'), b: make('b') };
}

describe('store change notices', () => {
  it('reach listeners in other contexts and in the sending one, until unsubscribed', async () => {
    const { a, b } = fakeRuntimes();
    const inB: StoreChange[] = [];
    const inA: StoreChange[] = [];
    const stopB = onStoreChange((change) => inB.push(change), b);
    const stopA = onStoreChange((change) => inA.push(change), a);
    broadcastStoreChange({ type: 'coverage.changed', sessionId: 's1' }, a);
    await Promise.resolve();
    expect(inB).toEqual([{ type: 'coverage.changed', sessionId: 's1' }]);
    expect(inA).toEqual([{ type: 'coverage.changed', sessionId: 's1' }]);
    stopA();
    stopB();
    broadcastStoreChange({ type: 'vault.locked' }, a);
    await Promise.resolve();
    expect(inB).toHaveLength(1);
  });

  it('ignores other messages and malformed notices', async () => {
    const { a, b } = fakeRuntimes();
    const received: StoreChange[] = [];
    onStoreChange((change) => received.push(change), b);
    await a.sendMessage({ kind: 'intervju.store-change', change: { type: 'coverage.changed' } });
    await a.sendMessage({ type: 'coverage.command', data: 'next-question' });
    expect(received).toEqual([]);
    expect(isStoreChange({ type: 'drop.tables' })).toBe(false);
    expect(isStoreChange('vault.locked')).toBe(false);
    expect(isStoreChange({ type: 'vault.locked' })).toBe(true);
  });
});
