import { afterEach, describe, expect, it } from 'vitest';
import { IDBObjectStore } from 'fake-indexeddb';
import { listAudioChunks } from './audio';
import { createBackup, restoreBackup as restoreFromBlob, writeBackup, type BackupOptions, type RestoreOptions } from './backup';
import { BACKUP_HEADER_BYTES, BACKUP_TRAILER_BYTES } from './backup-container';
import { BACKUP_V1_BASE64, BACKUP_V1_PASSPHRASE, BACKUP_V1_SESSION_ID } from './backup-v1.fixture';
import { fromBase64 } from './crypto';
import { listCoverage } from './coverage';
import { BackupRejectedError, RecordStateError, StorageFullError, VaultStateError, type BackupRejectionReason } from './errors';
import { getActiveGuide, saveGuide, setActiveGuideRef } from './guides';
import { listKeyList, addKeyListEntry } from './key-list';
import { listNotes, addNote } from './notes';
import { createParticipant, listParticipants } from './participants';
import { getProject, getSetting, saveProject, setSetting } from './project';
import { STORE, type IntervjuDatabase } from './schema';
import { listSegments, saveSegment } from './segments';
import { createSession, listSessions, updateSessionSuggestions } from './sessions';
import { appendAudioChunk, deleteSessionAudio } from './audio';
import { recordCoverage } from './coverage';
import type { CoverageSuggestion } from '../coverage';
import { PASSPHRASE, TEST_ITERATIONS, dumpAllStores, openTestDatabase, rawStoreContains, sampleGuide } from './test-support';
import { initialiseVault, type Vault } from './vault';

const BACKUP_PASSPHRASE = 'backup på ekstern disk';
const SENTENCE = 'Jeg har aldri sagt dette til noen på jobben';
const options = { iterations: TEST_ITERATIONS };
const SUGGESTION: CoverageSuggestion = { id: 'sg-1', itemId: 'q1', itemKind: 'question', state: 'asked', segmentId: 'seg-1', score: 0.8, time: 3, status: 'confirmed', decidedAt: 4 };

/** The backup file's bytes, to cut and alter. */
async function backupBytes(database: IntervjuDatabase, vault: Vault, passphrase: string, backupOptions: BackupOptions = options): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await (await createBackup(database, vault, passphrase, backupOptions)).arrayBuffer());
}

/** Restores from bytes, as from a chosen file. */
function restoreBackup(database: IntervjuDatabase, bytes: Uint8Array<ArrayBuffer>, passphrase: string, vault: Vault, restoreOptions: RestoreOptions = {}) {
  return restoreFromBlob(database, new Blob([bytes]), passphrase, vault, restoreOptions);
}

async function filledProject() {
  const { database } = await openTestDatabase();
  const vault = await initialiseVault(database, PASSPHRASE, options);
  await saveProject(database, { title: 'Arbeidsliv', endDate: '2027-06-30', audioPolicy: { kind: 'delete-on-approval' }, createdAt: 1 });
  await saveGuide(database, sampleGuide('g1', 1));
  await setActiveGuideRef(database, { id: 'g1', version: 1 });
  await setSetting(database, 'autoLockMinutes', 7);
  const participant = await createParticipant(database, { pseudonym: 'Kari', consentAt: 2 });
  const session = await createSession(database, { kind: 'interview', participantId: participant.id, guideId: 'g1', guideVersion: 1, platform: 'teams', language: 'nb' });
  await saveSegment(database, vault, { id: 'seg-1', sessionId: session.id, channel: 'participant', start: 1, end: 4, text: SENTENCE, words: [], unclear: [], source: 'live' });
  await addNote(database, vault, { sessionId: session.id, text: 'Gråt litt her', time: 3 });
  await recordCoverage(database, { sessionId: session.id, itemId: 'q1', itemKind: 'question', state: 'asked', time: 3, source: 'manual' });
  await recordCoverage(database, { sessionId: session.id, itemId: 'q1', itemKind: 'question', state: 'covered', time: 3, source: 'confirmed' });
  await updateSessionSuggestions(database, session.id, () => [SUGGESTION]);
  await appendAudioChunk(database, vault, { sessionId: session.id, channel: 'participant', sequence: 0, start: 0, end: 5, codec: 'opus', bytes: new Uint8Array([9, 8, 7, 6]) });
  await addKeyListEntry(database, vault, { participantId: participant.id, real: 'Kari Nordmann', fictive: 'Kari', kind: 'name' });
  return { database, vault, sessionId: session.id };
}

