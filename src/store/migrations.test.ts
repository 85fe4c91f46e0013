import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { listAudioChunks } from './audio';
import { listCoverage } from './coverage';
import { openAtVersion, openIntervjuDatabase } from './database';
import { getActiveGuide } from './guides';
import { listKeyList } from './key-list';
import { DATABASE_VERSION, MIGRATIONS } from './migrations';
import { FIXTURE_PASSPHRASE, FIXTURE_QUOTE, FIXTURE_SENTENCE, FIXTURE_SPEECH, MIGRATION_FIXTURES } from './migrations.fixtures';
import { listParticipantQuotes } from './quotes';
import { listNotes } from './notes';
import { listParticipants } from './participants';
import { getProject, getSetting } from './project';
import { ALL_STORES } from './schema';
import { listSegments, saveSegment } from './segments';
import { listSessions } from './sessions';
import { appendSpeechTrack, readSpeechTrack } from './speech-track';
import { unlockVault } from './vault';
import './test-support';

describe('migrations', () => {
  it('has one step per version and a filled fixture for every released version', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(Array.from({ length: DATABASE_VERSION }, (_, index) => index + 1));
    expect(MIGRATION_FIXTURES.map((fixture) => fixture.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  it('creates every store on a fresh database', async () => {
    const database = await openIntervjuDatabase({ indexedDB: new IDBFactory() });
    expect([...database.objectStoreNames].sort()).toEqual([...ALL_STORES].sort());
  });

  for (const fixture of MIGRATION_FIXTURES) {
    it(`opens a filled version ${fixture.version} database with the current code and reads everything back`, async () => {
      const factory = new IDBFactory();
      const old = await openAtVersion({ indexedDB: factory }, fixture.version);
      await fixture.seed(old);
      old.close();

      const database = await openIntervjuDatabase({ indexedDB: factory });
      expect(database.version).toBe(DATABASE_VERSION);
      const vault = await unlockVault(database, FIXTURE_PASSPHRASE);
      expect((await getProject(database))?.title).toBe('V1-prosjekt');
      expect(await getSetting(database, 'autoLockMinutes')).toBe(20);
      expect((await getActiveGuide(database))?.title).toBe('Veileder v1');
      expect((await listParticipants(database)).map((participant) => participant.pseudonym)).toEqual(['Eva']);
      const [session] = await listSessions(database);
      expect(session?.platform).toBe('teams');
      expect((await listSegments(database, vault, 'session-v1')).map((segment) => segment.text)).toEqual([FIXTURE_SENTENCE]);
      expect((await listNotes(database, vault, 'session-v1'))[0]?.text).toBe('Notat fra v1');
      expect((await listAudioChunks(database, vault, 'session-v1'))[0]?.bytes).toEqual(new Uint8Array([7, 7, 7]));
      expect((await listKeyList(database, vault))[0]?.real).toBe('Eva Hansen');
      expect((await listCoverage(database, 'session-v1'))[0]?.state).toBe('covered');
      // Quotes came in version 2: an older database has none, and can take them now.
      const quotes = await listParticipantQuotes(database, vault, 'participant-v1');
      expect(quotes.map((quote) => [quote.text, quote.status])).toEqual(fixture.version >= 2 ? [[FIXTURE_QUOTE, 'approved']] : []);
      // The call's voice detection came in version 3.
      const speech = await readSpeechTrack(database, vault, 'session-v1', 'participant');
      expect(speech.map((track) => [track.start, [...track.probabilities]])).toEqual(fixture.version >= 3 ? [[2, [...Float32Array.from(FIXTURE_SPEECH)]]] : []);
      // And the upgraded database takes new writes.
      await appendSpeechTrack(database, vault, { sessionId: 'session-v1', channel: 'interviewer', start: 0, frameSeconds: 0.032, probabilities: new Float32Array([0.9]) });
      expect(await readSpeechTrack(database, vault, 'session-v1', 'interviewer')).toHaveLength(1);
      await saveSegment(database, vault, {
        id: 'segment-new', sessionId: 'session-v1', channel: 'interviewer', start: 9, end: 10, text: 'Ny', words: [], unclear: [], source: 'live',
      });
      expect(await listSegments(database, vault, 'session-v1')).toHaveLength(2);
    });
  }

  it('closes its connection when another page needs to upgrade, so the upgrade is not blocked', async () => {
    const factory = new IDBFactory();
    let told = false;
    const current = await openIntervjuDatabase({ indexedDB: factory, onVersionChange: () => (told = true) });
    // A future version opening the same database.
    const request = factory.open('intervju', DATABASE_VERSION + 1);
    let blocked = false;
    request.addEventListener('blocked', () => (blocked = true));
    await new Promise((resolve, reject) => {
      request.addEventListener('success', resolve);
      request.addEventListener('error', reject);
    });
    request.result.close();
    expect(blocked).toBe(false);
    expect(told).toBe(true);
    // Closing is observable as a failing transaction on the old connection.
    expect(() => current.transaction('project')).toThrow();
  });
});
