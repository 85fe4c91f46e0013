import { describe, expect, it } from 'vitest';
import { createBackup, restoreBackup } from './backup';
import { createParticipant } from './participants';
import { addQuote, deleteQuote, listParticipantQuotes, listSessionQuotes, setQuoteStatus, type NewQuote } from './quotes';
import { logRealNameExport, realNameExportsOf } from './real-name-exports';
import { createSession, getSession } from './sessions';
import { PASSPHRASE, TEST_ITERATIONS, dumpAllStores, openTestDatabase, rawStoreContains, testEnvironment } from './test-support';
import { initialiseVault } from './vault';
import { withdrawParticipant } from './withdrawal';
import type { IntervjuDatabase } from './schema';

async function setUp() {
  const { database } = await openTestDatabase();
  const vault = await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS });
  return { database, vault };
}

async function interview(database: IntervjuDatabase, pseudonym: string) {
  const participant = await createParticipant(database, { pseudonym, consentAt: 1 });
  const session = await createSession(database, { kind: 'interview', participantId: participant.id, guideId: 'g', guideVersion: 1, platform: 'zoom', language: 'nb' });
  return { participant, session };
}

function newQuote(sessionId: string, participantId: string, text: string, time: number): NewQuote {
  return { sessionId, participantId, start: { segmentId: 'a', offset: 4 }, end: { segmentId: 'b', offset: 10 }, time, text, contextBefore: 'Før', contextAfter: 'Etter' };
}

describe('quotes', () => {
  it('are stored encrypted, listed in time order per session and per participant', async () => {
    const { database, vault } = await setUp();
    const { participant, session } = await interview(database, 'Eva');
    await addQuote(database, vault, newQuote(session.id, participant.id, 'Andre sitat om skammen', 20));
    const first = await addQuote(database, vault, newQuote(session.id, participant.id, 'Første sitat om skammen', 5));
    expect(first.status).toBe('marked');
    expect((await listSessionQuotes(database, vault, session.id)).map((quote) => quote.text)).toEqual(['Første sitat om skammen', 'Andre sitat om skammen']);
    expect(await listParticipantQuotes(database, vault, participant.id)).toHaveLength(2);
    const dump = await dumpAllStores(database);
    expect(rawStoreContains(dump, 'skammen')).toBe(false);
    expect(rawStoreContains(dump, 'Etter')).toBe(false);
  });

  it('keep their status and the participant’s changed wording', async () => {
    const { database, vault } = await setUp();
    const { participant, session } = await interview(database, 'Eva');
    const quote = await addQuote(database, vault, newQuote(session.id, participant.id, 'Det var tungt', 5));
    await setQuoteStatus(database, vault, quote.id, 'sent');
    const changed = await setQuoteStatus(database, vault, quote.id, 'changed', 'Det var svært tungt');
    expect(changed).toMatchObject({ status: 'changed', changedText: 'Det var svært tungt' });
    expect(changed.statusAt).not.toBeNull();
    const [stored] = await listSessionQuotes(database, vault, session.id);
    expect(stored).toMatchObject({ status: 'changed', changedText: 'Det var svært tungt', text: 'Det var tungt' });
    expect((await setQuoteStatus(database, vault, quote.id, 'withdrawn')).changedText).toBeNull();
    await deleteQuote(database, quote.id);
    expect(await listSessionQuotes(database, vault, session.id)).toEqual([]);
  });

  it('go when the participant withdraws, and only theirs', async () => {
    const { database, vault } = await setUp();
    const leaving = await interview(database, 'Eva');
    const staying = await interview(database, 'Nils');
    await addQuote(database, vault, newQuote(leaving.session.id, leaving.participant.id, 'Evas ord', 1));
    await addQuote(database, vault, newQuote(staying.session.id, staying.participant.id, 'Nils sine ord', 1));
    const receipt = await withdrawParticipant(database, leaving.participant.id);
    expect(receipt.counts.quotes).toBe(1);
    expect(receipt.verified).toBe(true);
    expect(await listParticipantQuotes(database, vault, leaving.participant.id)).toEqual([]);
    expect((await listParticipantQuotes(database, vault, staying.participant.id)).map((quote) => quote.text)).toEqual(['Nils sine ord']);
  });

  it('travel in a backup and come back on restore, with the logged real-name exports', async () => {
    const { database, vault } = await setUp();
    const { participant, session } = await interview(database, 'Eva');
    const quote = await addQuote(database, vault, newQuote(session.id, participant.id, 'Evas ord', 1));
    await setQuoteStatus(database, vault, quote.id, 'approved');
    await logRealNameExport(database, [session.id], 'docx');
    const backup = await createBackup(database, vault, 'en lang nok passfrase', { iterations: TEST_ITERATIONS });
    await deleteQuote(database, quote.id);
    await restoreBackup(database, backup, 'en lang nok passfrase', vault);
    expect((await listSessionQuotes(database, vault, session.id)).map((entry) => [entry.text, entry.status])).toEqual([['Evas ord', 'approved']]);
    expect(realNameExportsOf((await getSession(database, session.id))!).map((entry) => entry.format)).toEqual(['docx']);
  });
});

describe('real-name exports', () => {
  it('are logged on every session of the export, with time and format only', async () => {
    const { database } = await setUp();
    const first = await interview(database, 'Eva');
    const second = await interview(database, 'Nils');
    const environment = testEnvironment();
    const entry = await logRealNameExport(database, [first.session.id, second.session.id], 'qdpx', environment);
    await logRealNameExport(database, [first.session.id], 'txt', environment);
    expect(realNameExportsOf((await getSession(database, first.session.id))!)).toEqual([entry, { at: entry.at + 1000, format: 'txt' }]);
    expect(realNameExportsOf((await getSession(database, second.session.id))!)).toEqual([entry]);
    await expect(logRealNameExport(database, ['missing'], 'txt')).rejects.toThrow('does not exist');
  });
});
