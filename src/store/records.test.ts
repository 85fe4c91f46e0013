import { describe, expect, it } from 'vitest';
import { appendAudioChunk, deleteSessionAudio, listAudioChunks, sessionsWithAudio } from './audio';
import { listCoverage, recordCoverage } from './coverage';
import { RecordDecryptionError, RecordStateError } from './errors';
import { getActiveGuide, getGuide, getLatestGuide, listGuideVersions, listGuides, saveGuide, setActiveGuideRef } from './guides';
import { addKeyListEntry, deleteKeyList, deleteKeyListEntry, exportKeyList, listKeyList } from './key-list';
import { addNote, deleteNote, listNotes } from './notes';
import { createParticipant, listParticipants, updateParticipant } from './participants';
import { getProject, getSetting, saveProject, setSetting } from './project';
import type { Segment } from './records';
import { STORE } from './schema';
import { listSegments, saveSegment } from './segments';
import { createSession, findInterruptedSessions, getSession, listSessions, updateSession } from './sessions';
import { PASSPHRASE, TEST_ITERATIONS, dumpAllStores, openTestDatabase, rawStoreContains, sampleGuide, testEnvironment } from './test-support';
import { initialiseVault } from './vault';

const SENTENCE = 'Jeg sluttet på Haukeland sykehus etter at sjefen min mobbet meg';

async function setUp() {
  const { database } = await openTestDatabase();
  const vault = await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS });
  return { database, vault, environment: testEnvironment() };
}

function segment(overrides: Partial<Segment> = {}): Segment {
  return {
    id: 'seg-1',
    sessionId: 'session-1',
    channel: 'participant',
    start: 12.3,
    end: 17.9,
    text: SENTENCE,
    words: [{ text: 'Jeg', start: 12.3, end: 12.5, probability: 0.98 }],
    unclear: [{ start: 15, end: 15.4, guess: 'sjefen' }],
    source: 'live',
    ...overrides,
  };
}

describe('guides', () => {
  it('keeps every version, refuses to overwrite one, and finds the latest and the active one', async () => {
    const { database } = await setUp();
    await saveGuide(database, sampleGuide('g1', 1));
    await saveGuide(database, sampleGuide('g1', 2));
    await saveGuide(database, sampleGuide('g2', 1));
    await expect(saveGuide(database, { ...sampleGuide('g1', 2), title: 'changed' })).rejects.toBeInstanceOf(RecordStateError);
    expect((await getGuide(database, 'g1', 2))?.title).toBe('Arbeidsliv g1');
    expect((await getLatestGuide(database, 'g1'))?.version).toBe(2);
    expect(await getLatestGuide(database, 'missing')).toBeNull();
    expect((await listGuideVersions(database, 'g1')).map((guide) => guide.version)).toEqual([1, 2]);
    expect((await listGuides(database)).map((guide) => [guide.id, guide.version])).toEqual([['g1', 2], ['g2', 1]]);
    expect(await getActiveGuide(database)).toBeNull();
    await setActiveGuideRef(database, { id: 'g1', version: 1 });
    expect((await getActiveGuide(database))?.sections[0]?.questions[0]?.text).toBe('Fortell om jobben din (v1)');
  });
});

describe('project and settings', () => {
  it('stores the project and gives setting defaults until set', async () => {
    const { database } = await setUp();
    expect(await getProject(database)).toBeNull();
    const project = { title: 'Arbeidsliv', endDate: '2026-12-31', audioPolicy: { kind: 'delete-after-days', days: 30 } as const, createdAt: 1 };
    await saveProject(database, project);
    expect(await getProject(database)).toEqual(project);
    await expect(saveProject(database, { ...project, endDate: '31.12.2026' })).rejects.toThrow(/ISO date/);
    expect(await getSetting(database, 'autoLockMinutes')).toBe(15);
    await setSetting(database, 'autoLockMinutes', 5);
    await setSetting(database, 'activeSessionId', 'session-9');
    expect(await getSetting(database, 'autoLockMinutes')).toBe(5);
    expect(await getSetting(database, 'activeSessionId')).toBe('session-9');
  });
});

describe('participants and sessions', () => {
  it('creates, lists, updates and finds sessions still marked active', async () => {
    const { database, environment } = await setUp();
    const participant = await createParticipant(database, { pseudonym: ' Kari ' }, environment);
    expect(participant.pseudonym).toBe('Kari');
    await updateParticipant(database, participant.id, { consentAt: 5 });
    expect((await listParticipants(database))[0]?.consentAt).toBe(5);

    const base = { kind: 'interview', participantId: participant.id, guideId: 'g1', guideVersion: 1, platform: 'zoom', language: 'nb' } as const;
    const first = await createSession(database, { ...base, startedAt: 1_000 }, environment);
    const second = await createSession(database, { ...base, startedAt: 2_000 }, environment);
    await expect(createSession(database, { ...base, participantId: 'nobody' }, environment)).rejects.toBeInstanceOf(RecordStateError);
    expect((await listSessions(database)).map((session) => session.id)).toEqual([second.id, first.id]);
    await updateSession(database, first.id, { status: 'ended', endedAt: 1_500 });
    expect((await getSession(database, first.id))?.status).toBe('ended');
    expect((await findInterruptedSessions(database)).map((session) => session.id)).toEqual([second.id]);
    await expect(updateSession(database, 'missing', { status: 'ended' })).rejects.toBeInstanceOf(RecordStateError);
  });
});

