import { describe, expect, it } from 'vitest';
import { createBackup, restoreBackup } from './backup';
import { getSetting, setSetting } from './project';
import { PASSPHRASE, TEST_ITERATIONS, openTestDatabase } from './test-support';
import { initialiseVault } from './vault';

describe('the "delete automatically at the end date" setting', () => {
  it('is on in a database that never stored it (older databases included)', async () => {
    const { database } = await openTestDatabase();
    expect(await getSetting(database, 'deleteAtEndDate')).toBe(true);
  });

  it('stays off once the researcher turns it off, also through a backup and restore', async () => {
    const { database } = await openTestDatabase();
    const vault = await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS });
    await setSetting(database, 'deleteAtEndDate', false);
    expect(await getSetting(database, 'deleteAtEndDate')).toBe(false);
    const backup = await createBackup(database, vault, 'backup-passordfrase', { iterations: TEST_ITERATIONS });
    await setSetting(database, 'deleteAtEndDate', true);
    await restoreBackup(database, backup, 'backup-passordfrase', vault);
    expect(await getSetting(database, 'deleteAtEndDate')).toBe(false);
  });
});
