/** Audio retention: recordings are deleted once the project's policy says they are due. */
import { deleteAudioOfSessions } from './audio';
import { runTransaction } from './database';
import { nonZero, zeroCounts, type DeletionReceipt } from './deletion-receipt';
import type { Project, Session } from './records';
import { SINGLE_RECORD_KEY, STORE, type IntervjuDatabase } from './schema';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Ids of the sessions whose audio the policy says must be gone by `now`:
 * approved sessions under `delete-on-approval`; sessions started at least N days
 * ago under `delete-after-days`; every session under `no-audio`. No project, no policy: none.
 */
export function audioDue(project: Project | null, sessions: readonly Session[], now: number): string[] {
  if (!project) return [];
  const policy = project.audioPolicy;
  switch (policy.kind) {
    case 'no-audio':
      return sessions.map((session) => session.id);
    case 'delete-on-approval':
      return sessions.filter((session) => session.status === 'approved').map((session) => session.id);
    case 'delete-after-days':
      return sessions.filter((session) => now - session.startedAt >= policy.days * DAY_MS).map((session) => session.id);
  }
}

/**
 * Deletes the audio that is due, in one transaction; run at start-up and daily.
 * Audio whose session no longer exists is deleted too: nothing can approve it any more.
 */
export async function applyAudioRetention(database: IntervjuDatabase, now: number): Promise<DeletionReceipt> {
  const counts = zeroCounts();
  const stores = [STORE.project, STORE.sessions, STORE.audio, STORE.speech];
  const dueIds = await runTransaction(database, stores, 'readwrite', async (transaction) => {
    const project = (await transaction.objectStore(STORE.project).get(SINGLE_RECORD_KEY)) ?? null;
    const sessionStore = transaction.objectStore(STORE.sessions);
    const sessions = await sessionStore.getAll();
    const known = new Set(sessions.map((session) => session.id));
    const audio = transaction.objectStore(STORE.audio);
    // Walk index keys only: loading the chunks themselves would pull every recording into memory.
    const orphaned: string[] = [];
    const speech = transaction.objectStore(STORE.speech);
    for (const index of [audio.index('bySession'), speech.index('bySession')]) {
      let cursor = await index.openKeyCursor(null, 'nextunique');
      while (cursor) {
        if (!known.has(cursor.key)) orphaned.push(cursor.key);
        cursor = await cursor.continue();
      }
    }
    const due = [...new Set([...audioDue(project, sessions, now), ...orphaned])];
    const deleted = await deleteAudioOfSessions({ audio, speech }, due);
    counts.audio = deleted.audio;
    counts.speech = deleted.speech;
    for (const session of sessions) {
      if (due.includes(session.id) && session.hasAudio) await sessionStore.put({ ...session, hasAudio: false });
    }
    return due;
  });
  const remaining = await runTransaction(database, [STORE.audio, STORE.speech], 'readonly', async (transaction) => {
    const found = zeroCounts();
    for (const id of dueIds) {
      found.audio += await transaction.objectStore(STORE.audio).index('bySession').count(id);
      found.speech += await transaction.objectStore(STORE.speech).index('bySession').count(id);
    }
    return nonZero(found);
  });
  return { at: now, participantPseudonym: null, counts, verified: Object.keys(remaining).length === 0, remaining };
}
