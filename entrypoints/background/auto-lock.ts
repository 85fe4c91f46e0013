import { getSetting, type IntervjuDatabase } from '../../src/store';
import { forgetVault, lastVaultActivity } from '../../src/ui';

/** Locks the store when the researcher has done nothing for the configured time. */
export async function checkAutoLock(db: IntervjuDatabase, now = Date.now()): Promise<void> {
  const last = await lastVaultActivity();
  if (last === null) return;
  const minutes = (await getSetting(db, 'autoLockMinutes')) ?? 15;
  if (minutes > 0 && now - last > minutes * 60_000) await forgetVault();
}
