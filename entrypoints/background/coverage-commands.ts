import { applyCoverageCommand, currentAfterMark, type CoverageCommand, type CoverageEvent } from '../../src/coverage';
import type { Guide } from '../../src/guide';
import { broadcastStoreChange, sendPanelChange, sendSessionUpdated } from '../../src/messages';
import { getGuide, getSession, getSetting, recordCoverage, updateSession, type IntervjuDatabase } from '../../src/store';

/**
 * Records a mark (by hand, confirmed or auto-marked), tells the panels, and moves
 * the session's current question to what was marked (`currentAfterMark`), so
 * notes land there and its section's clock runs.
 */
export async function recordMark(db: IntervjuDatabase, guide: Guide, mark: Omit<CoverageEvent, 'id'>): Promise<void> {
  const { event, revision } = await recordCoverage(db, mark);
  if (revision !== null) sendPanelChange({ type: 'coverage.recorded', sessionId: mark.sessionId, revision, event });
  const session = await getSession(db, mark.sessionId);
  if (!session) return;
  const current = currentAfterMark(guide, session.currentItemId, event);
  if (current !== session.currentItemId) sendSessionUpdated(await updateSession(db, session.id, { currentItemId: current }));
}

/**
 * Applies a keyboard command to the running session, if there is one: the live
 * interview, or (`practiceSessionId`) the practice page's pilot.
 */
export async function runCoverageCommand(
  db: IntervjuDatabase,
  command: CoverageCommand,
  now = Date.now(),
  sessionSetting: 'activeSessionId' | 'practiceSessionId' = 'activeSessionId',
): Promise<void> {
  const sessionId = await getSetting(db, sessionSetting);
  const session = sessionId ? await getSession(db, sessionId) : undefined;
  if (!session || session.status !== 'active') return;
  const guide = await getGuide(db, session.guideId, session.guideVersion);
  if (!guide) return;
  const outcome = applyCoverageCommand(command, { guide, sessionId: session.id, currentItemId: session.currentItemId, now });
  if (outcome.event) {
    const { event, revision } = await recordCoverage(db, outcome.event);
    if (revision !== null) sendPanelChange({ type: 'coverage.recorded', sessionId: session.id, revision, event });
  }
  if (outcome.currentItemId !== session.currentItemId) {
    const updated = await updateSession(db, session.id, { currentItemId: outcome.currentItemId });
    sendSessionUpdated(updated);
  }
  broadcastStoreChange({ type: outcome.event ? 'coverage.changed' : 'session.changed', sessionId: session.id });
}
