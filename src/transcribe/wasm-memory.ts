/**
 * How much WebAssembly memory a context holds. onnxruntime-web's threaded build
 * creates its memory in JavaScript (`new WebAssembly.Memory({ shared: true })`)
 * and grows it to the largest size a run needed, never giving it back; that is
 * invisible to `performance.memory`, yet it is most of what a long recording
 * could grow. Tracking every memory made after this call lets the recorder
 * report it with its utterance counts, so a soak can tell it from a JS leak.
 */
export interface WebAssemblyMemoryTracker {
  /** Bytes held now by every memory created since tracking began. */
  totalBytes(): number;
}

type MemoryConstructor = typeof WebAssembly.Memory;

/**
 * Replaces `target.Memory` with a constructor that remembers what it makes
 * (weakly, so a dropped runtime is not kept alive). Call before the runtime
 * starts; calling twice on one target returns the first tracker.
 */
export function trackWebAssemblyMemories(target: { Memory: MemoryConstructor } = WebAssembly): WebAssemblyMemoryTracker {
  const existing = trackers.get(target);
  if (existing) return existing;
  const memories: WeakRef<WebAssembly.Memory>[] = [];
  target.Memory = new Proxy(target.Memory, {
    construct(original, args: ConstructorParameters<MemoryConstructor>, newTarget) {
      const memory = Reflect.construct(original, args, newTarget) as WebAssembly.Memory;
      memories.push(new WeakRef(memory));
      return memory;
    },
  });
  const tracker: WebAssemblyMemoryTracker = {
    totalBytes() {
      let total = 0;
      for (let index = memories.length - 1; index >= 0; index--) {
        const memory = memories[index]!.deref();
        if (memory) total += memory.buffer.byteLength;
        else memories.splice(index, 1);
      }
      return total;
    },
  };
  trackers.set(target, tracker);
  return tracker;
}

const trackers = new WeakMap<object, WebAssemblyMemoryTracker>();
