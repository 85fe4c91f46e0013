import { afterEach, describe, expect, it } from 'vitest';
import { IDBObjectStore } from 'fake-indexeddb';
import { listAudioChunks } from './audio';
import { createBackup, restoreBackup } from './backup';
import { BACKUP_HEADER_BYTES } from './backup-container';
import { listCoverage } from './coverage';
import { BackupRejectedError, StorageFullError, VaultStateError, type BackupRejectionReason } from './errors';
import { getActiveGuide, saveGuide, setActiveGuideRef } from './guides';
import { listKeyList, addKeyListEntry } from './key-list';
import { listNotes, addNote } from './notes';
import { createParticipant, listParticipants } from './participants';
import { getProject, getSetting, saveProject, setSetting } from './project';
import { STORE, type IntervjuDatabase } from './schema';
import { listSegments, saveSegment } from './segments';
import { createSession, listSessions } from './sessions';
import { appendAudioChunk } from './audio';
import { recordCoverage } from './coverage';
import { PASSPHRASE, TEST_ITERATIONS, dumpAllStores, openTestDatabase, rawStoreContains, sampleGuide } from './test-support';
import { initialiseVault, type Vault } from './vault';

const BACKUP_PASSPHRASE = 'backup på ekstern disk';
const SENTENCE = 'Jeg har aldri sagt dette til noen på jobben';
const options = { iterations: TEST_ITERATIONS };

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
    const backup = await createBackup(source.database, source.vault, BACKUP_PASSPHRASE, options);
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
    const raw = await dumpAllStores(database);
    expect(rawStoreContains(raw, SENTENCE)).toBe(false);
    expect(rawStoreContains(raw, 'Kari Nordmann')).toBe(false);
    // The target kept its own vault.
    expect(raw.vault).toHaveLength(1);
  });

  it('refuses a wrong passphrase, leaving everything as it was', async () => {
    const source = await filledProject();
    const backup = await createBackup(source.database, source.vault, BACKUP_PASSPHRASE, options);
    const target = await otherInstallation();
    const before = await dumpAllStores(target.database);
    await expectRejected(restoreBackup(target.database, backup, 'feil passord!!', target.vault), 'tampered-or-wrong-passphrase');
    expect(await dumpAllStores(target.database)).toEqual(before);
  });

  it('refuses a file with any one byte flipped, leaving everything as it was', async () => {
    const source = await filledProject();
    const backup = await createBackup(source.database, source.vault, BACKUP_PASSPHRASE, options);
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
    const backup = await createBackup(source.database, source.vault, BACKUP_PASSPHRASE, options);
    const target = await otherInstallation();
    const before = await dumpAllStores(target.database);
    const restore = (bytes: Uint8Array) => restoreBackup(target.database, bytes, BACKUP_PASSPHRASE, target.vault);
    await expectRejected(restore(new TextEncoder().encode('PK\u0003\u0004 a zip, not a backup')), 'not-a-backup');
    await expectRejected(restore(new Uint8Array()), 'not-a-backup');
    for (const length of [5, 20, BACKUP_HEADER_BYTES - 1, BACKUP_HEADER_BYTES, BACKUP_HEADER_BYTES + 10, backup.length - 1]) {
      await expectRejected(restore(backup.slice(0, length)), 'truncated');
    }
    const newer = backup.slice();
    newer[16] = 2;
    await expectRejected(restore(newer), 'unsupported-version');
    const extended = new Uint8Array(backup.length + 1);
    extended.set(backup);
    await expectRejected(restore(extended), 'tampered-or-wrong-passphrase');
    expect(await dumpAllStores(target.database)).toEqual(before);
  });

  it('keeps the old data when the disk fills up during a restore', async () => {
    const source = await filledProject();
    const backup = await createBackup(source.database, source.vault, BACKUP_PASSPHRASE, options);
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
    const backup = await createBackup(source.database, source.vault, BACKUP_PASSPHRASE, options);
    const target = await otherInstallation();
    const before = await dumpAllStores(target.database);
    await expect(restoreBackup(target.database, backup, BACKUP_PASSPHRASE, source.vault)).rejects.toBeInstanceOf(VaultStateError);
    expect(await dumpAllStores(target.database)).toEqual(before);
  });
});
