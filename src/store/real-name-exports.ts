/**
 * Exports are pseudonymised by default; exporting with real names is a choice
 * the researcher makes explicitly, and it is logged on each session it covers:
 * when and which format, nothing of the content (docs/pseudonymisation.md).
 * The log is part of the session record, so it goes with the session on
 * withdrawal or project end and travels in backups.
 */
import { runTransaction } from './database';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import { RecordStateError } from './errors';
import type { RealNameExport, Session } from './records';
import { STORE, type IntervjuDatabase } from './schema';

/** Logs one export with real names on every session in it, in one transaction; returns the entry. */
export async function logRealNameExport(
  database: IntervjuDatabase,
  sessionIds: readonly string[],
  format: string,
  environment?: StoreEnvironment,
): Promise<RealNameExport> {
  const entry: RealNameExport = { at: resolveEnvironment(environment).now(), format };
  await runTransaction(database, [STORE.sessions], 'readwrite', async (transaction) => {
    const sessions = transaction.objectStore(STORE.sessions);
    for (const id of sessionIds) {
      const session = await sessions.get(id);
      if (!session) throw new RecordStateError(`Session ${id} does not exist.`);
      // The revision counts every change to the record (records.ts), this one too.
      await sessions.put({ ...session, realNameExports: [...(session.realNameExports ?? []), entry], revision: (session.revision ?? 0) + 1 });
    }
  });
  return entry;
}

/** The logged exports with real names of a session, oldest first. */
export function realNameExportsOf(session: Session): RealNameExport[] {
  return [...(session.realNameExports ?? [])].sort((left, right) => left.at - right.at);
}
