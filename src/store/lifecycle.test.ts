import { describe, expect, it, afterEach } from 'vitest';
import { IDBObjectStore } from 'fake-indexeddb';
import { strFromU8, unzipSync } from 'fflate';
import { appendAudioChunk, deleteSessionAudio, sessionsWithAudio } from './audio';
import { recordCoverage } from './coverage';
import { addKeyListEntry } from './key-list';
import { addNote } from './notes';
import { addQuote } from './quotes';
import { exportParticipantData, formatTimestamp } from './participant-export';
import { createParticipant } from './participants';
import { getSetting, saveProject, setSetting } from './project';
import { deleteAllProjectData, projectEndStatus } from './project-end';
import type { AudioPolicy, Project } from './records';
import { applyAudioRetention, audioDue } from './retention';
import { ALL_STORES } from './schema';
import { saveSegment } from './segments';
import { approveSession, createSession, getSession, updateSession } from './sessions';
import { PASSPHRASE, TEST_ITERATIONS, dumpAllStores, openTestDatabase, rawStoreContains } from './test-support';
import { initialiseVault, isVaultInitialised, type Vault } from './vault';
import { withdrawParticipant } from './withdrawal';
import { appendSpeechTrack, readSpeechTrack } from './speech-track';
import type { IntervjuDatabase } from './schema';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 5, 1, 12);

async function setUp() {
  const { database } = await openTestDatabase();
  const vault = await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS });
  return { database, vault };
}

/** A participant with one interview holding one of every kind of record. */
async function interviewWithEverything(database: IntervjuDatabase, vault: Vault, pseudonym: string, startedAt = NOW) {
  const participant = await createParticipant(database, { pseudonym, consentAt: startedAt });
  const session = await createSession(database, {
    kind: 'interview', participantId: participant.id, guideId: 'g1', guideVersion: 1, platform: 'zoom', language: 'nb', startedAt,
  });
  await saveSegment(database, vault, {
    id: crypto.randomUUID(), sessionId: session.id, channel: 'interviewer', start: 1, end: 2, text: 'Hva jobbet du med?', words: [], unclear: [], source: 'live',
  });
  await saveSegment(database, vault, {
    id: crypto.randomUUID(), sessionId: session.id, channel: 'participant', start: 3, end: 6.25, text: `Jeg er ${pseudonym}.`, words: [], unclear: [], source: 'live',
  });
  await saveSegment(database, vault, {
    id: crypto.randomUUID(), sessionId: session.id, channel: 'participant', start: 6.5, end: 9.04, text: 'Sykepleier [uklart].', words: [], unclear: [{ start: 8, end: 9, guess: null }], source: 'live',
  });
  await addNote(database, vault, { sessionId: session.id, text: 'Viktig poeng', time: startedAt + 5000 });
  await recordCoverage(database, { sessionId: session.id, itemId: 'q1', itemKind: 'question', state: 'covered', time: startedAt + 3000, source: 'manual' });
  await appendAudioChunk(database, vault, { sessionId: session.id, channel: 'participant', sequence: 0, start: 0, end: 5, codec: 'opus', bytes: new Uint8Array([1, 2]) });
  await appendSpeechTrack(database, vault, { sessionId: session.id, channel: 'participant', start: 0, frameSeconds: 0.032, probabilities: new Float32Array([0.1, 0.9]) });
  await addKeyListEntry(database, vault, { participantId: participant.id, real: `Ekte ${pseudonym}`, fictive: pseudonym, kind: 'name' });
  await addQuote(database, vault, {
    sessionId: session.id, participantId: participant.id, start: { segmentId: 'x', offset: 0 }, end: { segmentId: 'x', offset: 9 }, time: 3,
    text: `Jeg er ${pseudonym}.`, contextBefore: 'Hva jobbet du med?', contextAfter: 'Sykepleier',
  });
  return { participant, session };
}

function project(audioPolicy: AudioPolicy, endDate: string | null = null): Project {
  return { title: 'Test', endDate, audioPolicy, createdAt: 0 };
}

const originalDelete = IDBObjectStore.prototype.delete;
afterEach(() => {
  IDBObjectStore.prototype.delete = originalDelete;
});

