import type { Page } from '@playwright/test';
import { sealSegment } from '../../../src/store/sealed-records';
import type { Segment, Session } from '../../../src/store/records';
import { importVaultKey } from '../../../src/store/vault';

/**
 * Stores a finished session with chosen segments in an unlocked workspace's
 * IndexedDB, sealed with the store's own code under the data key the workspace
 * unlocked (as scripts/bench/session-view.mjs does): the view then decrypts what
 * a recording would have stored, and a test knows every word. Returns the id.
 */
export async function seedSession(workspace: Page, segments: readonly Omit<Segment, 'sessionId' | 'words' | 'unclear' | 'source'>[]): Promise<string> {
  const key = await workspace.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { session: { get(key: string): Promise<Record<string, string>> } } } }).chrome;
    return (await api.storage.session.get('vault.dataKey'))['vault.dataKey'];
  });
  if (!key) throw new Error('The workspace is not unlocked');
  const vault = await importVaultKey(key);
  const sessionId = `seeded-${Date.now()}`;
  const startedAt = Date.now() - 3_600_000;
  const session: Session = {
    id: sessionId,
    kind: 'pilot',
    participantId: null,
    guideId: '',
    guideVersion: 0,
    platform: 'other',
    startedAt,
    endedAt: startedAt + 600_000,
    status: 'ended',
    currentItemId: null,
    language: 'nb',
    hasAudio: false,
    consentChecked: [],
  };
  const sealed = await Promise.all(segments.map((segment) => sealSegment(vault, { ...segment, sessionId, words: [], unclear: [], source: 'live' })));
  const plain = sealed.map((record) => ({ ...record, payload: { iv: Array.from(record.payload.iv), ciphertext: Array.from(record.payload.ciphertext) } }));
  await workspace.evaluate(
    async ({ session, segments }) => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('intervju');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const transaction = database.transaction(['sessions', 'segments'], 'readwrite');
      transaction.objectStore('sessions').put(session);
      for (const record of segments) {
        transaction.objectStore('segments').put({ ...record, payload: { iv: new Uint8Array(record.payload.iv), ciphertext: new Uint8Array(record.payload.ciphertext) } });
      }
      await new Promise((resolve, reject) => ((transaction.oncomplete = resolve), (transaction.onerror = () => reject(transaction.error))));
      database.close();
    },
    { session, segments: plain },
  );
  return sessionId;
}
