import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { appendAudioChunk, listAudioChunks } from './audio';
import { listCoverage, recordCoverage } from './coverage';
import { RecordStateError } from './errors';
import { addKeyListEntry, listKeyList } from './key-list';
import { addNote, listNotes } from './notes';
import { exportParticipantData } from './participant-export';
import { createParticipant } from './participants';
import { getSetting, setSetting } from './project';
import { listSegments, saveSegment } from './segments';
import { createSession, deletePilot, getSession } from './sessions';
import { PASSPHRASE, TEST_ITERATIONS, openTestDatabase, testEnvironment } from './test-support';
import { initialiseVault } from './vault';

const PILOT_WORDS = 'Dette sa prøvedeltakeren i piloten';

async function interviewAndPilot() {
  const { database } = await openTestDatabase();
  const vault = await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS });
  const environment = testEnvironment();
  const base = { guideId: 'guide-1', guideVersion: 1, platform: 'other', language: 'no' } as const;
  const participant = await createParticipant(database, { pseudonym: 'Kari' }, environment);
  const interview = await createSession(database, { ...base, kind: 'interview', participantId: participant.id }, environment);
  const pilot = await createSession(database, { ...base, kind: 'pilot', participantId: null }, environment);
  await saveSegment(database, vault, {
    id: 'pilot-seg',
    sessionId: pilot.id,
    channel: 'participant',
    start: 1,
    end: 3,
    text: PILOT_WORDS,
    words: [],
    unclear: [],
    source: 'live',
  });
  await addNote(database, vault, { sessionId: pilot.id, time: 2, text: 'Spørsmål 2 ble misforstått', questionId: 'q2', reviseGuide: true }, environment);
  await recordCoverage(database, { sessionId: pilot.id, itemId: 'q1', itemKind: 'question', state: 'asked', time: 5, source: 'manual' }, environment);
  await appendAudioChunk(database, vault, { sessionId: pilot.id, channel: 'participant', sequence: 0, start: 0, end: 2, codec: 'audio/webm;codecs=opus', bytes: new Uint8Array([1]) });
  return { database, vault, participant, interview, pilot };
}

describe('pilots are kept apart from research data', () => {
  it('refuses a pilot with a participant', async () => {
    const { database, participant } = await interviewAndPilot();
    await expect(
      createSession(database, { kind: 'pilot', participantId: participant.id, guideId: 'guide-1', guideVersion: 1, platform: 'other', language: 'no' }),
    ).rejects.toBeInstanceOf(RecordStateError);
  });

  it('never enters a participant export', async () => {
    const { database, vault, participant, interview, pilot } = await interviewAndPilot();
    const files = unzipSync(new Uint8Array(await (await exportParticipantData(database, vault, participant.id)).arrayBuffer()));
    const data = JSON.parse(strFromU8(files['data.json']!)) as { sessions: { id: string }[]; notes: unknown[]; coverage: unknown[] };
    expect(data.sessions.map((session) => session.id)).toEqual([interview.id]);
    expect(data.notes).toEqual([]);
    expect(data.coverage).toEqual([]);
    for (const file of Object.values(files)) expect(strFromU8(file)).not.toContain(PILOT_WORDS);
    expect(pilot.participantId).toBeNull();
  });

  it('is never on the key list: a pair can name a participant, and a pilot has none', async () => {
    const { database, vault, participant } = await interviewAndPilot();
    await addKeyListEntry(database, vault, { participantId: participant.id, real: 'Ola', fictive: 'Per', kind: 'name' });
    const entries = await listKeyList(database, vault);
    expect(entries.map((entry) => entry.participantId)).toEqual([participant.id]);
  });

  it('can be deleted at any time, with everything filed under it, leaving the interview as it was', async () => {
    const { database, vault, interview, pilot } = await interviewAndPilot();
    await setSetting(database, 'practiceSessionId', pilot.id);
    await setSetting(database, 'activeSessionId', interview.id);
    await deletePilot(database, pilot.id);
    expect(await getSession(database, pilot.id)).toBeNull();
    expect(await listSegments(database, vault, pilot.id)).toEqual([]);
    expect(await listNotes(database, vault, pilot.id)).toEqual([]);
    expect(await listCoverage(database, pilot.id)).toEqual([]);
    expect(await listAudioChunks(database, vault, pilot.id)).toEqual([]);
    expect(await getSetting(database, 'practiceSessionId')).toBeNull();
    expect(await getSetting(database, 'activeSessionId')).toBe(interview.id);
    expect(await getSession(database, interview.id)).not.toBeNull();
  });

  it('refuses to delete an interview that way', async () => {
    const { database, interview } = await interviewAndPilot();
    await expect(deletePilot(database, interview.id)).rejects.toBeInstanceOf(RecordStateError);
    expect(await getSession(database, interview.id)).not.toBeNull();
  });
});