/** Another installation with its own passphrase and some data of its own. */
async function otherInstallation(): Promise<{ database: IntervjuDatabase; vault: Vault }> {
  const { database } = await openTestDatabase();
  const vault = await initialiseVault(database, 'et annet passord her', options);
  await createParticipant(database, { pseudonym: 'Gammel' });
  return { database, vault };
}

async function expectRejected(promise: Promise<unknown>, reason: BackupRejectionReason): Promise<void> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(BackupRejectedError);
  expect((error as BackupRejectedError).reason).toBe(reason);
}

const originalPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
});

describe('backup and restore', () => {
  it('round-trips the whole project into another installation, re-encrypted under its vault', async () => {
    const source = await filledProject();
    const backup = await backupBytes(source.database, source.vault, BACKUP_PASSPHRASE);
    expect(new TextDecoder().decode(backup.subarray(0, 15))).toBe('INTERVJU-BACKUP');
    expect(new TextDecoder('latin1').decode(backup)).not.toContain('Kari');

    const target = await otherInstallation();
    const report = await restoreBackup(target.database, backup, BACKUP_PASSPHRASE, target.vault);
    expect(report.counts).toMatchObject({ project: 1, guides: 1, participants: 1, sessions: 1, segments: 1, notes: 1, coverage: 2, audio: 1, keyList: 1 });

    const { database, vault } = target;
    expect((await getProject(database))?.title).toBe('Arbeidsliv');
    expect((await getActiveGuide(database))?.id).toBe('g1');
    expect(await getSetting(database, 'autoLockMinutes')).toBe(7);
    expect((await listParticipants(database)).map((participant) => participant.pseudonym)).toEqual(['Kari']);
    expect((await listSegments(database, vault, source.sessionId))[0]?.text).toBe(SENTENCE);
    expect((await listNotes(database, vault, source.sessionId))[0]?.text).toBe('Gråt litt her');
    expect((await listCoverage(database, source.sessionId)).map((event) => event.state)).toEqual(['asked', 'covered']);
    expect((await listAudioChunks(database, vault, source.sessionId))[0]?.bytes).toEqual(new Uint8Array([9, 8, 7, 6]));
    expect((await listKeyList(database, vault))[0]?.real).toBe('Kari Nordmann');
    expect((await listSessions(database))[0]?.platform).toBe('teams');
    expect((await listSessions(database))[0]?.suggestions).toEqual([SUGGESTION]);
    const raw = await dumpAllStores(database);
    expect(rawStoreContains(raw, SENTENCE)).toBe(false);
    expect(rawStoreContains(raw, 'Kari Nordmann')).toBe(false);
    // The target kept its own vault.
    expect(raw.vault).toHaveLength(1);
  });

  it('carries an edited segment’s original, its checked mark and a kept [uklart], and it stays protected after a restore', async () => {
    const source = await filledProject();
    const edited = {
      id: 'seg-2',
      sessionId: source.sessionId,
      channel: 'interviewer' as const,
      start: 5,
      end: 7,
      text: 'Bodde du i [uklart: Asker?]?',
      words: [{ text: 'Bodde', start: 5, end: 5.3, probability: 0.9 }],
      unclear: [{ start: 6, end: 6.5, guess: 'Asker', kept: true }],
      source: 'edited' as const,
      original: { text: 'Bodde du i [uklart]?', words: [], unclear: [{ start: 6, end: 6.5, guess: null }], channel: 'mixed' as const },
      checked: true,
    };
    await saveSegment(source.database, source.vault, edited);
    const target = await otherInstallation();
    await restoreBackup(target.database, await backupBytes(source.database, source.vault, BACKUP_PASSPHRASE), BACKUP_PASSPHRASE, target.vault);
    const restored = (await listSegments(target.database, target.vault, source.sessionId)).find((segment) => segment.id === 'seg-2');
    expect(restored).toEqual(edited);
    await expect(saveSegment(target.database, target.vault, { ...edited, source: 'live', checked: false })).rejects.toThrow('edited or checked');
  });

  it('refuses a wrong passphrase, leaving everything as it was', async () => {
    const source = await filledProject();
    const backup = await backupBytes(source.database, source.vault, BACKUP_PASSPHRASE);
    const target = await otherInstallation();
    const before = await dumpAllStores(target.database);
    await expectRejected(restoreBackup(target.database, backup, 'feil passord!!', target.vault), 'tampered-or-wrong-passphrase');
    expect(await dumpAllStores(target.database)).toEqual(before);
  });

  it('refuses a file with any one byte flipped, leaving everything as it was', async () => {
    const source = await filledProject();
    const backup = await backupBytes(source.database, source.vault, BACKUP_PASSPHRASE);
    const target = await otherInstallation();
    const before = await dumpAllStores(target.database);
    // Every header byte, and bytes spread through the ciphertext up to the last (the GCM tag).
    const positions = [...Array.from({ length: BACKUP_HEADER_BYTES }, (_, index) => index)];
    for (let position = BACKUP_HEADER_BYTES; position < backup.length; position += Math.ceil((backup.length - BACKUP_HEADER_BYTES) / 25)) {
      positions.push(position);
    }
    positions.push(backup.length - 1);
    for (const position of positions) {
      const tampered = backup.slice();
      tampered[position]! ^= 0x01;
      await expect(restoreBackup(target.database, tampered, BACKUP_PASSPHRASE, target.vault), `byte ${position}`).rejects.toBeInstanceOf(BackupRejectedError);
    }
    expect(await dumpAllStores(target.database)).toEqual(before);
  });

  it('says why: not a backup, truncated, newer version', async () => {
    const source = await filledProject();
    const backup = await backupBytes(source.database, source.vault, BACKUP_PASSPHRASE);
    const target = await otherInstallation();
    const before = await dumpAllStores(target.database);
    const restore = (bytes: Uint8Array<ArrayBuffer>) => restoreBackup(target.database, bytes, BACKUP_PASSPHRASE, target.vault);
    await expectRejected(restore(new TextEncoder().encode('PK\u0003\u0004 a zip, not a backup') as Uint8Array<ArrayBuffer>), 'not-a-backup');
    await expectRejected(restore(new Uint8Array()), 'not-a-backup');
    for (const length of [5, 20, BACKUP_HEADER_BYTES - 1, BACKUP_HEADER_BYTES, BACKUP_HEADER_BYTES + BACKUP_TRAILER_BYTES, BACKUP_HEADER_BYTES + 10, backup.length - 1]) {
      await expectRejected(restore(backup.slice(0, length)), 'truncated');
    }
    const newer = backup.slice();
    newer[16] = 3;
    await expectRejected(restore(newer), 'unsupported-version');
    const extended = new Uint8Array(backup.length + 1);
    extended.set(backup);
    await expectRejected(restore(extended), 'tampered-or-wrong-passphrase');
    expect(await dumpAllStores(target.database)).toEqual(before);
  });

  it('keeps the old data when the disk fills up during a restore', async () => {
    const source = await filledProject();
    const backup = await backupBytes(source.database, source.vault, BACKUP_PASSPHRASE);
    const target = await otherInstallation();
    const before = await dumpAllStores(target.database);
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === STORE.audio) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return originalPut.apply(this, args);
    } as IDBObjectStore['put'];
    await expect(restoreBackup(target.database, backup, BACKUP_PASSPHRASE, target.vault)).rejects.toBeInstanceOf(StorageFullError);
    IDBObjectStore.prototype.put = originalPut;
    expect(await dumpAllStores(target.database)).toEqual(before);
  });

  it('refuses to restore under a key that is not this database’s', async () => {
    const source = await filledProject();
    const backup = await backupBytes(source.database, source.vault, BACKUP_PASSPHRASE);
    const target = await otherInstallation();
    const before = await dumpAllStores(target.database);
    await expect(restoreBackup(target.database, backup, BACKUP_PASSPHRASE, source.vault)).rejects.toBeInstanceOf(VaultStateError);
    expect(await dumpAllStores(target.database)).toEqual(before);
  });
});

