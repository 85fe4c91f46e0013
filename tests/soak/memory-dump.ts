/**
 * Chromium's own account of a process's memory (the memory-infra dump the
 * browser's task manager and about:tracing use), read over the DevTools
 * protocol: the size of each allocator (V8, Blink's garbage-collected heap,
 * PartitionAlloc's array-buffer and buffer partitions, malloc, ...), so a soak
 * can say *where* the extension renderer grew, not only that it did.
 */
import type { CDPSession } from '@playwright/test';

/** Top-level allocator → bytes, for one process. */
export type AllocatorSizes = Record<string, number>;

interface TraceEvent {
  ph: string;
  pid: number;
  name?: string;
  args?: { dumps?: { allocators?: Record<string, { attrs?: { size?: { value: string } } }> } };
}

/** Takes one detailed memory dump of every process; returns each process's top-level allocator sizes. */
export async function memoryDump(session: CDPSession): Promise<Map<number, AllocatorSizes>> {
  const events: TraceEvent[] = [];
  // The protocol types trace events as string maps; memory dumps carry nested objects.
  const collect = (payload: { value: object[] }) => void events.push(...(payload.value as unknown as TraceEvent[]));
  session.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((resolve) => session.once('Tracing.tracingComplete', () => resolve()));
  await session.send('Tracing.start', {
    traceConfig: {
      includedCategories: ['disabled-by-default-memory-infra'],
      excludedCategories: ['*'],
      // No periodic dumps: only the one requested below.
      memoryDumpConfig: { triggers: [] as unknown as string },
    },
    transferMode: 'ReportEvents',
  });
  try {
    const dump = await session.send('Tracing.requestMemoryDump', { deterministic: true, levelOfDetail: 'detailed' });
    if (!dump.success) throw new Error('Chromium refused the memory dump');
  } finally {
    await session.send('Tracing.end');
    await complete;
    session.off('Tracing.dataCollected', collect);
  }
  const sizes = new Map<number, AllocatorSizes>();
  for (const event of events) {
    const allocators = event.ph === 'v' ? event.args?.dumps?.allocators : undefined;
    if (!allocators) continue;
    const process = sizes.get(event.pid) ?? {};
    for (const [name, allocator] of Object.entries(allocators)) {
      // Only top-level allocators ("v8", "malloc", ...) and PartitionAlloc's partitions: children add up to them.
      const partition = name.startsWith('partition_alloc/partitions/') && name.split('/').length === 3;
      if (name.includes('/') && !partition) continue;
      const size = allocator.attrs?.size?.value;
      if (size) process[name] = Number.parseInt(size, 16);
    }
    sizes.set(event.pid, process);
  }
  return sizes;
}

/** The allocators that changed most between two dumps of one process, as lines in MB. */
export function describeGrowth(before: AllocatorSizes, after: AllocatorSizes, limit = 8): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .map((name) => ({ name, start: before[name] ?? 0, end: after[name] ?? 0 }))
    .sort((a, b) => Math.abs(b.end - b.start) - Math.abs(a.end - a.start))
    .slice(0, limit)
    .map(({ name, start, end }) => `${name}: ${(start / 2 ** 20).toFixed(1)} → ${(end / 2 ** 20).toFixed(1)} MB (${end >= start ? '+' : ''}${((end - start) / 2 ** 20).toFixed(1)})`);
}
