/** The project record and the key/value settings. */
import { runTransaction } from './database';
import { DEFAULT_SETTINGS, type Project, type Settings } from './records';
import { SINGLE_RECORD_KEY, STORE, type IntervjuDatabase, type SettingValue } from './schema';

/** The project, or null before it has been set up. */
export async function getProject(database: IntervjuDatabase): Promise<Project | null> {
  return (await database.get(STORE.project, SINGLE_RECORD_KEY)) ?? null;
}

/** Creates or replaces the project record. */
export async function saveProject(database: IntervjuDatabase, project: Project): Promise<void> {
  if (project.audioPolicy.kind === 'delete-after-days' && !(project.audioPolicy.days >= 0)) {
    throw new RangeError('Audio retention days must be zero or more.');
  }
  if (project.endDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(project.endDate)) {
    throw new RangeError('The project end date must be an ISO date (YYYY-MM-DD).');
  }
  await runTransaction(database, [STORE.project], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.project).put(project, SINGLE_RECORD_KEY);
  });
}

/** One setting, or its default when never set. */
export async function getSetting<Key extends keyof Settings>(database: IntervjuDatabase, key: Key): Promise<Settings[Key]> {
  const stored = await database.get(STORE.settings, key);
  return stored === undefined ? DEFAULT_SETTINGS[key] : (stored as Settings[Key]);
}

/** Stores one setting. */
export async function setSetting<Key extends keyof Settings>(database: IntervjuDatabase, key: Key, value: Settings[Key]): Promise<void> {
  await runTransaction(database, [STORE.settings], 'readwrite', async (transaction) => {
    await transaction.objectStore(STORE.settings).put(value as SettingValue, key);
  });
}
