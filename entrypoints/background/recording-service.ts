import { browser } from 'wxt/browser';
import {
  backgroundMessaging,
  broadcastStoreChange,
  offscreenMessaging,
  recordingReportMessaging,
  type RecordingMode,
  type RecordingState,
  type StartRecordingResult,
  type WhisperLanguage,
} from '../../src/messages';
import { exportVaultKey, getGuide, getProject, getSession, getSetting, type IntervjuDatabase } from '../../src/store';
import { bundledModelToUse, recallVault } from '../../src/ui';

const STATE_KEY = 'recording';
const CAPTURE_REQUEST_KEY = 'recording.captureRequest';
const FAILURE_KEY = 'recording.failure';

/** Why the last attempt to start recording failed, so the panel can say it even when the toolbar button started it. */
export async function readRecordingFailure(): Promise<StartRecordingResult | null> {
  return ((await browser.storage.session.get(FAILURE_KEY))[FAILURE_KEY] as StartRecordingResult | undefined) ?? null;
}

/** The recording, kept in storage.session: the worker may stop at any moment. */
export async function readRecordingState(): Promise<RecordingState | null> {
  return ((await browser.storage.session.get(STATE_KEY))[STATE_KEY] as RecordingState | undefined) ?? null;
}

async function writeRecordingState(state: RecordingState | null): Promise<void> {
  if (state) await browser.storage.session.set({ [STATE_KEY]: state });
  else await browser.storage.session.remove(STATE_KEY);
  broadcastStoreChange({ type: 'recording.changed' });
}

async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL('/offscreen.html');
  const existing = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (existing.length > 0) return;
  await browser.offscreen.createDocument({
    url,
    reasons: ['USER_MEDIA', 'AUDIO_PLAYBACK'],
    justification: 'Records the interview (call tab and microphone) and transcribes it on this machine.',
  });
}

const WHISPER_LANGUAGES: readonly WhisperLanguage[] = ['no', 'nn', 'en', 'sv', 'da', 'auto'];
const isWhisperLanguage = (value: string): value is WhisperLanguage => (WHISPER_LANGUAGES as readonly string[]).includes(value);

/**
 * A new offscreen document may not have registered its listener yet when
 * createDocument resolves; until it has, Chrome answers "Receiving end does not exist".
 */
async function untilOffscreenListens<T>(send: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await send();
    } catch (cause) {
      const missing = cause instanceof Error && cause.message.includes('Receiving end does not exist');
      if (!missing || Date.now() > deadline) throw cause;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Starts, pauses and stops recording. Chrome lets an extension capture a tab only
 * after the researcher invoked it there: when that grant is missing, the request is
 * remembered and clicking the toolbar button on the call starts the recording.
 */
export function serveRecording(openDatabase: () => Promise<IntervjuDatabase>): {
  onActionClicked(tabId: number): Promise<boolean>;
} {
  const start = async (mode: RecordingMode, tabId: number | null): Promise<StartRecordingResult> => {
    const db = await openDatabase();
    const vault = await recallVault();
    if (!vault) return { ok: false, reason: 'locked' };
    const sessionId = await getSetting(db, 'activeSessionId');
    const session = sessionId ? await getSession(db, sessionId) : null;
    if (!session || session.status !== 'active') return { ok: false, reason: 'no-session' };
    const guide = await getGuide(db, session.guideId, session.guideVersion);
    if (guide && !guide.intro.every((item) => session.consentChecked.includes(item.id))) {
      return { ok: false, reason: 'consent-incomplete' };
    }
    const current = await readRecordingState();
    if (current && (current.status === 'recording' || current.status === 'paused' || current.status === 'starting')) {
      return { ok: false, reason: 'already-recording' };
    }
    let streamId: string | null = null;
    if (mode === 'call') {
      if (tabId === null) return { ok: false, reason: 'capture-not-granted' };
      try {
        streamId = await browser.tabCapture.getMediaStreamId({ targetTabId: tabId });
      } catch {
        await browser.storage.session.set({ [CAPTURE_REQUEST_KEY]: { tabId, mode } });
        return { ok: false, reason: 'capture-not-granted' };
      }
    }
    await browser.storage.session.remove(CAPTURE_REQUEST_KEY);
    const project = await getProject(db);
    const model = await bundledModelToUse(await getSetting(db, 'transcriptionModel'));
    if (!model) return { ok: false, reason: 'failed', message: 'No transcription model in this build (models/)' };
    await ensureOffscreenDocument();
    const state: RecordingState = {
      sessionId: session.id,
      status: 'starting',
      mode,
      tabId: mode === 'call' ? tabId : null,
      startedAt: Date.now(),
      model: null,
      warnings: [],
    };
    await writeRecordingState(state);
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
      if (!result.ok) await writeRecordingState(null);
      return result;
    } catch (cause) {
      await writeRecordingState(null);
      return { ok: false, reason: 'failed', message: cause instanceof Error ? cause.message : String(cause) };
    }
  };

  const startAndRemember = async (mode: RecordingMode, tabId: number | null): Promise<StartRecordingResult> => {
    const result = await start(mode, tabId);
    if (result.ok || result.reason === 'capture-not-granted') await browser.storage.session.remove(FAILURE_KEY);
    else await browser.storage.session.set({ [FAILURE_KEY]: result });
    broadcastStoreChange({ type: 'recording.changed' });
    return result;
  };

  backgroundMessaging.onMessage('recording.start', async ({ data, sender }) => {
    // The side panel is no tab of its own: it records the tab it sits beside.
    const tabId =
      data.tabId ?? sender.tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? null;
    return startAndRemember(data.mode, tabId);
  });
  backgroundMessaging.onMessage('recording.pause', () => offscreenMessaging.sendMessage('offscreen.pause'));
  backgroundMessaging.onMessage('recording.resume', () => offscreenMessaging.sendMessage('offscreen.resume'));
  backgroundMessaging.onMessage('recording.stop', async () => {
    const state = await readRecordingState();
    if (!state) return;
    await offscreenMessaging.sendMessage('offscreen.finish').catch(() => undefined);
    await writeRecordingState(null);
    await browser.offscreen.closeDocument().catch(() => undefined);
  });

  recordingReportMessaging.onMessage('recording.report', async ({ data }) => {
    const state = await readRecordingState();
    if (!state) return;
    await writeRecordingState({
      ...state,
      ...(data.status ? { status: data.status } : {}),
      ...(data.model !== undefined ? { model: data.model } : {}),
      ...(data.voiceDetector ? { voiceDetector: data.voiceDetector } : {}),
      ...(data.warnings ? { warnings: data.warnings } : {}),
    });
  });

  // The call tab closing ends the capture: say so in the panel, and stop cleanly.
  browser.tabs.onRemoved.addListener((closedTabId) => {
    void readRecordingState().then(async (state) => {
      if (state?.tabId !== closedTabId) return;
      await writeRecordingState({ ...state, warnings: [...state.warnings, { kind: 'tab-closed' }] });
    });
  });

  return {
    /** True when the click granted a capture the researcher had asked for. */
    async onActionClicked(tabId) {
      const request = (await browser.storage.session.get(CAPTURE_REQUEST_KEY))[CAPTURE_REQUEST_KEY] as
        | { tabId: number; mode: RecordingMode }
        | undefined;
      if (!request || request.tabId !== tabId) return false;
      await startAndRemember(request.mode, tabId);
      return true;
    },
  };
}
