import { describe, expect, it } from 'vitest';
import { createSession, getSession, updateSession } from './sessions';
import { openTestDatabase, testEnvironment } from './test-support';

async function started(currentItemId: string | null = 'q1') {
  const { database } = await openTestDatabase();
  const environment = testEnvironment(1_000_000);
  const session = await createSession(
    database,
    { kind: 'interview', participantId: null, guideId: 'g', guideVersion: 1, platform: 'zoom', language: 'nb', startedAt: 500_000, currentItemId },
    environment,
  );
  return { database, environment, session };
}

describe("the log of when a session's current question changed", () => {
  it('starts with the first question at the start, and adds each change while the session runs', async () => {
    const { database, environment, session } = await started();
    expect(session.currentChanges).toEqual([{ itemId: 'q1', at: 500_000 }]);
    await updateSession(database, session.id, { currentItemId: 'q2' }, environment);
    await updateSession(database, session.id, { currentItemId: 'q2-p1' }, environment);
    expect((await getSession(database, session.id))?.currentChanges).toEqual([
      { itemId: 'q1', at: 500_000 },
      { itemId: 'q2', at: 1_001_000 },
      { itemId: 'q2-p1', at: 1_002_000 },
    ]);
  });

  it('logs nothing when the item stays, is cleared, or is set after the session ended', async () => {
    const { database, environment, session } = await started();
    await updateSession(database, session.id, { currentItemId: 'q1', consentChecked: ['c1'] }, environment);
    await updateSession(database, session.id, { currentItemId: null }, environment);
    await updateSession(database, session.id, { status: 'ended', endedAt: 2_000_000 }, environment);
    await updateSession(database, session.id, { currentItemId: 'q3' }, environment);
    const stored = await getSession(database, session.id);
    expect(stored?.currentItemId).toBe('q3');
    expect(stored?.currentChanges).toEqual([{ itemId: 'q1', at: 500_000 }]);
  });

  it('is absent on a session that started without a current question (an import) until one becomes current', async () => {
    const { database, environment, session } = await started(null);
    expect(session.currentChanges).toBeUndefined();
    await updateSession(database, session.id, { endedAt: 3 }, environment);
    expect((await getSession(database, session.id))?.currentChanges).toBeUndefined();
  });
});
