/**
 * The V8 heaps of the extension renderer as V8 itself counts them, over the
 * DevTools protocol: the offscreen document's isolate (which the panel frame and
 * the workspace page share) and the transcription worker's. `performance.memory`
 * leaves out ArrayBuffer backing stores, which live outside the JavaScript heap
 * (Chromium's array-buffer partition); `Runtime.getHeapUsage` reports them as
 * `backingStorageSize`. And `HeapProfiler.collectGarbage` in both isolates tells
 * live memory from garbage not yet collected: the resident size after it is what
 * the renderer holds on to.
 *
 * The browser session reaches the offscreen document as a target; the worker is
 * a child of that target, reached through it (sessions not flattened, as in
 * tests/e2e/pages/recording.ts).
 */
import type { BrowserContext, CDPSession } from '@playwright/test';

/** One isolate's heap, bytes. */
export interface HeapUsage {
  /** Live and dead JavaScript objects on the V8 heap. */
  used: number;
  /** ArrayBuffer backing stores (typed arrays' bytes), outside the V8 heap. */
  backingStores: number;
}

export interface RendererHeaps {
  offscreen: HeapUsage | null;
  worker: HeapUsage | null;
}

interface Reply {
  id?: number;
  method?: string;
  params?: { sessionId?: string; message?: string; targetInfo?: { type: string; url: string } };
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** A DevTools session to one target, its messages carried by the session above it. */
class TargetSession {
  private sent = 0;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private readonly children = new Map<string, TargetSession>();
  /** Targets attached under this one (auto-attach): session id, type, url. */
  readonly attached: { sessionId: string; type: string; url: string }[] = [];

  constructor(private readonly carry: (message: string) => Promise<void>) {}

  receive(raw: string): void {
    const reply = JSON.parse(raw) as Reply;
    if (reply.id !== undefined) {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    } else if (reply.method === 'Target.attachedToTarget' && reply.params?.sessionId && reply.params.targetInfo) {
      this.attached.push({ sessionId: reply.params.sessionId, ...reply.params.targetInfo });
    } else if (reply.method === 'Target.receivedMessageFromTarget' && reply.params?.sessionId && reply.params.message) {
      this.children.get(reply.params.sessionId)?.receive(reply.params.message);
    }
  }

  async send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = ++this.sent;
    const reply = new Promise<Reply>((resolve) => this.waiting.set(id, resolve));
    await this.carry(JSON.stringify({ id, method, params }));
    const answer = await reply;
    if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
    return answer.result ?? {};
  }

  child(sessionId: string): TargetSession {
    const child = new TargetSession(async (message) => void (await this.send('Target.sendMessageToTarget', { sessionId, message })));
    this.children.set(sessionId, child);
    return child;
  }
}

async function heapUsage(session: TargetSession | null): Promise<HeapUsage | null> {
  if (!session) return null;
  const usage = await session.send('Runtime.getHeapUsage').catch(() => null);
  if (!usage) return null;
  return { used: Number(usage['usedSize'] ?? 0), backingStores: Number(usage['backingStorageSize'] ?? 0) };
}

/**
 * Opens sessions to the offscreen document (or another extension page whose URL
 * ends with `page`, as the memory bench's workspace page) and its transcription
 * worker; null when there is no such page.
 */
export async function openRendererHeaps(
  context: BrowserContext,
  page = '/offscreen.html',
): Promise<{ read(): Promise<RendererHeaps>; collectGarbage(): Promise<void>; close(): Promise<void> } | null> {
  const browser = context.browser();
  if (!browser) return null;
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; url: string }[] };
  const target = targetInfos.find((info) => info.url.endsWith(page));
  if (!target) {
    await cdp.detach();
    return null;
  }
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  const offscreen = new TargetSession(async (message) => void (await cdp.send('Target.sendMessageToTarget', { sessionId, message })));
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId === sessionId) offscreen.receive(event.message);
  });
  // Auto-attach announces the targets already there (the transcription worker, the audio worklet).
  await offscreen.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const isWorker = (entry: { type: string; url: string }) => entry.type === 'worker' && entry.url.includes('transcription.worker');
  for (let tries = 0; tries < 50 && !offscreen.attached.some(isWorker); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
  const announced = offscreen.attached.find(isWorker);
  const worker = announced ? offscreen.child(announced.sessionId) : null;
  return {
    async read() {
      return { offscreen: await heapUsage(offscreen), worker: await heapUsage(worker) };
    },
    async collectGarbage() {
      await offscreen.send('HeapProfiler.collectGarbage');
      await worker?.send('HeapProfiler.collectGarbage');
    },
    async close() {
      await cdp.detach().catch(() => undefined);
    },
  };
}