describe('streamed backups', () => {
  /** A project with `count` audio chunks of varied sizes over two sessions and channels. */
  async function projectWithAudio(count: number) {
    const source = await filledProject();
    const other = await createSession(source.database, { kind: 'interview', participantId: null, guideId: 'g1', guideVersion: 1, platform: 'zoom', language: 'nb' });
    const written = new Map<string, Uint8Array>();
    for (let index = 0; index < count; index += 1) {
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(50 + ((index * 977) % 3000)));
      const sessionId = index % 3 === 0 ? other.id : source.sessionId;
      const channel = index % 2 === 0 ? 'interviewer' : 'participant';
      await appendAudioChunk(source.database, source.vault, { sessionId, channel, sequence: index, start: index * 2, end: index * 2 + 2, codec: 'audio/webm;codecs=opus', bytes });
      written.set(`${sessionId}/${channel}/${index}`, bytes);
    }
    return { ...source, otherSessionId: other.id, written };
  }

  async function audioOf(database: IntervjuDatabase, vault: Vault, sessionIds: string[]): Promise<Map<string, Uint8Array>> {
    const found = new Map<string, Uint8Array>();
    for (const sessionId of sessionIds) {
      for (const chunk of await listAudioChunks(database, vault, sessionId)) found.set(`${sessionId}/${chunk.channel}/${chunk.sequence}`, chunk.bytes);
    }
    return found;
  }

  // Small segments, so a few hundred chunks span many of them and frames cross segment ends.
  const segmented = { ...options, segmentBytes: 4096 };

  it('round-trips many chunks across many segments, reporting progress both ways', async () => {
    const source = await projectWithAudio(300);
    const backupProgress: number[] = [];
    const backup = await backupBytes(source.database, source.vault, BACKUP_PASSPHRASE, { ...segmented, onProgress: ({ done, total }) => backupProgress.push(done / total) });
    expect(backup.length).toBeGreaterThan(100 * 4096);
    expect(backupProgress[0]).toBe(0);
    expect(backupProgress.at(-1)).toBe(1);

    const target = await otherInstallation();
    const restoreProgress: number[] = [];
    const report = await restoreBackup(target.database, backup, BACKUP_PASSPHRASE, target.vault, { onProgress: ({ done, total }) => restoreProgress.push(done / total) });
    expect(report.counts.audio).toBe(301);
    expect(restoreProgress.length).toBeGreaterThan(50);
    expect(restoreProgress.at(-1)).toBe(1);
    const restored = await audioOf(target.database, target.vault, [source.sessionId, source.otherSessionId]);
    expect(restored.size).toBe(301);
    for (const [key, bytes] of source.written) expect(restored.get(key), key).toEqual(bytes);
    const raw = await dumpAllStores(target.database);
    // Moved into place: no chunk is left under a restore's staging session id.
    expect((raw.audio as { sessionId: string }[]).every((chunk) => [source.sessionId, source.otherSessionId].includes(chunk.sessionId))).toBe(true);
  });

  it('restoring a project over itself replaces its audio, not doubles it', async () => {
    const source = await projectWithAudio(40);
    const backup = await backupBytes(source.database, source.vault, BACKUP_PASSPHRASE, segmented);
    await restoreBackup(source.database, backup, BACKUP_PASSPHRASE, source.vault);
    const restored = await audioOf(source.database, source.vault, [source.sessionId, source.otherSessionId]);
    expect(restored.size).toBe(41);
    expect((await dumpAllStores(source.database)).audio).toHaveLength(41);
  });

  it('refuses a cut, reordered or altered file at any segment, leaving no audio of it behind', async () => {
    const source = await projectWithAudio(120);
    const backup = await backupBytes(source.database, source.vault, BACKUP_PASSPHRASE, segmented);
    const target = await otherInstallation();
    const before = await dumpAllStores(target.database);
    const stride = 4096 + 16;
    const segments = Math.ceil((backup.length - BACKUP_HEADER_BYTES - BACKUP_TRAILER_BYTES) / stride);
    expect(segments).toBeGreaterThan(20);
    // Cut at a segment's end, in the middle of one, and just before the trailer.
    for (const length of [BACKUP_HEADER_BYTES + stride, BACKUP_HEADER_BYTES + 10 * stride + 100, backup.length - BACKUP_TRAILER_BYTES]) {
      await expectRejected(restoreBackup(target.database, backup.slice(0, length), BACKUP_PASSPHRASE, target.vault), 'truncated');
    }
    // Two segments swapped: each is authentic, but not at that place.
    const swapped = backup.slice();
    const at = (index: number) => BACKUP_HEADER_BYTES + index * stride;
    swapped.set(backup.subarray(at(15), at(16)), at(14));
    swapped.set(backup.subarray(at(14), at(15)), at(15));
    await expectRejected(restoreBackup(target.database, swapped, BACKUP_PASSPHRASE, target.vault), 'tampered-or-wrong-passphrase');
    // Damage near the end: most of the audio has been staged when it is found.
    const late = backup.slice();
    late[backup.length - BACKUP_TRAILER_BYTES - 20]! ^= 0x80;
    await expectRejected(restoreBackup(target.database, late, BACKUP_PASSPHRASE, target.vault), 'tampered-or-wrong-passphrase');
    // Bytes added after the end are an alteration, not a cut.
    const extended = new Uint8Array(backup.length + 3);
    extended.set(backup);
    await expectRejected(restoreBackup(target.database, extended, BACKUP_PASSPHRASE, target.vault), 'tampered-or-wrong-passphrase');
    expect(await dumpAllStores(target.database)).toEqual(before);
  });

  it('fails rather than leave out audio deleted while the backup is written', async () => {
    const source = await projectWithAudio(10);
    let first = true;
    const sink = async () => {
      if (!first) return;
      first = false;
      await deleteSessionAudio(source.database, source.otherSessionId);
    };
    await expect(writeBackup(source.database, source.vault, BACKUP_PASSPHRASE, sink, options)).rejects.toBeInstanceOf(RecordStateError);
  });

  it('still restores a backup written in the old format (one ciphertext of a zip)', async () => {
    const old = fromBase64(BACKUP_V1_BASE64);
    expect(new DataView(old.buffer).getUint16(15)).toBe(1);
    const target = await otherInstallation();
    const report = await restoreBackup(target.database, old, BACKUP_V1_PASSPHRASE, target.vault);
    expect(report.counts).toMatchObject({ project: 1, guides: 1, participants: 1, sessions: 1, segments: 1, notes: 1, coverage: 1, audio: 3, keyList: 1 });
    const { database, vault } = target;
    expect((await getProject(database))?.title).toBe('Arbeidsliv');
    expect((await listParticipants(database)).map((participant) => participant.pseudonym)).toEqual(['Kari']);
    expect((await listSegments(database, vault, BACKUP_V1_SESSION_ID))[0]?.text).toBe(SENTENCE);
    expect((await listNotes(database, vault, BACKUP_V1_SESSION_ID))[0]?.text).toBe('Gråt litt her');
    expect((await listKeyList(database, vault))[0]?.real).toBe('Kari Nordmann');
    expect((await listAudioChunks(database, vault, BACKUP_V1_SESSION_ID)).map((chunk) => [...chunk.bytes])).toEqual([
      [0, 8, 7, 6],
      [1, 8, 7, 6],
      [2, 8, 7, 6],
    ]);
    // Damage to an old file is still named.
    const cut = old.slice(0, old.length - 5);
    await expectRejected(restoreBackup(target.database, cut, BACKUP_V1_PASSPHRASE, target.vault), 'truncated');
    await expectRejected(restoreBackup(target.database, old, 'feil passord!!', target.vault), 'tampered-or-wrong-passphrase');
  });
});
