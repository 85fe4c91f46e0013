/**
 * Stores an imported transcript as a session of kind `import`: its segments
 * encrypted like a recorded interview's, its coverage suggested the way a live
 * call's is (kept with the session as pending suggestions for the researcher to
 * confirm or dismiss; marked at once, `source: 'suggested'`, only when
 * auto-marking is on), and the session ended over the transcript's length. If
 * storing fails part-way, the session is removed again (with a participant made
 * for it), so a half import never looks like a whole one.
 */
import { autoMarked, suggestionEvent, type CoverageSuggestion } from '../coverage';
import type { Guide } from '../guide';
import {
  createParticipant,
  createSession,
  discardSession,
  getSetting,
  recordCoverage,
  saveSegments,
  updateSession,
  updateSessionSuggestions,
  type IntervjuDatabase,
  type Session,
  type SessionPlatform,
  type StoreEnvironment,
  type Vault,
} from '../store';
import { suggestImportedCoverage } from './coverage-suggestions';
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
  suggestions: CoverageSuggestion[];
  /** True when auto-marking was on, so the suggestions were marked at once. */
  autoMarked: boolean;
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
    const newId = environment?.idSource ?? (() => crypto.randomUUID());
    const segments = turnsToSegments(request.turns, request.roles, session.id, newId);
    await saveSegments(database, vault, segments);
    const proposed = request.guide ? suggestImportedCoverage(request.guide, segments, { startedAt: session.startedAt, newId }) : [];
    const autoMark = await getSetting(database, 'autoMarkSuggestions');
    const made = autoMark ? autoMarked(proposed, Date.now()) : proposed;
    if (made.length > 0) await updateSessionSuggestions(database, session.id, (known) => [...known, ...made]);
    // With auto-marking on, each becomes a mark at the moment of the interview it was made for.
    if (autoMark) for (const suggestion of made) await recordCoverage(database, suggestionEvent(suggestion, session.id, suggestion.time, 'suggested'), environment);
    const lastEnd = segments.reduce((latest, segment) => Math.max(latest, segment.end), 0);
    session = await updateSession(database, session.id, { status: 'ended', endedAt: session.startedAt + Math.round(lastEnd * 1000) });
    return { session, segmentCount: segments.length, suggestions: made, autoMarked: autoMark, participantCreated: participant !== null };
  } catch (cause) {
    await discardSession(database, session.id);
    throw cause;
  }
}
