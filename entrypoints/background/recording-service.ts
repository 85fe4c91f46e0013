import { browser } from 'wxt/browser';
import { consentComplete } from '../../src/guide';
import {
  backgroundMessaging,
  broadcastStoreChange,
  isWhisperLanguage,
  offscreenMessaging,
  recordingReportMessaging,
  sendSessionUpdated,
  sendRecordingState,
  type FinishRecordingResult,
  type PanelScope,
  type RecordingMode,
  type RecordingState,
  type StartRecordingResult,
  type StopRecordingResult,
} from '../../src/messages';
import {
  addSessionProblem,
  exportVaultKey,
  getGuide,
  getProject,
  getSession,
  getSetting,
  updateSession,
  type IntervjuDatabase,
  type NewSessionProblem,
  type SessionProblem,
} from '../../src/store';
import { bundledModelToUse } from '../../src/transcribe';
import { ensureOffscreenDocument, untilOffscreenListens } from './offscreen-document';
import { recallVault } from '../../src/unlock';
import { scopeSessionSetting } from './panel-scope';

const STATE_KEY = 'recording';
/** How many times the state changed: panels order notices and full states by it. */
const VERSION_KEY = 'recording.version';
const CAPTURE_REQUEST_KEY = 'recording.captureRequest';
const FAILURE_KEY = 'recording.failure';

/** Why the last attempt to start recording failed, so the panel can say it even when the toolbar button started it. */
export async function readRecordingFailure(scope: PanelScope = 'call'): Promise<StartRecordingResult | null> {
  const stored = (await browser.storage.session.get(FAILURE_KEY))[FAILURE_KEY] as (StartRecordingResult & { scope?: PanelScope }) | undefined;
  // A failure belongs to the panel scope that asked: the practice page never shows the call's, nor the call the practice page's.
  if (!stored || (stored.scope ?? 'call') !== scope) return null;
  const { scope: _scope, ...result } = stored;
  return result as StartRecordingResult;
}

/** The recording, kept in storage.session: the worker may stop at any moment. */
export async function readRecordingState(): Promise<RecordingState | null> {
  return (await readRecording()).state;
}

/** The recording state with its version (`RecordingStateNotice.version`), read together. */
export async function readRecording(): Promise<{ state: RecordingState | null; version: number }> {
  const stored = await browser.storage.session.get([STATE_KEY, VERSION_KEY]);
  return { state: (stored[STATE_KEY] as RecordingState | undefined) ?? null, version: (stored[VERSION_KEY] as number | undefined) ?? 0 };
}

/**
 * Every change of the recording state reads and rewrites it (reports from the
 * offscreen document come close together, a stop may cross a late report): they
 * run one after another, or one would undo another, e.g. a late report bringing
 * back a state that a stop had just removed.
 */
let stateChanges: Promise<unknown> = Promise.resolve();
function changeRecordingState(change: (state: RecordingState | null) => RecordingState | null | undefined): Promise<void> {
  const next = stateChanges.then(async () => {
    const current = await readRecording();
    const updated = change(current.state);
    if (updated !== undefined) await storeRecordingState(updated, current.version + 1);
  });
  stateChanges = next.catch(() => undefined);
  return next;
}

function writeRecordingState(state: RecordingState | null): Promise<void> {
  return changeRecordingState(() => state);
}

async function storeRecordingState(state: RecordingState | null, version: number): Promise<void> {
  if (state) await browser.storage.session.set({ [STATE_KEY]: state, [VERSION_KEY]: version });
  else {
    await browser.storage.session.set({ [VERSION_KEY]: version });
    await browser.storage.session.remove(STATE_KEY);
  }
  // The panels take the state from the notice: a store-change notice here would make
  // every panel reload everything at each report (one per utterance).
  sendRecordingState(state, version);
}

/**
 * Finishing transcribes what is still queued: with a large model on two cores that
 * can take a while, but a document that never answers must not keep the devices.
 */
