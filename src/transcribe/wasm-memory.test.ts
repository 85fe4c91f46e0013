import { describe, expect, it } from 'vitest';
import { trackWebAssemblyMemories } from './wasm-memory';

const PAGE = 64 * 1024;

describe('trackWebAssemblyMemories', () => {
  it('counts memories made after tracking began, and their growth', () => {
    const target = { Memory: WebAssembly.Memory };
    const before = new target.Memory({ initial: 1 });
    const tracker = trackWebAssemblyMemories(target);
    expect(tracker.totalBytes()).toBe(0);
    const memory = new target.Memory({ initial: 2, maximum: 10 });
    const shared = new target.Memory({ initial: 1, maximum: 4, shared: true });
    expect(tracker.totalBytes()).toBe(3 * PAGE);
    memory.grow(3);
    expect(tracker.totalBytes()).toBe(6 * PAGE);
    expect(memory).toBeInstanceOf(WebAssembly.Memory);
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(before.buffer.byteLength).toBe(PAGE);
  });

  it('tracks a target once, however often it is asked', () => {
    const target = { Memory: WebAssembly.Memory };
    const first = trackWebAssemblyMemories(target);
    const second = trackWebAssemblyMemories(target);
    new target.Memory({ initial: 1 });
    expect(second).toBe(first);
    expect(first.totalBytes()).toBe(PAGE);
  });
});
