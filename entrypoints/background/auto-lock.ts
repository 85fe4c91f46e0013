import { getSetting, type IntervjuDatabase } from '../../src/store';
import { forgetVault, lastVaultActivity } from '../../src/unlock';
import { readRecordingState } from './recording-service';

/**
 * Locks the store when the researcher has done nothing for the configured time.
 * Never during a recording: an interviewer who listens for twenty minutes without
 * touching the panel must not find the guide locked in the middle of the interview.
 */
export async function checkAutoLock(db: IntervjuDatabase, now = Date.now()): Promise<void> {
  const last = await lastVaultActivity();
  if (last === null) return;
  const recording = await readRecordingState();
  if (recording && recording.status !== 'stopped') return;
  const minutes = (await getSetting(db, 'autoLockMinutes')) ?? 15;
  if (minutes > 0 && now - last > minutes * 60_000) await forgetVault();
}