const FINISH_TIMEOUT_MS = 5 * 60_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${Math.round(ms / 1000)} s`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * Chrome ends an extension's service worker after 30 s without an event or an
 * extension API call; a stop draining a long queue waits longer than that for the
 * offscreen document's answer. An API call every 20 s keeps the worker (and the
 * awaited answer) alive; a worker ended anyway leaves "stopping", which the next
 * worker sees through when it starts (the end of `serveRecording`).
 */
const KEEP_ALIVE_MS = 20_000;

function keepingWorkerAlive<T>(work: Promise<T>): Promise<T> {
  const timer = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), KEEP_ALIVE_MS);
  return work.finally(() => clearInterval(timer));
}

const isRunning = (state: RecordingState | null): state is RecordingState =>
  state !== null && (state.status === 'recording' || state.status === 'paused' || state.status === 'starting' || state.status === 'stopping');

/** True while a recording starts, runs, is paused or finishes (the full-quality pass waits then). */
export async function isRecordingRunning(): Promise<boolean> {
  return isRunning(await readRecordingState());
}

/**
 * Starts, pauses and stops recording. Chrome lets an extension capture a tab only
 * after the researcher invoked it there: when that grant is missing, the request is
 * remembered and clicking the toolbar button on the call starts the recording.
 */
export interface RecordingControl {
  /** True when the click granted a capture the researcher had asked for. */
  onActionClicked(tabId: number): Promise<boolean>;
  /**
   * Stops the recording, if one runs: capture ends, what is queued is transcribed
   * and stored, the offscreen document (with the devices and the key) closes. A
   * second call while one is under way waits for the same stop.
   */
  stop(why?: NewSessionProblem): Promise<StopRecordingResult>;
}

/** What the full-quality pass needs to know of recordings: it gives way before one starts, and goes on after one ends. */
export interface RecordingNeighbours {
  beforeStart(): Promise<void>;
  afterStop(): void;
}

export function serveRecording(openDatabase: () => Promise<IntervjuDatabase>, neighbours?: RecordingNeighbours): RecordingControl {
  const start = async (mode: RecordingMode, tabId: number | null, scope: PanelScope = 'call'): Promise<StartRecordingResult> => {
    const db = await openDatabase();
    const vault = await recallVault();
    if (!vault) return { ok: false, reason: 'locked' };
    const sessionId = await getSetting(db, scopeSessionSetting(scope));
    const session = sessionId ? await getSession(db, sessionId) : null;
    if (!session || session.status !== 'active') return { ok: false, reason: 'no-session' };
    const guide = await getGuide(db, session.guideId, session.guideVersion);
    if (guide && !consentComplete(guide, session.consentChecked)) {
      return { ok: false, reason: 'consent-incomplete' };
    }
    if (isRunning(await readRecordingState())) return { ok: false, reason: 'already-recording' };
    let streamId: string | null = null;
    if (mode === 'call') {
      if (tabId === null) return { ok: false, reason: 'capture-not-granted' };
      try {
        streamId = await browser.tabCapture.getMediaStreamId({ targetTabId: tabId });
      } catch {
        await browser.storage.session.set({ [CAPTURE_REQUEST_KEY]: { tabId, mode, scope } });
        return { ok: false, reason: 'capture-not-granted' };
      }
    }
    await browser.storage.session.remove(CAPTURE_REQUEST_KEY);
    const project = await getProject(db);
    const model = await bundledModelToUse(await getSetting(db, 'transcriptionModel'));
    if (!model) return { ok: false, reason: 'failed', message: 'No transcription model in this build (models/)' };
    const state: RecordingState = {
      sessionId: session.id,
      status: 'starting',
      mode,
      tabId: mode === 'call' ? tabId : null,
      startedAt: Date.now(),
      model: null,
      warnings: [],
    };
    // The state first: from here the full-quality pass sees a recording and waits.
    await writeRecordingState(state);
    try {
      await neighbours?.beforeStart();
      await ensureOffscreenDocument();
    } catch (cause) {
      await closeRecording();
      return { ok: false, reason: 'failed', message: cause instanceof Error ? cause.message : String(cause) };
    }
    // Problems are kept per recording start (sessions.ts keeps each kind once per recording).
    const updated = await updateSession(db, session.id, { recordingStartedAt: state.startedAt });
    sendSessionUpdated(updated);
    const vaultKey = await exportVaultKey(vault);
    try {
      const result = await untilOffscreenListens(() =>
        offscreenMessaging.sendMessage('offscreen.begin', {
          sessionId: session.id,
          streamId,
          mode,
          language: isWhisperLanguage(session.language) ? session.language : 'no',
          sessionStartedAt: session.startedAt,
          keepAudio: project?.audioPolicy.kind !== 'no-audio',
          model,
          vaultKey,
        }),
      );
      if (!result.ok) await closeRecording();
      return result;
    } catch (cause) {
      await closeRecording();
      return { ok: false, reason: 'failed', message: cause instanceof Error ? cause.message : String(cause) };
    }
  };

  /** Forgets the state and closes the offscreen document, which ends every track it held and forgets the key. */
  const closeRecording = async () => {
    await writeRecordingState(null);
    await browser.offscreen.closeDocument().catch(() => undefined);
    neighbours?.afterStop();
  };

  let stopping: Promise<StopRecordingResult> | null = null;
  const stop = async (why?: NewSessionProblem): Promise<StopRecordingResult> => {
    const state = await readRecordingState();
    if (!state) return { ok: true, problems: [] };
    const db = await openDatabase();
    const keep = async (problem: NewSessionProblem): Promise<SessionProblem> => {
      const kept = { ...problem, at: Date.now() } as SessionProblem;
      try {
        sendSessionUpdated(await addSessionProblem(db, state.sessionId, kept));
      } catch (cause) {
        console.error('Intervju: could not keep a problem with the session', cause, kept);
      }
      return kept;
    };
    const cause = why ? await keep(why) : null;
    if (stopping) return stopping;
    stopping = (async () => {
      await changeRecordingState((current) => (current ? { ...current, status: 'stopping' } : undefined));
      let finished: FinishRecordingResult | null = null;
      let failure: SessionProblem | null = null;
      try {
        finished = await keepingWorkerAlive(withTimeout(offscreenMessaging.sendMessage('offscreen.finish'), FINISH_TIMEOUT_MS, 'The recording'));
      } catch (error) {
        // The document is gone or hangs: what it had not stored is lost as text, but
        // its audio up to the last 2-second chunk is stored (where the project keeps audio).
        failure = await keep({ kind: 'finish-failed', message: error instanceof Error ? error.message : String(error) });
      }
      await closeRecording();
      const problems = [...(cause ? [cause] : []), ...(finished?.problems ?? []), ...(failure ? [failure] : [])];
      return { ok: finished?.ok === true && failure === null, problems, ...(finished ? { counts: finished.counts } : {}) };
    })().finally(() => (stopping = null));
    return stopping;
  };

  const startAndRemember = async (mode: RecordingMode, tabId: number | null, scope?: PanelScope): Promise<StartRecordingResult> => {
    const result = await start(mode, tabId, scope);
    if (result.ok || result.reason === 'capture-not-granted') await browser.storage.session.remove(FAILURE_KEY);
    else await browser.storage.session.set({ [FAILURE_KEY]: { ...result, scope: scope ?? 'call' } });
    broadcastStoreChange({ type: 'recording.changed' });
    return result;
  };

  backgroundMessaging.onMessage('recording.start', async ({ data, sender }) => {
    // The side panel is no tab of its own: it records the tab it sits beside.
    const tabId =
      data.tabId ?? sender.tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? null;
    return startAndRemember(data.mode, tabId, data.scope);
  });
  backgroundMessaging.onMessage('recording.pause', () => offscreenMessaging.sendMessage('offscreen.pause'));
  backgroundMessaging.onMessage('recording.resume', () => offscreenMessaging.sendMessage('offscreen.resume'));
  backgroundMessaging.onMessage('recording.stop', () => stop());

  recordingReportMessaging.onMessage('recording.report', ({ data }) =>
    changeRecordingState((state) =>
      // No state: the recording was stopped and this report came late.
      state
        ? {
            ...state,
            // A late report from the document must not turn a stopping recording back on.
            ...(data.status && state.status !== 'stopping' ? { status: data.status } : {}),
            ...(data.model !== undefined ? { model: data.model } : {}),
            ...(data.voiceDetector ? { voiceDetector: data.voiceDetector } : {}),
            ...(data.warnings ? { warnings: data.warnings } : {}),
            ...(data.counts ? { counts: data.counts } : {}),
            ...(data.memory ? { memory: data.memory } : {}),
          }
        : undefined,
    ),
  );

  // The call tab closing or reloading ends the call's capture (and the panel in it):
  // stop cleanly, transcribing what was heard, and keep why with the session.
  browser.tabs.onRemoved.addListener((closedTabId) => {
    void readRecordingState().then((state) => {
      if (isRunning(state) && state.tabId === closedTabId) void stop({ kind: 'tab-closed' });
    });
  });
  // A reload or a navigation to another document; a call client's own in-page
  // route changes (history.pushState) do not set `loading`.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    void readRecordingState().then((state) => {
      if (isRunning(state) && state.tabId === tabId && state.status !== 'starting') void stop({ kind: 'tab-reloaded' });
    });
  });

  // A stop that an earlier worker began and did not see through (Chrome ended it
  // mid-drain) would leave the state "stopping" for good: this worker asks the
  // document to finish again (it answers with the same finish) and closes the recording.
  void readRecordingState().then((state) => {
    if (state?.status === 'stopping') void stop();
  });

  return {
    stop,
    async onActionClicked(tabId) {
      const request = (await browser.storage.session.get(CAPTURE_REQUEST_KEY))[CAPTURE_REQUEST_KEY] as
        | { tabId: number; mode: RecordingMode; scope?: PanelScope }
        | undefined;
      if (!request || request.tabId !== tabId) return false;
      await startAndRemember(request.mode, tabId, request.scope);
      return true;
    },
  };
}
