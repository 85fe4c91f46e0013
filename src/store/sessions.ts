/** Interview, pilot and import sessions. Metadata only, in clear: what was said lives in segments. */
import { deleteAudioOfSessions } from './audio';
import { runTransaction } from './database';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import { RecordStateError } from './errors';
import type { CoverageSuggestion } from '../coverage/suggestions';
import type { Session, SessionProblem } from './records';
import { SINGLE_RECORD_KEY, STORE, type IntervjuDatabase } from './schema';

const SESSION_STORES = [STORE.segments, STORE.notes, STORE.coverage, STORE.audio, STORE.speech, STORE.quotes] as const;

export type NewSession = Pick<Session, 'kind' | 'participantId' | 'guideId' | 'guideVersion' | 'platform' | 'language'> &
  Partial<Pick<Session, 'startedAt' | 'currentItemId' | 'hasAudio'>>;

/** The record with its revision bumped: every write a panel shows goes through here. */
const revised = (session: Session): Session => ({ ...session, revision: (session.revision ?? 0) + 1 });

/** The sessions store inside a write transaction, as the revision helper needs it. */
interface SessionWriter {
  get(id: string): Promise<Session | undefined>;
  put(value: Session): Promise<unknown>;
}

/**
 * Bumps the session's revision inside the caller's write transaction (which must
 * include the sessions store) and returns the new one: every change a panel shows
 * is numbered in the order it committed, whichever extension context wrote it.
 * Null when the session does not exist (a write for a deleted session).
 */
export async function bumpSessionRevision(sessions: SessionWriter, sessionId: string): Promise<number | null> {
  const current = await sessions.get(sessionId);
  if (!current) return null;
  const updated = revised(current);
  await sessions.put(updated);
  return updated.revision ?? null;
}

/**
 * The record with `currentItemId` set, and the change logged in `currentChanges`
 * when it is a change to a question or probe while the session runs (what the view's
 * headings and the exports' coding are placed by). Clearing it, or setting it on a
 * session that has ended, logs nothing: no question came up then.
 */
export function withCurrentItem(session: Session, itemId: string | null, at: number): Session {
  if (itemId === session.currentItemId) return session;
  const changed = { ...session, currentItemId: itemId };
  if (itemId === null || session.status !== 'active') return changed;
  return { ...changed, currentChanges: [...(session.currentChanges ?? []), { itemId, at }] };
}

/** Starts a session (status `active`, started now unless given). A pilot has no participant: it is practice, not research data. */
export async function createSession(database: IntervjuDatabase, input: NewSession, environment?: StoreEnvironment): Promise<Session> {
  const { now, idSource } = resolveEnvironment(environment);
  const session: Session = {
    id: idSource(),
    kind: input.kind,
    participantId: input.participantId,
    guideId: input.guideId,
    guideVersion: input.guideVersion,
    platform: input.platform,
    startedAt: input.startedAt ?? now(),
    endedAt: null,
    status: 'active',
    currentItemId: input.currentItemId ?? null,
    language: input.language,
    hasAudio: input.hasAudio ?? false,
    consentChecked: [],
    // The question it starts on became current when it began.
    ...(input.currentItemId ? { currentChanges: [{ itemId: input.currentItemId, at: input.startedAt ?? now() }] } : {}),
  };
  if (session.kind === 'pilot' && session.participantId !== null) throw new RecordStateError('A pilot has no participant.');
  await runTransaction(database, [STORE.sessions, STORE.participants], 'readwrite', async (transaction) => {
    if (session.participantId !== null && !(await transaction.objectStore(STORE.participants).get(session.participantId))) {
      throw new RecordStateError(`Participant ${session.participantId} does not exist.`);
    }
    await transaction.objectStore(STORE.sessions).add(session);
  });
  return session;
}

/** One session, or null. */
export async function getSession(database: IntervjuDatabase, id: string): Promise<Session | null> {
  return (await database.get(STORE.sessions, id)) ?? null;
}

