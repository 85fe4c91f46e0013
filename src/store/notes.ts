/** Time-stamped interviewer notes, encrypted (a note may quote or describe the participant). */
import { runTransaction } from './database';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import type { Note } from './records';
import { STORE, type IntervjuDatabase } from './schema';
import { openNote, sealNote } from './sealed-records';
import { bumpSessionRevision } from './sessions';
import type { Vault } from './vault';

export interface NewNote {
  sessionId: string;
  text: string;
  /** Defaults to now. */
  time?: number;
  questionId?: string | null;
  reviseGuide?: boolean;
}

/** Encrypts and stores a note; returns it with the session's revision after the change. */
export async function addNote(
  database: IntervjuDatabase,
  vault: Vault,
  input: NewNote,
  environment?: StoreEnvironment,
): Promise<{ note: Note; revision: number | null }> {
  const { now, idSource } = resolveEnvironment(environment);
  const note: Note = {
    id: idSource(),
    sessionId: input.sessionId,
    time: input.time ?? now(),
    text: input.text,
    questionId: input.questionId ?? null,
    reviseGuide: input.reviseGuide ?? false,
  };
  return { note, revision: await saveNote(database, vault, note) };
}

/** Encrypts and stores a note, replacing one with the same id (for edits); returns the session's revision. */
export async function saveNote(database: IntervjuDatabase, vault: Vault, note: Note): Promise<number | null> {
  const sealed = await sealNote(vault, note);
  return runTransaction(database, [STORE.notes, STORE.sessions], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.notes).put(sealed);
    return bumpSessionRevision(transaction.objectStore(STORE.sessions), note.sessionId);
  });
}

/** A session's notes, decrypted, in time order. */
export async function listNotes(database: IntervjuDatabase, vault: Vault, sessionId: string): Promise<Note[]> {
  const stored = await database.getAllFromIndex(STORE.notes, 'bySession', sessionId);
  stored.sort((left, right) => left.time - right.time);
  return Promise.all(stored.map((record) => openNote(vault, record)));
}

/** Deletes one note. */
export async function deleteNote(database: IntervjuDatabase, id: string): Promise<void> {
  await runTransaction(database, [STORE.notes], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.notes).delete(id);
  });
}
