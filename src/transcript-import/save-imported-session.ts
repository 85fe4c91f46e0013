/**
 * Stores an imported transcript as a session of kind `import`: its segments
 * encrypted like a recorded interview's, its coverage suggested (never marked
 * as done: `source: 'suggested'` waits for the researcher's confirmation), and
 * the session ended over the transcript's length. If storing fails part-way, the
 * session is removed again (with a participant made for it), so a half import
 * never looks like a whole one.
 */
import type { Guide } from '../guide';
import {
  createParticipant,
  createSession,
  discardSession,
  recordCoverage,
  saveSegments,
  updateSession,
  type IntervjuDatabase,
  type Session,
  type SessionPlatform,
  type StoreEnvironment,
  type Vault,
} from '../store';
import { suggestImportedCoverage, type ImportSuggestion } from './coverage-suggestions';
import type { TranscriptTurn } from './model';
import { turnsToSegments, type SpeakerRole } from './speaker-roles';

/** Whose interview it is: a participant already in the project, a new pseudonym, or none (a pilot, or not yet known). */
export type ImportParticipant = { kind: 'existing'; participantId: string } | { kind: 'new'; pseudonym: string } | { kind: 'none' };

export interface TranscriptImportRequest {
  turns: readonly TranscriptTurn[];
  roles: ReadonlyMap<string, SpeakerRole>;
  participant: ImportParticipant;
  /** The guide version the interview followed; its questions are matched against the transcript. */
  guide: Guide | null;
  platform: SessionPlatform;
  /** The interview's language, as the session records it. */
  language: string;
  /** When the interview took place (ms since epoch); default now. */
  startedAt?: number;
}

export interface TranscriptImportResult {
  session: Session;
  segmentCount: number;
  suggestions: ImportSuggestion[];
  /** True when a participant was made for this import. */
  participantCreated: boolean;
}

/** Stores the transcript as an ended `import` session; see the module comment. */
export async function saveImportedTranscript(
  database: IntervjuDatabase,
  vault: Vault,
  request: TranscriptImportRequest,
  environment?: StoreEnvironment,
): Promise<TranscriptImportResult> {
  const participant =
    request.participant.kind === 'new' ? await createParticipant(database, { pseudonym: request.participant.pseudonym }, environment) : null;
  const participantId = participant?.id ?? (request.participant.kind === 'existing' ? request.participant.participantId : null);
  let session = await createSession(
    database,
    {
      kind: 'import',
      participantId,
      guideId: request.guide?.id ?? '',
      guideVersion: request.guide?.version ?? 0,
      platform: request.platform,
      language: request.language,
      ...(request.startedAt === undefined ? {} : { startedAt: request.startedAt }),
    },
    environment,
  );
  try {
    let next = 0;
    const idSource = environment?.idSource ?? (() => `${session.id}-segment-${(next += 1)}`);
    const segments = turnsToSegments(request.turns, request.roles, session.id, idSource);
    await saveSegments(database, vault, segments);
    const suggestions = request.guide ? suggestImportedCoverage(request.guide, segments) : [];
    for (const suggestion of suggestions) {
      await recordCoverage(
        database,
        {
          sessionId: session.id,
          itemId: suggestion.itemId,
          itemKind: suggestion.itemKind,
          state: suggestion.state,
          time: session.startedAt + Math.round(suggestion.at * 1000),
          source: 'suggested',
        },
        environment,
      );
    }
    const lastEnd = segments.reduce((latest, segment) => Math.max(latest, segment.end), 0);
    session = await updateSession(database, session.id, { status: 'ended', endedAt: session.startedAt + Math.round(lastEnd * 1000) });
    return { session, segmentCount: segments.length, suggestions, participantCreated: participant !== null };
  } catch (cause) {
    await discardSession(database, session.id);
    throw cause;
  }
}
