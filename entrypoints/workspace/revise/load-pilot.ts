import type { CoverageEvent } from '../../../src/coverage';
import type { Guide } from '../../../src/guide';
import { pilotTimings, topicTimeline, type PilotTimings, type TopicTouch } from '../../../src/rehearsal';
import {
  getGuide,
  getLatestGuide,
  getSession,
  listCoverage,
  listNotes,
  listSegments,
  listSessions,
  type IntervjuDatabase,
  type Note,
  type Segment,
  type Session,
  type Vault,
} from '../../../src/store';

/** Everything the revise view reads about one pilot. */
export interface LoadedPilot {
  session: Session;
  /** The version the pilot rehearsed. */
  rehearsed: Guide;
  /** The newest version of that guide: the next version is made from it. */
  latest: Guide;
  notes: Note[];
  events: CoverageEvent[];
  segments: Segment[];
  timeline: TopicTouch[];
  timings: PilotTimings;
}

export type PilotLoad = { ok: true; pilot: LoadedPilot } | { ok: false; reason: 'missing' | 'not-pilot' | 'no-guide' };

/** Reads a pilot with its guide, notes, marks and transcript, and times it. */
export async function loadPilot(db: IntervjuDatabase, vault: Vault, sessionId: string): Promise<PilotLoad> {
  const session = await getSession(db, sessionId);
  if (!session) return { ok: false, reason: 'missing' };
  if (session.kind !== 'pilot') return { ok: false, reason: 'not-pilot' };
  const rehearsed = await getGuide(db, session.guideId, session.guideVersion);
  const latest = await getLatestGuide(db, session.guideId);
  if (!rehearsed || !latest) return { ok: false, reason: 'no-guide' };
  const [notes, events, segments] = await Promise.all([listNotes(db, vault, session.id), listCoverage(db, session.id), listSegments(db, vault, session.id)]);
  const timeline = topicTimeline(rehearsed, session, events, segments);
  return { ok: true, pilot: { session, rehearsed, latest, notes, events, segments, timeline, timings: pilotTimings(rehearsed, session, timeline) } };
}

/** The finished pilots of a guide (any version), newest first. */
export async function pilotsOfGuide(db: IntervjuDatabase, guideId: string): Promise<Session[]> {
  return (await listSessions(db))
    .filter((session) => session.kind === 'pilot' && session.guideId === guideId && session.status !== 'active')
    .sort((a, b) => b.startedAt - a.startedAt);
}

/** The timings of every finished pilot of a guide, for its expected duration. */
export async function pilotTimingsOfGuide(db: IntervjuDatabase, vault: Vault, guideId: string): Promise<PilotTimings[]> {
  const timings: PilotTimings[] = [];
  for (const session of await pilotsOfGuide(db, guideId)) {
    const loaded = await loadPilot(db, vault, session.id);
    if (loaded.ok) timings.push(loaded.pilot.timings);
  }
  return timings;
}
