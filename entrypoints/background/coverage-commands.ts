import { applyCoverageCommand, type CoverageCommand } from '../../src/coverage';
import { broadcastStoreChange, sendPanelChange, sendSessionUpdated } from '../../src/messages';
import { getGuide, getSession, getSetting, recordCoverage, updateSession, type IntervjuDatabase } from '../../src/store';

/** Applies a keyboard command to the running session, if there is one. */
export async function runCoverageCommand(db: IntervjuDatabase, command: CoverageCommand, now = Date.now()): Promise<void> {
  const sessionId = await getSetting(db, 'activeSessionId');
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
