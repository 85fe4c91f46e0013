/**
 * One fixture per released schema version: a function that fills a database
 * *as that version wrote it* (raw shapes, raw encryption), and what the current
 * code must read back from it. Shapes are spelled out here on purpose instead
 * of using today's write functions, so a later change to those cannot quietly
 * change what "a version 1 database" means.
 *
 * WARNING: when adding schema version N + 1, add the fixture for version N + 1
 * here too; never edit an existing fixture.
 */
import type { IDBPDatabase } from 'idb';
import { encodeText, encryptBytes, encryptJson, deriveKeyFromPassphrase, generateDataKey, randomBytes } from './crypto';

export const FIXTURE_PASSPHRASE = 'migrering fra v1';
export const FIXTURE_SENTENCE = 'Det var første gang jeg fortalte noen om det';

export interface MigrationFixture {
  version: number;
  seed(database: IDBPDatabase<unknown>): Promise<void>;
}

export const FIXTURE_QUOTE = 'Det var første gang';
/** The voice detection of version 3's fixture: three frames of the participant's channel. */
export const FIXTURE_SPEECH = [0.1, 0.75, 0.5];

/** A version 1 database, filled; returns its data key so later versions can add to it. */
async function seedVersion1(database: IDBPDatabase<unknown>): Promise<CryptoKey> {
  const dataKey = await generateDataKey();
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const wrappingKey = await deriveKeyFromPassphrase(FIXTURE_PASSPHRASE, salt, 1000, ['wrapKey', 'unwrapKey']);
  const wrappedKey = new Uint8Array(
    await globalThis.crypto.subtle.wrapKey('raw', dataKey, wrappingKey, { name: 'AES-GCM', iv, additionalData: encodeText('intervju/vault/data-key') }),
  );
  const keyCheck = await encryptBytes(dataKey, encodeText('intervju-key-check'), encodeText('intervju/vault/key-check'));
  // All encryption before the transaction opens: awaiting WebCrypto inside it would let it auto-commit.
  const segmentPayload = await encryptJson(dataKey, { text: FIXTURE_SENTENCE, words: [], unclear: [], source: 'live' }, encodeText('intervju/segments/segment-v1'));
  const notePayload = await encryptJson(dataKey, { text: 'Notat fra v1', questionId: 'q1', reviseGuide: false }, encodeText('intervju/notes/note-v1'));
  const audioPayload = await encryptBytes(dataKey, new Uint8Array([7, 7, 7]), encodeText('intervju/audio/audio-v1'));
  const keyPayload = await encryptJson(dataKey, { real: 'Eva Hansen', fictive: 'Eva', kind: 'name' }, encodeText('intervju/keyList/key-v1'));
  const transaction = database.transaction(['project', 'vault', 'settings', 'guides', 'participants', 'sessions', 'segments', 'coverage', 'notes', 'audio', 'keyList'], 'readwrite');
  const put = (store: string, value: unknown, key?: string) => transaction.objectStore(store).put(value, key);
  await put('vault', { format: 1, salt, iterations: 1000, wrappedKey, iv, keyCheck, createdAt: 1, changedAt: 1 }, 'current');
  await put('project', { title: 'V1-prosjekt', endDate: '2030-06-30', audioPolicy: { kind: 'delete-on-approval' }, createdAt: 1 }, 'current');
  await put('settings', 20, 'autoLockMinutes');
  await put('settings', { id: 'guide-v1', version: 1 }, 'activeGuide');
  await put('guides', {
    id: 'guide-v1', version: 1, parentVersion: null, changeNote: '', title: 'Veileder v1', plannedMinutes: 45, intro: [],
    sections: [{ id: 's1', title: 'Start', plannedMinutes: null, reminders: [], questions: [{ id: 'q1', text: 'Hvordan startet det?', condition: null, probes: [], reminders: [] }] }],
    createdAt: '2025-01-01T00:00:00.000Z',
  });
  await put('participants', { id: 'participant-v1', pseudonym: 'Eva', consentAt: 10, withdrawnAt: null, createdAt: 5 });
  await put('sessions', {
    id: 'session-v1', kind: 'interview', participantId: 'participant-v1', guideId: 'guide-v1', guideVersion: 1, platform: 'teams',
    startedAt: 100, endedAt: 200, status: 'ended', currentItemId: null, language: 'nb', hasAudio: true, consentChecked: [],
  });
  await put('coverage', { id: 'coverage-v1', sessionId: 'session-v1', itemId: 'q1', itemKind: 'question', state: 'covered', time: 150, source: 'manual', order: 0 });
  await put('segments', { id: 'segment-v1', sessionId: 'session-v1', channel: 'participant', start: 3, end: 8, payload: segmentPayload });
  await put('notes', { id: 'note-v1', sessionId: 'session-v1', time: 160, payload: notePayload });
  await put('audio', { id: 'audio-v1', sessionId: 'session-v1', channel: 'participant', sequence: 0, start: 0, end: 5, codec: 'opus', payload: audioPayload });
  await put('keyList', { id: 'key-v1', participantId: 'participant-v1', payload: keyPayload });
  await transaction.done;
  return dataKey;
}

/** A version 2 database: version 1's, and a quote; returns its data key. */
async function seedVersion2(database: IDBPDatabase<unknown>): Promise<CryptoKey> {
  const dataKey = await seedVersion1(database);
  const quotePayload = await encryptJson(
    dataKey,
    {
      start: { segmentId: 'segment-v1', offset: 0 },
      end: { segmentId: 'segment-v1', offset: FIXTURE_QUOTE.length },
      text: FIXTURE_QUOTE,
      contextBefore: '',
      contextAfter: 'jeg fortalte noen om det',
      status: 'approved',
      changedText: null,
      statusAt: 300,
    },
    encodeText('intervju/quotes/quote-v2'),
  );
  const transaction = database.transaction(['quotes'], 'readwrite');
  await transaction.objectStore('quotes').put({ id: 'quote-v2', sessionId: 'session-v1', participantId: 'participant-v1', time: 3, createdAt: 250, payload: quotePayload });
  await transaction.done;
  return dataKey;
}

export const MIGRATION_FIXTURES: readonly MigrationFixture[] = [
  {
    version: 1,
    async seed(database) {
      await seedVersion1(database);
    },
  },
  {
    version: 2,
    async seed(database) {
      await seedVersion2(database);
    },
  },
  {
    version: 3,
    async seed(database) {
      const dataKey = await seedVersion2(database);
      const speechPayload = await encryptBytes(dataKey, new Uint8Array(Float32Array.from(FIXTURE_SPEECH).buffer), encodeText('intervju/speech/speech-v3'));
      const transaction = database.transaction(['speech'], 'readwrite');
      await transaction.objectStore('speech').put({ id: 'speech-v3', sessionId: 'session-v1', channel: 'participant', start: 2, end: 2.096, frameSeconds: 0.032, payload: speechPayload });
      await transaction.done;
    },
  },
];
