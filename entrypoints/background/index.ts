import { browser } from 'wxt/browser';
import { isCoverageCommand } from '../../src/coverage';
import { requestEndInterview } from '../../src/messages';
import { platformOf } from '../../src/meeting';
import { openIntervjuDatabase, type IntervjuDatabase } from '../../src/store';
import { checkAutoLock } from './auto-lock';
import { runCoverageCommand } from './coverage-commands';
import { seedExampleGuide } from './example-guide';
import { scheduleLifecycle } from './lifecycle';
import { serveSuggestions } from './coverage-suggestions';
import { serveFinalPass } from './final-pass-service';
import { servePanel } from './panel-service';
import { markInterruptedSessions } from './session-recovery';
import { serveRecording } from './recording-service';

/** Firefox's sidebar API, which Chrome's typings do not describe. */
function openFirefoxSidebar(): void {
  const sidebar = (globalThis as { browser?: { sidebarAction?: { open(): Promise<void> } } }).browser?.sidebarAction;
  void sidebar?.open();
}

/**
 * The service worker only orchestrates. MV3 may stop it at any moment, so it keeps
 * nothing in memory that is not also in IndexedDB or storage.session.
 */
export default defineBackground(() => {
  // One connection per worker lifetime; reopened if another page upgraded the schema.
  let database: Promise<IntervjuDatabase> | null = null;
  const openDatabase = () =>
    (database ??= openIntervjuDatabase({ onVersionChange: () => (database = null) }).catch((cause: unknown) => {
      database = null;
      throw cause;
    }));

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    // A first install comes with the example guide, so the practice call shows something at once.
    void openDatabase()
      .then((db) => seedExampleGuide(db))
      .catch((cause: unknown) => console.error('Intervju: could not store the example guide', cause))
      .finally(() => browser.tabs.create({ url: browser.runtime.getURL('/workspace.html') }));
  });

  // The full-quality pass after an interview gives way to recordings and goes on after them.
  const finalPass = serveFinalPass(openDatabase);
  const recording = serveRecording(openDatabase, { beforeStart: () => finalPass.yieldToRecording(), afterStop: () => finalPass.kick() });

  // The toolbar button grants tab capture when the panel asked for it. On other
  // tabs (a phone interview on speaker, a call the content script does not know)
  // it opens the panel in the side panel; that must happen inside the click's user
  // gesture, so it is decided from the tab's URL without awaiting anything.
  // Firefox's MV2 build has browserAction and a sidebar instead (and no recording).
  const toolbarButton = import.meta.env.FIREFOX ? browser.browserAction : browser.action;
  toolbarButton.onClicked.addListener((tab) => {
    if (tab.id === undefined) return;
    if (import.meta.env.FIREFOX) return openFirefoxSidebar();
    if (platformOf(tab.url ?? '') === 'other') void browser.sidePanel.open({ tabId: tab.id }).catch(() => undefined);
    void recording.onActionClicked(tab.id);
  });

  // Shortcuts that work while focus is in the call, where the panel hears no keys.
  servePanel(openDatabase, recording, (sessionId) => void finalPass.request(sessionId));
  const suggestions = serveSuggestions(openDatabase);

  browser.commands.onCommand.addListener((command) => {
    if (isCoverageCommand(command)) void openDatabase().then((db) => runCoverageCommand(db, command));
    else if (command === 'confirm-suggestion') void suggestions.decideNewest('confirmed');
    else if (command === 'dismiss-suggestion') void suggestions.decideNewest('dismissed');
    else if (command === 'end-interview') requestEndInterview();
  });
  void openDatabase().then((db) => markInterruptedSessions(db));
  // Passes a restart cut off (or that waited for the store to be unlocked) go on.
  finalPass.kick();
  scheduleLifecycle(openDatabase);

  void browser.alarms.create('auto-lock', { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === 'auto-lock') void openDatabase().then((db) => checkAutoLock(db));
  });
});
