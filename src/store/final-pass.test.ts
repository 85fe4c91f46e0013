import { describe, expect, it } from 'vitest';
import { FinalPassClosedError, FinalPassConflictError, readSegmentsWithStamps, storeFinalUtterance, updateFinalPass } from './final-pass';
import type { FinalPass, Segment } from './records';
import { listSegments, saveSegment } from './segments';
import { createSession, getSession, updateSession } from './sessions';
import { PASSPHRASE, TEST_ITERATIONS, openTestDatabase, testEnvironment } from './test-support';
import { initialiseVault } from './vault';

async function setUp() {
  const { database } = await openTestDatabase();
  const vault = await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS });
  const session = await createSession(
    database,
    { kind: 'interview', participantId: null, guideId: 'g', guideVersion: 1, platform: 'zoom', language: 'nb' },
    testEnvironment(),
  );
  return { database, vault, sessionId: session.id };
}

const segment = (sessionId: string, id: string, start: number, overrides: Partial<Segment> = {}): Segment => ({
  id,
  sessionId,
  channel: 'participant',
  start,
  end: start + 2,
  text: `Maskin ${id}.`,
  words: [],
  unclear: [],
  source: 'live',
  ...overrides,
});

const running: FinalPass = {
  state: 'running',
  model: 'final',
  totalSeconds: 10,
  doneSeconds: 0,
  runsDone: 0,
  channel: 'participant',
  doneUntil: 0,
  utterancesDone: 0,
  replaced: 0,
  readings: 0,
  requestedAt: 1,
  startedAt: 2,
  finishedAt: null,
};

describe('what the full-quality pass writes', () => {
  it('replaces old segments with the new one and records its progress in the same write', async () => {
    const { database, vault, sessionId } = await setUp();
    await saveSegment(database, vault, segment(sessionId, 'a', 0));
    await saveSegment(database, vault, segment(sessionId, 'b', 2));
    await updateFinalPass(database, sessionId, () => running);
    const { stamps } = await readSegmentsWithStamps(database, vault, sessionId);
    const before = (await getSession(database, sessionId))!.revision ?? 0;
    const written = await storeFinalUtterance(database, vault, {
      sessionId,
      insert: segment(sessionId, 'new', 0, { end: 4, text: 'Bedre lest.' }),
      deleteIds: ['a', 'b'],
      readings: [],
      stamps,
      progress: (pass) => (pass ? { ...pass, doneUntil: 4, utterancesDone: 1, replaced: 1 } : null),
    });
    expect((await listSegments(database, vault, sessionId)).map((stored) => stored.text)).toEqual(['Bedre lest.']);
    expect(written.session?.finalPass).toMatchObject({ doneUntil: 4, utterancesDone: 1 });
    expect(written.session?.revision).toBe(before + 1);
  });

  it('keeps the reading beside a segment, and writes nothing when that segment changed since it was read', async () => {
    const { database, vault, sessionId } = await setUp();
    const theirs = segment(sessionId, 'a', 0, { source: 'edited', text: 'Forskerens tekst.' });
    await saveSegment(database, vault, theirs);
    await updateFinalPass(database, sessionId, () => running);
    const { stamps } = await readSegmentsWithStamps(database, vault, sessionId);
    // The researcher edits it again between the pass's read and its write.
    await saveSegment(database, vault, { ...theirs, text: 'Forskerens nye tekst.' });
    const reading = { text: 'Bedre lest.', words: [], unclear: [], model: 'final' };
    await expect(
      storeFinalUtterance(database, vault, { sessionId, insert: null, deleteIds: [], readings: [{ ...theirs, finalReading: reading }], stamps, progress: (pass) => pass ?? null }),
    ).rejects.toBeInstanceOf(FinalPassConflictError);
    expect((await listSegments(database, vault, sessionId))[0]).toMatchObject({ text: 'Forskerens nye tekst.' });
    expect((await getSession(database, sessionId))!.finalPass?.utterancesDone).toBe(0);

    const again = await readSegmentsWithStamps(database, vault, sessionId);
    const current = again.segments[0]!;
    await storeFinalUtterance(database, vault, { sessionId, insert: null, deleteIds: [], readings: [{ ...current, finalReading: reading }], stamps: again.stamps, progress: (pass) => pass ?? null });
    expect((await listSegments(database, vault, sessionId))[0]).toMatchObject({ text: 'Forskerens nye tekst.', source: 'edited', finalReading: reading });
  });

  it('changes nothing in a transcript approved while it ran', async () => {
    const { database, vault, sessionId } = await setUp();
    await saveSegment(database, vault, segment(sessionId, 'a', 0));
    await updateFinalPass(database, sessionId, () => running);
    const { stamps } = await readSegmentsWithStamps(database, vault, sessionId);
    await updateSession(database, sessionId, { status: 'approved' });
    await expect(
      storeFinalUtterance(database, vault, { sessionId, insert: segment(sessionId, 'new', 0), deleteIds: ['a'], readings: [], stamps, progress: (pass) => pass ?? null }),
    ).rejects.toBeInstanceOf(FinalPassClosedError);
    expect((await listSegments(database, vault, sessionId)).map((stored) => stored.id)).toEqual(['a']);
  });
});