describe('withdrawal', () => {
  it('deletes everything about the participant, in every store, and nothing of anyone else', async () => {
    const { database, vault } = await setUp();
    const leaving = await interviewWithEverything(database, vault, 'Kari');
    const staying = await interviewWithEverything(database, vault, 'Nils');
    await setSetting(database, 'activeSessionId', leaving.session.id);
    const before = await dumpAllStores(database);

    const receipt = await withdrawParticipant(database, leaving.participant.id);

    expect(receipt.participantPseudonym).toBe('Kari');
    expect(receipt.verified).toBe(true);
    expect(receipt.counts).toMatchObject({ participants: 1, sessions: 1, segments: 3, notes: 1, coverage: 1, audio: 1, speech: 1, keyList: 1, quotes: 1 });
    const after = await dumpAllStores(database);
    for (const id of [leaving.participant.id, leaving.session.id]) expect(rawStoreContains(after, id)).toBe(false);
    expect(rawStoreContains(after, 'Kari')).toBe(false);
    expect(await getSetting(database, 'activeSessionId')).toBeNull();
    // The other participant's records are all still there.
    for (const id of [staying.participant.id, staying.session.id]) expect(rawStoreContains(after, id)).toBe(true);
    for (const name of ALL_STORES) {
      expect(after[name].length).toBe(before[name].length - receipt.counts[name]);
    }
  });

  it('deletes nothing when interrupted half-way', async () => {
    const { database, vault } = await setUp();
    const { participant } = await interviewWithEverything(database, vault, 'Kari');
    const before = await dumpAllStores(database);
    let deletes = 0;
    IDBObjectStore.prototype.delete = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      if (++deletes > 3) throw new DOMException('Simulated crash', 'UnknownError');
      return originalDelete.call(this, key);
    };
    await expect(withdrawParticipant(database, participant.id)).rejects.toThrow('Simulated crash');
    IDBObjectStore.prototype.delete = originalDelete;
    expect(await dumpAllStores(database)).toEqual(before);
  });
});

describe('audio retention', () => {
  it('delete-on-approval: deletes approved sessions’ audio only, and at approval at once', async () => {
    const { database, vault } = await setUp();
    await saveProject(database, project({ kind: 'delete-on-approval' }));
    const approved = await interviewWithEverything(database, vault, 'A');
    const pending = await interviewWithEverything(database, vault, 'B');
    await updateSession(database, approved.session.id, { status: 'approved' });

    const receipt = await applyAudioRetention(database, NOW);
    expect(receipt.counts.audio).toBe(1);
    expect(await sessionsWithAudio(database)).toEqual([pending.session.id]);
    // The call's voice detection goes with its audio.
    expect(receipt.counts.speech).toBe(1);
    expect(await readSpeechTrack(database, vault, approved.session.id, 'participant')).toEqual([]);
    expect(await readSpeechTrack(database, vault, pending.session.id, 'participant')).toHaveLength(1);

    await approveSession(database, pending.session.id);
    expect(await sessionsWithAudio(database)).toEqual([]);
    expect((await getSession(database, pending.session.id))?.hasAudio).toBe(false);
    expect(await readSpeechTrack(database, vault, pending.session.id, 'participant')).toEqual([]);
  });

  it('delete-after-days: deletes only sessions older than N days; approval keeps audio', async () => {
    const { database, vault } = await setUp();
    await saveProject(database, project({ kind: 'delete-after-days', days: 30 }));
    const old = await interviewWithEverything(database, vault, 'Old', NOW - 31 * DAY);
    const recent = await interviewWithEverything(database, vault, 'New', NOW - 2 * DAY);
    await approveSession(database, recent.session.id);
    expect((await sessionsWithAudio(database)).sort()).toEqual([old.session.id, recent.session.id].sort());
    const receipt = await applyAudioRetention(database, NOW);
    expect(receipt.counts).toMatchObject({ audio: 1, speech: 1 });
    expect(receipt.verified).toBe(true);
    expect(await sessionsWithAudio(database)).toEqual([recent.session.id]);
    expect((await getSession(database, old.session.id))?.hasAudio).toBe(false);
  });

  it('no-audio deletes all; without a project nothing is due', async () => {
    const session = (id: string, status: 'approved' | 'ended', startedAt: number) => ({
      id, kind: 'interview' as const, participantId: null, guideId: 'g', guideVersion: 1, platform: 'zoom' as const,
      startedAt, endedAt: null, status, currentItemId: null, language: 'nb', hasAudio: true, consentChecked: [],
    });
    const sessions = [session('a', 'approved', NOW), session('b', 'ended', NOW - 40 * DAY)];
    expect(audioDue(project({ kind: 'no-audio' }), sessions, NOW)).toEqual(['a', 'b']);
    expect(audioDue(project({ kind: 'delete-on-approval' }), sessions, NOW)).toEqual(['a']);
    expect(audioDue(project({ kind: 'delete-after-days', days: 30 }), sessions, NOW)).toEqual(['b']);
    expect(audioDue(null, sessions, NOW)).toEqual([]);
  });
});

