import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { PassphraseTooShortError, VaultStateError, WrongPassphraseError } from './errors';
import { listNotes, addNote } from './notes';
import { openIntervjuDatabase } from './database';
import { PASSPHRASE, TEST_ITERATIONS, openTestDatabase } from './test-support';
import {
  changePassphrase,
  exportVaultKey,
  importVaultKey,
  initialiseVault,
  isVaultInitialised,
  unlockVault,
  vaultMatchesDatabase,
} from './vault';
import { STORE, SINGLE_RECORD_KEY } from './schema';

const options = { iterations: TEST_ITERATIONS };

describe('vault', () => {
  it('is set up once, then unlocks with the same passphrase and decrypts what it encrypted', async () => {
    const { database } = await openTestDatabase();
    expect(await isVaultInitialised(database)).toBe(false);
    const vault = await initialiseVault(database, PASSPHRASE, options);
    expect(await isVaultInitialised(database)).toBe(true);
    await addNote(database, vault, { sessionId: 's1', text: 'Hun nølte før hun svarte.', time: 1 });

    const reopened = await unlockVault(database, PASSPHRASE);
    expect((await listNotes(database, reopened, 's1')).map((note) => note.text)).toEqual(['Hun nølte før hun svarte.']);
  });

  it('stores the iteration count it used, and 600,000 by default', async () => {
    const { database } = await openTestDatabase();
    await initialiseVault(database, PASSPHRASE, options);
    expect((await database.get(STORE.vault, SINGLE_RECORD_KEY))?.iterations).toBe(TEST_ITERATIONS);
    const { database: other } = await openTestDatabase();
    await initialiseVault(other, PASSPHRASE);
    expect((await other.get(STORE.vault, SINGLE_RECORD_KEY))?.iterations).toBe(600_000);
  });

  it('refuses a second set-up and a short passphrase', async () => {
    const { database } = await openTestDatabase();
    await expect(initialiseVault(database, 'kort', options)).rejects.toBeInstanceOf(PassphraseTooShortError);
    expect(await isVaultInitialised(database)).toBe(false);
    await initialiseVault(database, PASSPHRASE, options);
    await expect(initialiseVault(database, 'another passphrase', options)).rejects.toBeInstanceOf(VaultStateError);
    await expect(unlockVault(database, PASSPHRASE)).resolves.toBeDefined();
  });

  it('throws WrongPassphraseError for a wrong passphrase and decrypts nothing', async () => {
    const { database } = await openTestDatabase();
    await initialiseVault(database, PASSPHRASE, options);
    await expect(unlockVault(database, 'korrekt hest batteri stifT')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('accepts the same passphrase typed with decomposed letters (Unicode NFC)', async () => {
    const { database } = await openTestDatabase();
    await initialiseVault(database, 'blåbærsyltetøy', options);
    await expect(unlockVault(database, 'bla\u030Abærsyltetøy')).resolves.toBeDefined();
  });

  it('changing the passphrase keeps old records readable and retires the old passphrase', async () => {
    const { database } = await openTestDatabase();
    const vault = await initialiseVault(database, PASSPHRASE, options);
    await addNote(database, vault, { sessionId: 's1', text: 'Før byttet', time: 1 });
    const before = await database.getAll(STORE.notes);

    await changePassphrase(database, PASSPHRASE, 'et helt nytt passord', options);

    // Records were not rewritten: same ciphertext bytes.
    expect(await database.getAll(STORE.notes)).toEqual(before);
    await expect(unlockVault(database, PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError);
    const unlocked = await unlockVault(database, 'et helt nytt passord');
    expect((await listNotes(database, unlocked, 's1'))[0]?.text).toBe('Før byttet');
  });

  it('refuses a passphrase change given the wrong old passphrase, leaving the vault as it was', async () => {
    const { database } = await openTestDatabase();
    await initialiseVault(database, PASSPHRASE, options);
    await expect(changePassphrase(database, 'not the passphrase', 'et helt nytt passord', options)).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unlockVault(database, PASSPHRASE)).resolves.toBeDefined();
  });

  it('hands the unlocked key to another page through base64, which reads the same records', async () => {
    const { database } = await openTestDatabase();
    const vault = await initialiseVault(database, PASSPHRASE, options);
    await addNote(database, vault, { sessionId: 's1', text: 'Delt nøkkel', time: 1 });
    const raw = await exportVaultKey(vault);
    expect(raw).toMatch(/^[A-Za-z0-9+/]{43}=$/); // 32 bytes
    const imported = await importVaultKey(raw);
    expect(await vaultMatchesDatabase(database, imported)).toBe(true);
    expect((await listNotes(database, imported, 's1'))[0]?.text).toBe('Delt nøkkel');
  });

  it('recognises a key from another database as not matching', async () => {
    const { database } = await openTestDatabase();
    await initialiseVault(database, PASSPHRASE, options);
    const other = await openIntervjuDatabase({ indexedDB: new IDBFactory() });
    const foreign = await initialiseVault(other, PASSPHRASE, options);
    expect(await vaultMatchesDatabase(database, foreign)).toBe(false);
  });
});
