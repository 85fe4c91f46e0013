import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  addNote,
  appendAudioChunk,
  type AudioPolicy,
  createParticipant,
  createSession,
  initialiseVault,
  isVaultInitialised,
  listParticipants,
  listSessions,
  type LocalArea,
  openIntervjuDatabase,
  readLastDeletion,
  saveProject,
  setSetting,
  updateSession,
} from '../../src/store';
import { runLifecycle } from './lifecycle';

const NOW = new Date(2026, 5, 30, 12, 0).getTime();
const DAY = 24 * 60 * 60 * 1000;

async function project(endDate: string, audioPolicy: AudioPolicy = { kind: 'delete-on-approval' }) {
  const db = await openIntervjuDatabase({ indexedDB: new IDBFactory() });
  const vault = await initialiseVault(db, 'korrekt hest batteri', { iterations: 1000 });
  await saveProject(db, { title: 'Arbeidsliv', endDate, audioPolicy, createdAt: 1 });
  const participant = await createParticipant(db, { pseudonym: 'Kari' });
  const session = await createSession(
    db,
    { kind: 'interview', participantId: participant.id, guideId: 'g', guideVersion: 1, platform: 'zoom', language: 'nb' },
    { now: () => NOW - 10 * DAY },
  );
  await addNote(db, vault, { sessionId: session.id, text: 'notat', time: NOW });
  await appendAudioChunk(db, vault, { sessionId: session.id, channel: 'participant', sequence: 0, start: 0, end: 5, codec: 'opus', bytes: new Uint8Array([1, 2, 3]) });
  const values: Record<string, unknown> = {};
  const area: LocalArea = {
    get: async (key) => ({ [key]: values[key] }),
    set: async (items) => void Object.assign(values, items),
    remove: async (key) => void delete values[key],
  };
  const stored = () => readLastDeletion(area);
  let forgotten = 0;
  const environment = {
    now: NOW,
    area,
    forget: async () => void (forgotten += 1),
    announce: () => undefined,
  };
  return { db, session, stored, environment, forgotten: () => forgotten };
}

describe('background lifecycle', () => {
  it('leaves a project before its end date alone, and deletes audio only when the policy says so', async () => {
    const { db, stored, environment } = await project('2026-07-01', { kind: 'delete-after-days', days: 30 });
    const outcome = await runLifecycle(db, environment);
    expect(outcome).toEqual({ audioDeleted: 0, projectDeleted: null, deferred: false });
    expect(await listParticipants(db)).toHaveLength(1);
    expect(await stored()).toBeNull();
  });

  it('deletes audio older than the retention period and reports counts without names', async () => {
    const { db, stored, environment } = await project('2027-01-01', { kind: 'delete-after-days', days: 7 });
    expect((await runLifecycle(db, environment)).audioDeleted).toBe(1);
    expect((await listSessions(db))[0]?.hasAudio).toBe(false);
    const kept = (await stored())!;
    expect(kept.kind).toBe('audio-retention');
    expect(kept.counts.audio).toBe(1);
    expect(JSON.stringify(kept)).not.toContain('Kari');
  });

  it('on the end date deletes everything, the vault included, forgets the key and keeps the receipt', async () => {
    const { db, stored, environment, forgotten } = await project('2026-06-30');
    const outcome = await runLifecycle(db, environment);
    expect(outcome.projectDeleted?.verified).toBe(true);
    expect(await listParticipants(db)).toEqual([]);
    expect(await isVaultInitialised(db)).toBe(false);
    expect(forgotten()).toBe(1);
    const kept = (await stored())!;
    expect(kept).toMatchObject({ kind: 'project-end-automatic', verified: true, at: NOW });
    expect(kept.counts).toMatchObject({ participants: 1, sessions: 1, notes: 1, audio: 1, project: 1, vault: 1 });
    expect(JSON.stringify(kept)).not.toContain('Kari');
  });

  it('keeps the data after the end date when the researcher turned automatic deletion off', async () => {
    const { db, environment } = await project('2026-06-01');
    await setSetting(db, 'deleteAtEndDate', false);
    expect((await runLifecycle(db, environment)).projectDeleted).toBeNull();
    expect(await listParticipants(db)).toHaveLength(1);
  });

  it('waits for a running interview to finish before deleting at the end date', async () => {
    const { db, session, environment } = await project('2026-06-30');
    await setSetting(db, 'activeSessionId', session.id);
    expect((await runLifecycle(db, environment)).deferred).toBe(true);
    expect(await listParticipants(db)).toHaveLength(1);
    await updateSession(db, session.id, { status: 'ended', endedAt: NOW });
    expect((await runLifecycle(db, environment)).projectDeleted?.verified).toBe(true);
  });
});
