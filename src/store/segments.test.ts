import { describe, expect, it } from 'vitest';
import { ReviewedSegmentError } from './errors';
import type { Segment } from './records';
import { STORE } from './schema';
import { listSegments, saveSegment, saveSegments, saveTranscribedSegment } from './segments';
import { createSession, getSession } from './sessions';
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

function segment(sessionId: string, overrides: Partial<Segment> = {}): Segment {
  return {
    id: 'seg-1',
    sessionId,
    channel: 'participant',
    start: 1,
    end: 3,
    text: 'Jeg bodde i [uklart] da.',
    words: [{ text: 'Jeg', start: 1, end: 1.2, probability: 0.9 }],
    unclear: [{ start: 2, end: 2.4, guess: null }],
    source: 'live',
    ...overrides,
  };
}

describe('edited segments are never overwritten by a transcription', () => {
  it('keeps the researcher’s edit when the live recording saves the same segment again', async () => {
    const { database, vault, sessionId } = await setUp();
    const machine = segment(sessionId);
    await saveSegment(database, vault, machine);
    const edited: Segment = {
      ...machine,
      text: 'Jeg bodde i Bergen da.',
      unclear: [],
      source: 'edited',
      original: { text: machine.text, words: machine.words, unclear: machine.unclear, channel: machine.channel },
    };
    await saveSegments(database, vault, [edited]);

    await expect(saveSegment(database, vault, machine)).rejects.toBeInstanceOf(ReviewedSegmentError);
    expect(await saveTranscribedSegment(database, vault, { ...machine, text: 'Noe annet' })).toBeNull();
    await expect(saveSegments(database, vault, [machine])).rejects.toBeInstanceOf(ReviewedSegmentError);

    const [stored] = await listSegments(database, vault, sessionId);
    expect(stored?.text).toBe('Jeg bodde i Bergen da.');
    expect(stored?.original?.text).toBe('Jeg bodde i [uklart] da.');
  });

  it('keeps a checked segment too, and lets the researcher’s own saves replace it', async () => {
    const { database, vault, sessionId } = await setUp();
    await saveSegment(database, vault, { ...segment(sessionId), checked: true });
    expect(await saveTranscribedSegment(database, vault, { ...segment(sessionId), text: 'Maskin' })).toBeNull();
    await saveSegments(database, vault, [{ ...segment(sessionId), text: 'Rettet', source: 'edited', checked: true }]);
    const [stored] = await listSegments(database, vault, sessionId);
    expect(stored?.text).toBe('Rettet');
    expect(stored?.checked).toBe(true);
  });

  it('lets a transcription replace a segment nobody touched, and bumps the session revision on every save', async () => {
    const { database, vault, sessionId } = await setUp();
    await saveTranscribedSegment(database, vault, segment(sessionId));
    const revision = await saveTranscribedSegment(database, vault, { ...segment(sessionId), text: 'Andre gang' });
    expect((await listSegments(database, vault, sessionId))[0]?.text).toBe('Andre gang');
    const after = await saveSegments(database, vault, [{ ...segment(sessionId, { id: 'seg-2' }), source: 'edited' }], ['seg-1']);
    expect(after).toBe((revision ?? 0) + 1);
    expect((await getSession(database, sessionId))?.revision).toBe(after);
    expect((await listSegments(database, vault, sessionId)).map((stored) => stored.id)).toEqual(['seg-2']);
  });

  it('marks reviewed segments in clear with no more than that, and stores untouched ones as before', async () => {
    const { database, vault, sessionId } = await setUp();
    await saveSegment(database, vault, segment(sessionId));
    await saveSegment(database, vault, { ...segment(sessionId, { id: 'seg-2' }), source: 'edited' });
    const untouched = await database.get(STORE.segments, 'seg-1');
    const edited = await database.get(STORE.segments, 'seg-2');
    expect(untouched && 'reviewed' in untouched).toBe(false);
    expect(edited?.reviewed).toBe(true);
    expect(Object.keys(edited ?? {}).sort()).toEqual(['channel', 'end', 'id', 'payload', 'reviewed', 'sessionId', 'start']);
  });
});