/** All sessions, newest first. */
export async function listSessions(database: IntervjuDatabase): Promise<Session[]> {
  return (await database.getAll(STORE.sessions)).sort((left, right) => right.startedAt - left.startedAt);
}

/**
 * Changes fields of a session; returns the updated record. A new `currentItemId`
 * is logged in `currentChanges` (see `withCurrentItem`), which callers never set.
 */
export async function updateSession(
  database: IntervjuDatabase,
  id: string,
  patch: Partial<Omit<Session, 'id' | 'currentChanges'>>,
  environment?: StoreEnvironment,
): Promise<Session> {
  const { now } = resolveEnvironment(environment);
  return runTransaction(database, [STORE.sessions], 'readwrite', async (transaction) => {
    const store = transaction.objectStore(STORE.sessions);
    const current = await store.get(id);
    if (!current) throw new RecordStateError(`Session ${id} does not exist.`);
    const { currentItemId, ...rest } = patch;
    const moved = currentItemId === undefined ? current : withCurrentItem(current, currentItemId, now());
    const updated = revised({ ...moved, ...rest, id });
    await store.put(updated);
    return updated;
  });
}

/**
 * Changes a session's suggestions (`Session.suggestions`) in one transaction:
 * `change` gets the list as stored and returns the new one, or null to leave the
 * session as it is. Returns the updated session, or null when nothing changed.
 * `change` runs inside the transaction, so it must not await anything: two
 * panels deciding the same suggestion, or two utterances suggesting the same
 * item, then see each other's result.
 */
export async function updateSessionSuggestions(
  database: IntervjuDatabase,
  id: string,
  change: (suggestions: readonly CoverageSuggestion[], session: Session) => CoverageSuggestion[] | null,
): Promise<Session | null> {
  return runTransaction(database, [STORE.sessions], 'readwrite', async (transaction) => {
    const store = transaction.objectStore(STORE.sessions);
    const current = await store.get(id);
    if (!current) return null;
    const suggestions = change(current.suggestions ?? [], current);
    if (suggestions === null) return null;
    const updated = revised({ ...current, suggestions });
    await store.put(updated);
    return updated;
  });
}

/**
 * Keeps a problem with the session (see `Session.problems`). The same kind is kept
 * once per recording start unless it carries its own times (`untranscribed`).
 */
export async function addSessionProblem(database: IntervjuDatabase, id: string, problem: SessionProblem): Promise<Session> {
  return runTransaction(database, [STORE.sessions], 'readwrite', async (transaction) => {
    const store = transaction.objectStore(STORE.sessions);
    const current = await store.get(id);
    if (!current) throw new RecordStateError(`Session ${id} does not exist.`);
    const problems = current.problems ?? [];
    const repeated = problem.kind !== 'untranscribed' && problems.some((known) => known.kind === problem.kind && known.at >= (current.recordingStartedAt ?? 0));
    if (repeated) return current;
    const updated = revised({ ...current, problems: [...problems, problem] });
    await store.put(updated);
    return updated;
  });
}

/**
 * Sessions still marked `active`. Called at start-up: if no recording is running,
 * these were cut off by a browser or extension restart and should be offered for recovery.
 */
export async function findInterruptedSessions(database: IntervjuDatabase): Promise<Session[]> {
  return database.getAllFromIndex(STORE.sessions, 'byStatus', 'active');
}

/**
 * Marks a session's transcript approved. Under the `delete-on-approval` and
 * `no-audio` policies its audio is deleted in the same transaction, so an
 * approved session never keeps a recording the ethics approval says must go.
 */
