/** Guides, kept in clear: a guide holds questions, never participant data. */
import type { Guide } from '../guide/model';
import { runTransaction } from './database';
import { RecordStateError } from './errors';
import { getSetting, setSetting } from './project';
import type { GuideRef } from './records';
import { STORE, type IntervjuDatabase } from './schema';

/** Stores a new guide version; rejects if that id and version exist (versions are immutable). */
export async function saveGuide(database: IntervjuDatabase, guide: Guide): Promise<void> {
  await runTransaction(database, [STORE.guides], 'readwrite', async (transaction) => {
    const store = transaction.objectStore(STORE.guides);
    if (await store.get([guide.id, guide.version])) {
      throw new RecordStateError(`Guide ${guide.id} version ${guide.version} exists already; save a new version instead.`);
    }
    await store.add(guide);
  });
}

/** One guide version, or null. */
export async function getGuide(database: IntervjuDatabase, id: string, version: number): Promise<Guide | null> {
  return (await database.get(STORE.guides, [id, version])) ?? null;
}

/** Every version of one guide, oldest first. */
export async function listGuideVersions(database: IntervjuDatabase, id: string): Promise<Guide[]> {
  // Keys sort by [id, version], so this range yields the versions in order.
  return database.getAll(STORE.guides, IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
}

/** The highest version of one guide, or null. */
export async function getLatestGuide(database: IntervjuDatabase, id: string): Promise<Guide | null> {
  return runTransaction(database, [STORE.guides], 'readonly', async (transaction) => {
    const range = IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
    const cursor = await transaction.objectStore(STORE.guides).openCursor(range, 'prev');
    return cursor?.value ?? null;
  });
}

/** The latest version of each guide, by title. */
export async function listGuides(database: IntervjuDatabase): Promise<Guide[]> {
  const latest = new Map<string, Guide>();
  for (const guide of await database.getAll(STORE.guides)) {
    const known = latest.get(guide.id);
    if (!known || known.version < guide.version) latest.set(guide.id, guide);
  }
  return [...latest.values()].sort((left, right) => left.title.localeCompare(right.title));
}

/** The guide version new sessions use, or null. */
export function getActiveGuideRef(database: IntervjuDatabase): Promise<GuideRef | null> {
  return getSetting(database, 'activeGuide');
}

/** Sets (or clears) the guide version new sessions use. */
export function setActiveGuideRef(database: IntervjuDatabase, ref: GuideRef | null): Promise<void> {
  return setSetting(database, 'activeGuide', ref === null ? null : { id: ref.id, version: ref.version });
}

/** The active guide version itself, or null when none is set or it no longer exists. */
export async function getActiveGuide(database: IntervjuDatabase): Promise<Guide | null> {
  const ref = await getActiveGuideRef(database);
  return ref ? getGuide(database, ref.id, ref.version) : null;
}
