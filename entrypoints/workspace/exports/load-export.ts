/** Reads what an export holds from the store: the sessions of a scope, decrypted, with their guide, notes and marks. */
import {
  bundleStem,
  sessionsInScope,
  type ExportLocale,
  type ExportScope,
  type ExportSession,
} from '../../../src/export';
import type { Guide } from '../../../src/guide';
import {
  getGuide,
  getProject,
  listCoverage,
  listNotes,
  listParticipants,
  listSegments,
  listSessions,
  type IntervjuDatabase,
  type Session,
  type Vault,
} from '../../../src/store';

/** Stands in for the guide of a session made without one (an imported recording): no questions to code. */
function noGuide(session: Session): Guide {
  return { id: '', version: 0, parentVersion: null, changeNote: '', title: '', plannedMinutes: 0, intro: [], sections: [], createdAt: new Date(session.startedAt).toISOString() };
}

/** The sessions a scope covers (clear metadata only: nothing is decrypted). */
export async function scopeSessions(db: IntervjuDatabase, scope: ExportScope): Promise<Session[]> {
  return sessionsInScope(await listSessions(db), scope);
}

export interface LoadedExport {
  inputs: ExportSession[];
  /** File name (without extension) of an export of several sessions. */
  stem: string;
  /** The .qdpx project's name. */
  projectName: string;
}

/** Everything the exporters need for the scope's sessions, segments as stored (edited text included). */
export async function loadExport(db: IntervjuDatabase, vault: Vault, scope: ExportScope, locale: ExportLocale): Promise<LoadedExport> {
  const sessions = await scopeSessions(db, scope);
  const participants = new Map((await listParticipants(db)).map((participant) => [participant.id, participant]));
  const projectTitle = (await getProject(db))?.title.trim() || 'Intervju';
  const inputs = await Promise.all(
    sessions.map(async (session) => ({
      session,
      participant: session.participantId === null ? null : (participants.get(session.participantId) ?? null),
      guide: (session.guideId === '' ? null : await getGuide(db, session.guideId, session.guideVersion)) ?? noGuide(session),
      segments: await listSegments(db, vault, session.id),
      notes: await listNotes(db, vault, session.id),
      coverage: await listCoverage(db, session.id),
      locale,
    })),
  );
  const owner = scope.kind === 'participant' ? participants.get(scope.participantId)?.pseudonym : undefined;
  return { inputs, stem: bundleStem(owner ?? projectTitle, locale), projectName: owner ? `${projectTitle}: ${owner}` : projectTitle };
}
