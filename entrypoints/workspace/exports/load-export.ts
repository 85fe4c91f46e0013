/** Reads what an export holds from the store: the sessions of a scope, decrypted, with their guide, notes and marks. */
import {
  bundleStem,
  sessionsInScope,
  type ExportLocale,
  type ExportScope,
  type ExportSession,
  type QdpxAudio,
} from '../../../src/export';
import type { Guide } from '../../../src/guide';
import { audioRuns } from '../../../src/transcript-editing';
import {
  getGuide,
  getProject,
  listAudioMetadata,
  listCoverage,
  listNotes,
  listParticipants,
  listSegments,
  listSessions,
  readAudioChunks,
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

/** Chunks decrypted per read, so a long recording never sits in memory twice over while it is joined. */
const AUDIO_BATCH = 64;

/**
 * The sessions' stored audio, decrypted in memory into one file per recording
 * and channel, for a .qdpx the researcher chose to export with the audio. Only
 * into the export: nothing is written anywhere but the file the browser saves.
 * Sessions whose audio is gone (the project's policy deleted it) have none.
 */
export async function loadExportAudio(db: IntervjuDatabase, vault: Vault, sessionIds: readonly string[]): Promise<Record<string, QdpxAudio[]>> {
  const audio: Record<string, QdpxAudio[]> = {};
  for (const sessionId of sessionIds) {
    const recordings: QdpxAudio[] = [];
    for (const run of audioRuns(await listAudioMetadata(db, sessionId))) {
      const parts: Uint8Array[] = [];
      for (let first = 0; first < run.chunkIds.length; first += AUDIO_BATCH) {
        const chunks = await readAudioChunks(db, vault, run.chunkIds.slice(first, first + AUDIO_BATCH));
        for (const chunk of chunks) if (chunk) parts.push(chunk.bytes);
      }
      const bytes = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
      let offset = 0;
      for (const part of parts) {
        bytes.set(part, offset);
        offset += part.length;
      }
      recordings.push({ channel: run.channel, run, bytes });
    }
    if (recordings.length > 0) audio[sessionId] = recordings;
  }
  return audio;
}
