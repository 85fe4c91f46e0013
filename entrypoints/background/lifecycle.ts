/**
 * The ethics lifecycle, run by the background without the researcher: audio
 * retention at start-up and daily, and deletion of all project data once the
 * end date has come (when the researcher left "delete automatically" on).
 * Both work while locked: deletion needs none of the encrypted content.
 */
import { browser } from 'wxt/browser';
import { broadcastStoreChange } from '../../src/messages';
import {
  applyAudioRetention,
  deleteAllProjectData,
  type DeletionReceipt,
  deletionRecord,
  getProject,
  getSession,
  getSetting,
  type IntervjuDatabase,
  keepLastDeletion,
  type LocalArea,
  projectEndStatus,
} from '../../src/store';
import { forgetVault } from '../../src/unlock';

export const LIFECYCLE_ALARM = 'lifecycle';
const DAY_MINUTES = 24 * 60;
const RAN_THIS_SESSION_KEY = 'lifecycle.ranThisSession';

export interface LifecycleEnvironment {
  now?: number;
  /** Where the last deletion is kept for the workspace; chrome.storage.local by default. */
  area?: LocalArea;
  /** Forgets the unlocked key everywhere; the vault it belonged to is gone with the data. */
  forget?: () => Promise<void>;
  announce?: () => void;
}

export interface LifecycleOutcome {
  audioDeleted: number;
  /** The project deletion, when it happened in this run. */
  projectDeleted: DeletionReceipt | null;
  /** True when the project had ended and would have been deleted, but an interview was still running. */
  deferred: boolean;
}

/** One lifecycle pass: audio retention, then the end-date check. Safe to run at any time. */
export async function runLifecycle(db: IntervjuDatabase, environment: LifecycleEnvironment = {}): Promise<LifecycleOutcome> {
  const now = environment.now ?? Date.now();
  const area = environment.area;
  const retention = await applyAudioRetention(db, now);
  if (retention.counts.audio > 0) await keepLastDeletion(deletionRecord('audio-retention', retention), area);

  const status = projectEndStatus(await getProject(db), now);
  if (!status.ended || !(await getSetting(db, 'deleteAtEndDate'))) {
    return { audioDeleted: retention.counts.audio, projectDeleted: null, deferred: false };
  }
  // An interview running across the end date finishes first: it cannot be repeated,
  // and the next run (at the latest a day later) deletes it with everything else.
  const activeId = await getSetting(db, 'activeSessionId');
  const active = activeId ? await getSession(db, activeId) : null;
  if (active?.status === 'active') return { audioDeleted: retention.counts.audio, projectDeleted: null, deferred: true };

  const receipt = await deleteAllProjectData(db, { now: () => now });
  await keepLastDeletion(deletionRecord('project-end-automatic', receipt), area);
  await (environment.forget ?? forgetVault)();
  (environment.announce ?? (() => broadcastStoreChange({ type: 'project.changed' })))();
  return { audioDeleted: retention.counts.audio, projectDeleted: receipt, deferred: false };
}

/**
 * Runs the lifecycle at browser start-up and daily (chrome.alarms wake the worker;
 * it holds no timer of its own, since MV3 may stop it at any moment).
 */
export function scheduleLifecycle(openDatabase: () => Promise<IntervjuDatabase>): void {
  const run = () =>
    void openDatabase()
      .then((db) => runLifecycle(db))
      .catch((cause: unknown) => console.error('Intervju: the retention and end-date check failed', cause));

  // Once per browser session, at the worker's first start: storage.session is
  // cleared when the browser exits, so this is "at start-up" without relying on
  // runtime.onStartup, which does not fire for every way a profile is opened.
  void browser.storage.session.get(RAN_THIS_SESSION_KEY).then(async (stored) => {
    if (stored[RAN_THIS_SESSION_KEY]) return;
    await browser.storage.session.set({ [RAN_THIS_SESSION_KEY]: true });
    run();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === LIFECYCLE_ALARM) run();
  });
  // Creating an alarm that exists restarts its period; the worker starts many times a
  // day, so only create it when missing (first install, or cleared by an update).
  void browser.alarms.get(LIFECYCLE_ALARM).then((existing) => {
    if (existing) return;
    void browser.alarms.create(LIFECYCLE_ALARM, { delayInMinutes: 1, periodInMinutes: DAY_MINUTES });
  });
}