describe('project end', () => {
  const at = (year: number, month: number, day: number) => new Date(year, month - 1, day, 12).getTime();

  it('counts local calendar days to the end date and warns at 30, 7 and 1', () => {
    const now = at(2026, 12, 1);
    expect(projectEndStatus(project({ kind: 'no-audio' }, null), now)).toEqual({ daysLeft: null, warning: null, ended: false });
    expect(projectEndStatus(project({ kind: 'no-audio' }, '2027-01-01'), now)).toEqual({ daysLeft: 31, warning: null, ended: false });
    expect(projectEndStatus(project({ kind: 'no-audio' }, '2026-12-31'), now)).toEqual({ daysLeft: 30, warning: 30, ended: false });
    expect(projectEndStatus(project({ kind: 'no-audio' }, '2026-12-08'), now)).toEqual({ daysLeft: 7, warning: 7, ended: false });
    expect(projectEndStatus(project({ kind: 'no-audio' }, '2026-12-02'), now)).toEqual({ daysLeft: 1, warning: 1, ended: false });
    expect(projectEndStatus(project({ kind: 'no-audio' }, '2026-12-01'), now)).toEqual({ daysLeft: 0, warning: null, ended: true });
    expect(projectEndStatus(project({ kind: 'no-audio' }, '2026-11-01'), now).ended).toBe(true);
  });

  it('deletes every record of every store and says it checked', async () => {
    const { database, vault } = await setUp();
    await saveProject(database, project({ kind: 'delete-on-approval' }, '2026-12-31'));
    await interviewWithEverything(database, vault, 'Kari');
    const receipt = await deleteAllProjectData(database);
    expect(receipt.verified).toBe(true);
    expect(receipt.remaining).toEqual({});
    expect(receipt.counts).toMatchObject({ project: 1, vault: 1, participants: 1, segments: 3, audio: 1, quotes: 1 });
    for (const records of Object.values(await dumpAllStores(database))) expect(records).toEqual([]);
    expect(await isVaultInitialised(database)).toBe(false);
  });
});

