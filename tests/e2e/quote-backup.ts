/**
 * A backup file holding one interview with Eva, a key-list pair and a quote that
 * names the real person, made in Node with the store's own code (fake-indexeddb).
 * Restoring it gives the workspace quotes without a session view to mark them in.
 */
// idb wraps requests by the global IDB classes: this Node process has none of its own.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createBackup } from '../../src/store/backup';
import { openIntervjuDatabase } from '../../src/store/database';
import { addKeyListEntry } from '../../src/store/key-list';
import { createParticipant } from '../../src/store/participants';
import { saveProject } from '../../src/store/project';
import { addQuote } from '../../src/store/quotes';
import { saveSegment } from '../../src/store/segments';
import { createSession } from '../../src/store/sessions';
import { initialiseVault } from '../../src/store/vault';

export const QUOTE_REAL = 'Kari Nordmann';
export const QUOTE_TEXT = `Det var ${QUOTE_REAL} som hjalp meg i Bodø`;

/** The backup's bytes, under `passphrase`. */
export async function backupWithQuote(passphrase: string): Promise<Buffer> {
  const database = await openIntervjuDatabase({ indexedDB: new IDBFactory() });
  const vault = await initialiseVault(database, 'fixture passphrase for e2e', { iterations: 1000 });
  await saveProject(database, { title: 'Sitatstudien', endDate: null, audioPolicy: { kind: 'delete-on-approval' }, createdAt: 1 });
  const participant = await createParticipant(database, { pseudonym: 'Eva', consentAt: 1 });
  const session = await createSession(database, { kind: 'interview', participantId: participant.id, guideId: 'g', guideVersion: 1, platform: 'zoom', language: 'nb' });
  await saveSegment(database, vault, { id: 'seg-1', sessionId: session.id, channel: 'participant', start: 61, end: 66, text: QUOTE_TEXT, words: [], unclear: [], source: 'live' });
  await addKeyListEntry(database, vault, { participantId: null, real: QUOTE_REAL, fictive: 'Lina Berg', kind: 'name' });
  await addKeyListEntry(database, vault, { participantId: participant.id, real: 'Bodø', fictive: 'Nordvik', kind: 'place' });
  await addQuote(database, vault, {
    sessionId: session.id, participantId: participant.id, start: { segmentId: 'seg-1', offset: 0 }, end: { segmentId: 'seg-1', offset: QUOTE_TEXT.length },
    time: 61, text: QUOTE_TEXT, contextBefore: 'Hvem hjalp deg?', contextAfter: '',
  });
  const blob = await createBackup(database, vault, passphrase, { iterations: 1000 });
  database.close();
  return Buffer.from(await blob.arrayBuffer());
}