export async function approveSession(database: IntervjuDatabase, id: string, environment?: StoreEnvironment): Promise<Session> {
  const { now } = resolveEnvironment(environment);
  return runTransaction(database, [STORE.sessions, STORE.audio, STORE.speech, STORE.project], 'readwrite', async (transaction) => {
    const sessions = transaction.objectStore(STORE.sessions);
    const current = await sessions.get(id);
    if (!current) throw new RecordStateError(`Session ${id} does not exist.`);
    const project = await transaction.objectStore(STORE.project).get(SINGLE_RECORD_KEY);
    const policy = project?.audioPolicy.kind;
    const deleteAudio = policy === 'delete-on-approval' || policy === 'no-audio';
    if (deleteAudio) await deleteAudioOfSessions({ audio: transaction.objectStore(STORE.audio), speech: transaction.objectStore(STORE.speech) }, [id]);
    const updated: Session = {
      ...current,
      status: 'approved',
      endedAt: current.endedAt ?? now(),
      hasAudio: deleteAudio ? false : current.hasAudio,
    };
    await sessions.put(updated);
    return updated;
  });
}

/**
 * Records which consent items were ticked. When the checklist is complete, the
 * participant's consent time is set (once: the first complete consent counts).
 */
export async function recordConsent(
  database: IntervjuDatabase,
  sessionId: string,
  checkedItemIds: string[],
  complete: boolean,
  environment?: StoreEnvironment,
): Promise<Session> {
  const { now } = resolveEnvironment(environment);
  return runTransaction(database, [STORE.sessions, STORE.participants], 'readwrite', async (transaction) => {
    const sessions = transaction.objectStore(STORE.sessions);
    const current = await sessions.get(sessionId);
    if (!current) throw new RecordStateError(`Session ${sessionId} does not exist.`);
    const updated = revised({ ...current, consentChecked: [...new Set(checkedItemIds)] });
    await sessions.put(updated);
    if (complete && current.participantId !== null) {
      const participants = transaction.objectStore(STORE.participants);
      const participant = await participants.get(current.participantId);
      if (participant && participant.consentAt === null) await participants.put({ ...participant, consentAt: now() });
    }
    return updated;
  });
}

/**
 * Removes a session that holds nothing worth keeping (a file import cancelled or
 * failed before its first segment), with everything filed under it, and its
 * participant when no other session refers to them: an import made one for its
 * pseudonym, and a pseudonym with no interview would only puzzle the researcher.
 * One transaction, so nothing is left half removed.
 */
export async function discardSession(database: IntervjuDatabase, id: string): Promise<void> {
  const stores = [STORE.sessions, STORE.participants, STORE.settings, ...SESSION_STORES];
  await runTransaction(database, stores, 'readwrite', async (transaction) => {
    const sessions = transaction.objectStore(STORE.sessions);
    const session = await sessions.get(id);
    if (!session) return;
    for (const storeName of SESSION_STORES) {
      const store = transaction.objectStore(storeName);
      for (const key of await store.index('bySession').getAllKeys(id)) await store.delete(key);
    }
    await sessions.delete(id);
    if (session.participantId !== null && (await sessions.index('byParticipant').count(session.participantId)) === 0) {
      await transaction.objectStore(STORE.participants).delete(session.participantId);
    }
    const settings = transaction.objectStore(STORE.settings);
    if ((await settings.get('activeSessionId')) === id) await settings.put(null, 'activeSessionId');
    if ((await settings.get('practiceSessionId')) === id) await settings.put(null, 'practiceSessionId');
  });
}

/**
 * Deletes a pilot rehearsal with everything filed under it (transcript, notes,
 * marks, audio). Pilots are practice, not research data, so the researcher may
 * delete one at any time; any other kind of session is refused (those go through
 * withdrawal or the project's end).
 */
export async function deletePilot(database: IntervjuDatabase, id: string): Promise<void> {
  const session = await database.get(STORE.sessions, id);
  if (!session) return;
  if (session.kind !== 'pilot') throw new RecordStateError(`Session ${id} is not a pilot.`);
  await discardSession(database, id);
}