describe('coverage', () => {
  it('lists a session’s events in time order, same-millisecond events in the order recorded', async () => {
    const { database, environment } = await setUp();
    const event = { sessionId: 's1', itemKind: 'question', source: 'manual' } as const;
    await recordCoverage(database, { ...event, itemId: 'q2', state: 'asked', time: 300 }, environment);
    await recordCoverage(database, { ...event, itemId: 'q1', state: 'asked', time: 100 }, environment);
    await recordCoverage(database, { ...event, itemId: 'q1', state: 'covered', time: 100 }, environment);
    await recordCoverage(database, { ...event, sessionId: 's2', itemId: 'q1', state: 'skipped', time: 50 }, environment);
    const listed = await listCoverage(database, 's1');
    expect(listed.map((item) => `${item.itemId}:${item.state}`)).toEqual(['q1:asked', 'q1:covered', 'q2:asked']);
    expect(listed[0]).not.toHaveProperty('order');
  });
});

describe('encrypted records', () => {
  it('round-trips segments, notes, audio and key list entries', async () => {
    const { database, vault, environment } = await setUp();
    await saveSegment(database, vault, segment());
    await saveSegment(database, vault, segment({ id: 'seg-0', start: 1, end: 2, channel: 'interviewer', text: 'Hva jobbet du med?' }));
    await saveSegment(database, vault, segment({ text: `${SENTENCE}.`, source: 'edited' }));
    const segments = await listSegments(database, vault, 'session-1');
    expect(segments.map((item) => item.text)).toEqual(['Hva jobbet du med?', `${SENTENCE}.`]);
    expect(segments[1]).toEqual(segment({ text: `${SENTENCE}.`, source: 'edited' }));

    const { note } = await addNote(database, vault, { sessionId: 'session-1', text: SENTENCE, questionId: 'q1', reviseGuide: true }, environment);
    expect(await listNotes(database, vault, 'session-1')).toEqual([note]);
    await deleteNote(database, note.id);
    expect(await listNotes(database, vault, 'session-1')).toEqual([]);

    const bytes = new TextEncoder().encode(SENTENCE);
    await appendAudioChunk(database, vault, { sessionId: 'session-1', channel: 'participant', sequence: 1, start: 5, end: 10, codec: 'opus', bytes }, environment);
    await appendAudioChunk(database, vault, { sessionId: 'session-1', channel: 'participant', sequence: 0, start: 0, end: 5, codec: 'opus', bytes: new Uint8Array([1, 2, 3]) }, environment);
    const chunks = await listAudioChunks(database, vault, 'session-1');
    expect(chunks.map((chunk) => chunk.sequence)).toEqual([0, 1]);
    expect(chunks[1]?.bytes).toEqual(bytes);
    expect(await sessionsWithAudio(database)).toEqual(['session-1']);
    expect(await deleteSessionAudio(database, 'session-1')).toBe(2);
    expect(await sessionsWithAudio(database)).toEqual([]);

    const entry = await addKeyListEntry(database, vault, { participantId: 'p1', real: 'Ola Nordmann', fictive: 'Per', kind: 'name' }, environment);
    await addKeyListEntry(database, vault, { participantId: null, real: 'Haukeland', fictive: 'Sykehuset', kind: 'institution' }, environment);
    expect((await listKeyList(database, vault)).map((item) => item.real)).toEqual(['Ola Nordmann', 'Haukeland']);
    expect(JSON.parse(await exportKeyList(database, vault)).entries).toHaveLength(2);
    await deleteKeyListEntry(database, entry.id);
    expect(await deleteKeyList(database)).toBe(1);
    expect(await listKeyList(database, vault)).toEqual([]);
  });

  it('never writes the plaintext of a segment, note, audio chunk or key list entry', async () => {
    const { database, vault, environment } = await setUp();
    await saveSegment(database, vault, segment());
    await addNote(database, vault, { sessionId: 'session-1', text: SENTENCE }, environment);
    await appendAudioChunk(database, vault, {
      sessionId: 'session-1', channel: 'participant', sequence: 0, start: 0, end: 5, codec: 'pcm', bytes: new TextEncoder().encode(SENTENCE),
    }, environment);
    await addKeyListEntry(database, vault, { participantId: 'p1', real: SENTENCE, fictive: 'Per', kind: 'other' }, environment);
    const dump = await dumpAllStores(database);
    expect(rawStoreContains(dump, SENTENCE)).toBe(false);
    expect(rawStoreContains(dump, 'Haukeland')).toBe(false);
    expect(rawStoreContains(dump, 'sjefen')).toBe(false); // the unclear-span guess
    // The scan itself can find what is there: the clear index fields.
    expect(rawStoreContains(dump, 'session-1')).toBe(true);
  });

  it('refuses a ciphertext moved onto another record', async () => {
    const { database, vault } = await setUp();
    await saveSegment(database, vault, segment({ id: 'a', text: 'Hemmelig A' }));
    await saveSegment(database, vault, segment({ id: 'b', text: 'Hemmelig B' }));
    const a = await database.get(STORE.segments, 'a');
    const b = await database.get(STORE.segments, 'b');
    if (!a || !b) throw new Error('segments missing');
    await database.put(STORE.segments, { ...b, payload: a.payload });
    await expect(listSegments(database, vault, 'session-1')).rejects.toBeInstanceOf(RecordDecryptionError);
  });
});
