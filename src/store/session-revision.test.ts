import { describe, expect, it } from 'vitest';
import { recordCoverage } from './coverage';
import { addNote } from './notes';
import { saveSegment } from './segments';
import { decideSuggestion, type CoverageSuggestion } from '../coverage';
import { addSessionProblem, createSession, getSession, recordConsent, updateSession, updateSessionSuggestions } from './sessions';
import type { Segment } from './records';
import { openTestDatabase, testEnvironment } from './test-support';
import { initialiseVault } from './vault';

async function setUp() {
  const { database } = await openTestDatabase();
  const environment = testEnvironment();
  const vault = await initialiseVault(database, 'korrekt hest batteri stift', { iterations: 1000 });
  const session = await createSession(
    database,
    { kind: 'pilot', participantId: null, guideId: 'g', guideVersion: 1, platform: 'zoom', language: 'no' },
    environment,
  );
  return { database, vault, session, environment };
}

describe("a session's revision numbers every change a panel shows, in commit order", () => {
  it('is bumped once by each segment, mark, note and session change, and returned to the writer', async () => {
    const { database, vault, session, environment } = await setUp();
    expect(session.revision).toBeUndefined();
    const segment: Segment = { id: 'x', sessionId: session.id, channel: 'participant', start: 1, end: 2, text: 'hei', words: [], unclear: [], source: 'live' };
    expect(await saveSegment(database, vault, segment)).toBe(1);
    const mark = await recordCoverage(database, { sessionId: session.id, itemId: 'q1', itemKind: 'question', state: 'asked', time: 5, source: 'manual' }, environment);
    expect(mark.revision).toBe(2);
    const note = await addNote(database, vault, { sessionId: session.id, text: 'notat' }, environment);
    expect(note.revision).toBe(3);
    expect((await updateSession(database, session.id, { currentItemId: 'q2' })).revision).toBe(4);
    expect((await recordConsent(database, session.id, ['a'], false, environment)).revision).toBe(5);
    expect((await getSession(database, session.id))?.revision).toBe(5);
  });

  it('gives concurrent writers distinct, increasing revisions', async () => {
    const { database, vault, session } = await setUp();
    const writes = Array.from({ length: 20 }, (_, index) =>
      saveSegment(database, vault, { id: `s${index}`, sessionId: session.id, channel: 'interviewer', start: index, end: index + 1, text: 't', words: [], unclear: [], source: 'live' }),
    );
    const revisions = await Promise.all(writes);
    expect([...revisions].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it('returns null for a write whose session is gone, so no panel is told', async () => {
    const { database, vault } = await setUp();
    expect(await saveSegment(database, vault, { id: 'y', sessionId: 'gone', channel: 'mixed', start: 0, end: 1, text: 't', words: [], unclear: [], source: 'live' })).toBeNull();
  });
});

describe('problems kept with a session', () => {
  it('keeps each kind once per recording, every untranscribed passage with its times', async () => {
    const { database, session } = await setUp();
    await updateSession(database, session.id, { recordingStartedAt: 1000 });
    await addSessionProblem(database, session.id, { kind: 'storage-full', at: 2000 });
    await addSessionProblem(database, session.id, { kind: 'storage-full', at: 3000 });
    await addSessionProblem(database, session.id, { kind: 'untranscribed', at: 3000, channel: 'participant', start: 10, end: 12 });
    await addSessionProblem(database, session.id, { kind: 'untranscribed', at: 3100, channel: 'participant', start: 20, end: 22 });
    // A second recording of the same session may run into the same problem again.
    await updateSession(database, session.id, { recordingStartedAt: 5000 });
    const stored = await addSessionProblem(database, session.id, { kind: 'storage-full', at: 6000 });
    expect(stored.problems?.map((problem) => problem.kind)).toEqual(['storage-full', 'untranscribed', 'untranscribed', 'storage-full']);
    expect((await getSession(database, session.id))?.problems).toHaveLength(4);
  });
});

describe('suggestions kept with a session', () => {
  const suggestion: CoverageSuggestion = { id: 's1', itemId: 'q1', itemKind: 'question', state: 'asked', segmentId: 'x', score: 0.7, time: 1, status: 'pending' };

  it('stores them with a new revision, and leaves the session alone when nothing changed', async () => {
    const { database, session } = await setUp();
    const stored = await updateSessionSuggestions(database, session.id, (list) => [...list, suggestion]);
    expect(stored?.suggestions).toEqual([suggestion]);
    expect(stored?.revision).toBe(1);
    expect(await updateSessionSuggestions(database, session.id, () => null)).toBeNull();
    expect((await getSession(database, session.id))?.revision).toBe(1);
    expect(await updateSessionSuggestions(database, 'gone', (list) => [...list, suggestion])).toBeNull();
  });

  it('lets only one of two panels deciding at once decide', async () => {
    const { database, session } = await setUp();
    await updateSessionSuggestions(database, session.id, () => [suggestion]);
    const decisions: (CoverageSuggestion | null)[] = [];
    const decide = (decision: 'confirmed' | 'dismissed') =>
      updateSessionSuggestions(database, session.id, (list) => {
        const { suggestions, decided } = decideSuggestion(list, 's1', decision, 2);
        decisions.push(decided);
        return decided ? suggestions : null;
      });
    await Promise.all([decide('confirmed'), decide('dismissed')]);
    expect(decisions.filter((decided) => decided !== null)).toHaveLength(1);
    expect((await getSession(database, session.id))?.suggestions?.[0]?.status).toBe('confirmed');
  });
});
