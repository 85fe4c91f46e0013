import { browser } from 'wxt/browser';
import { broadcastStoreChange } from '../../src/messages';
import { findInterruptedSessions, updateSession, type IntervjuDatabase } from '../../src/store';

const CHECKED_KEY = 'recovery.checkedThisSession';

/**
 * After the browser (or the extension) restarts, a session still marked `active`
 * was cut off: its recording stopped with the browser. It is marked `interrupted`
 * once per browser session (storage.session is empty after a restart but survives
 * the service worker being stopped), and the panel offers to resume or end it.
 * Everything saved up to the interruption stays: finished segments and audio chunks.
 */
export async function markInterruptedSessions(db: IntervjuDatabase, now = Date.now()): Promise<string[]> {
  if ((await browser.storage.session.get(CHECKED_KEY))[CHECKED_KEY]) return [];
  await browser.storage.session.set({ [CHECKED_KEY]: now });
  const interrupted = await findInterruptedSessions(db);
  for (const session of interrupted) {
    await updateSession(db, session.id, { status: 'interrupted' });
    broadcastStoreChange({ type: 'session.changed', sessionId: session.id });
  }
  return interrupted.map((session) => session.id);
}