describe('participant export', () => {
  it('formats timestamps as #hh:mm:ss-d#', () => {
    expect(formatTimestamp(0)).toBe('#00:00:00-0#');
    expect(formatTimestamp(723.44)).toBe('#00:12:03-4#');
    expect(formatTimestamp(3725.96)).toBe('#01:02:06-0#');
  });

  it('zips a readable transcript, all the participant’s data and their audio, nobody else’s', async () => {
    const { database, vault } = await setUp();
    const { participant, session } = await interviewWithEverything(database, vault, 'Kari');
    await interviewWithEverything(database, vault, 'Nils');
    const files = unzipSync(new Uint8Array(await (await exportParticipantData(database, vault, participant.id)).arrayBuffer()));
    const audioFile = Object.keys(files).find((name) => name.startsWith('audio/'));
    expect(audioFile).toMatch(/^audio\/\d{4}-\d{2}-\d{2}_\d{4}-participant\.bin$/);
    expect(Object.keys(files).sort()).toEqual(['README.txt', audioFile, 'data.json', 'transcript-Kari.txt']);
    expect(files[audioFile!]).toEqual(new Uint8Array([1, 2]));
    const transcript = strFromU8(files['transcript-Kari.txt']!);
    expect(transcript).toContain('I: Hva jobbet du med? #00:00:02-0#');
    // Consecutive segments of one speaker form one turn, stamped with its end.
    expect(transcript).toContain('Kari: Jeg er Kari. Sykepleier [uklart]. #00:00:09-0#');
    expect(transcript).toMatch(/Session \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const data = JSON.parse(strFromU8(files['data.json']!));
    expect(data.participant.pseudonym).toBe('Kari');
    expect(data.sessions.map((item: { id: string }) => item.id)).toEqual([session.id]);
    expect(data.segments).toHaveLength(3);
    expect(data.notes[0].text).toBe('Viktig poeng');
    expect(data.coverage[0].state).toBe('covered');
    expect(data.quotes.map((quote: { text: string; status: string }) => [quote.text, quote.status])).toEqual([['Jeg er Kari.', 'marked']]);
    expect(data.audio).toEqual([{ file: audioFile, sessionId: session.id, channel: 'participant', start: 0, end: 5, chunks: 1 }]);
    expect(JSON.stringify(data)).not.toContain('Nils');
  });

  it('writes the transcript’s and README’s words in the UI language (bokmål or English)', async () => {
    const { database, vault } = await setUp();
    const { participant } = await interviewWithEverything(database, vault, 'Kari');
    const read = async (locale: 'nb' | 'en') => {
      const files = unzipSync(new Uint8Array(await (await exportParticipantData(database, vault, participant.id, { locale })).arrayBuffer()));
      return { transcript: strFromU8(files['transcript-Kari.txt']!), readme: strFromU8(files['README.txt']!) };
    };
    const nb = await read('nb');
    expect(nb.transcript).toMatch(/^Transkripsjon for Kari\n\nSamtale \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(intervju, /u);
    expect(nb.transcript).toContain('Kari: Jeg er Kari. Sykepleier [uklart]. #00:00:09-0#');
    expect(nb.readme).toContain('Alt som er lagret om Kari');
    expect(nb.readme).toContain('transcript-Kari.txt: transkripsjonen');
    expect(nb.readme).toContain('data.json');
    const en = await read('en');
    expect(en.transcript).toMatch(/^Transcript for Kari\n\nSession \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(interview, /u);
    expect(en.readme).toContain('Everything Intervju stores about Kari');
  });

  it('writes each channel’s chunks as one file, in order, a new file where a recording started again', async () => {
    const { database, vault } = await setUp();
    const { participant, session } = await interviewWithEverything(database, vault, 'Kari');
    await deleteSessionAudio(database, session.id);
    const codec = 'audio/webm;codecs=opus';
    const chunk = (channel: 'interviewer' | 'participant', sequence: number, start: number) =>
      appendAudioChunk(database, vault, { sessionId: session.id, channel, sequence, start, end: start + 2, codec, bytes: new Uint8Array(300).fill(sequence) });
    // Written out of order; after a crash the recording resumed at 400 s with sequence 0 again.
    for (let sequence = 199; sequence >= 0; sequence -= 1) await chunk('participant', sequence, sequence * 2);
    for (let sequence = 0; sequence < 150; sequence += 1) await chunk('interviewer', sequence, sequence * 2);
    for (let sequence = 0; sequence < 3; sequence += 1) await chunk('participant', sequence, 400 + sequence * 2);
    const progress: number[] = [];
    const blob = await exportParticipantData(database, vault, participant.id, { onProgress: ({ done, total }) => progress.push(done / total) });
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    const audio = Object.keys(files).filter((name) => name.startsWith('audio/')).sort();
    expect(audio.map((name) => name.replace(/^audio\/[^-]+-[^-]+-[^_]+_\d{4}-/, ''))).toEqual(['interviewer.webm', 'participant-2.webm', 'participant.webm']);
    const expected = (count: number) => {
      const bytes = new Uint8Array(count * 300);
      for (let sequence = 0; sequence < count; sequence += 1) bytes.fill(sequence, sequence * 300, (sequence + 1) * 300);
      return bytes;
    };
    expect(files[audio[2]!]).toEqual(expected(200));
    expect(files[audio[0]!]).toEqual(expected(150));
    expect(files[audio[1]!]).toEqual(expected(3));
    expect(progress.at(-1)).toBe(1);
  });
});
