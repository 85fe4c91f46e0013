import { browser } from 'wxt/browser';
import {
  backgroundMessaging,
  broadcastStoreChange,
  finalPassReportMessaging,
  isWhisperLanguage,
  offscreenMessaging,
  sendSessionUpdated,
  type FinalPassAction,
  type FinalPassControlResult,
  type FinalPassOutcome,
} from '../../src/messages';
import {
  addSessionProblem,
  exportVaultKey,
  getSession,
  getSetting,
  listSessions,
  updateFinalPass,
  type FinalPass,
  type IntervjuDatabase,
  type Session,
} from '../../src/store';
import { bundledModelToUse, isPending, newFinalPass, nextFinalPassState, restartsPass, type FinalPassEvent } from '../../src/transcribe';
import { recallVault, touchVault } from '../../src/unlock';
import { resuggestSession } from './coverage-suggestions';
import { ensureOffscreenDocument, offscreenDocumentOpen, untilOffscreenListens } from './offscreen-document';
import { isRecordingRunning } from './recording-service';

/** The session whose pass the offscreen document runs now; in storage.session, since this worker may stop while it runs. */
const RUNNING_KEY = 'finalPass.running';

/**
 * The full-quality pass after an interview (docs/final-pass.md). The offscreen
 * document does the work; this worker only decides which session's pass runs
 * when: one at a time, never beside a recording (a recording's start stops it
 * and it goes on after), only while the store is unlocked (the document needs
 * the key), resumed at start-up and after each recording.
 */
export interface FinalPassControl {
  /** Asks for a session's pass (the interview ended, a file import finished). */
  request(sessionId: string): Promise<FinalPassControlResult>;
  /** Before a recording starts: stops a running pass (it waits and resumes after) and closes its document. */
  yieldToRecording(): Promise<void>;
  /** Runs the next waiting pass if nothing stands in the way (a recording ended, the store was unlocked, start-up). */
  kick(): void;
}

export function serveFinalPass(openDatabase: () => Promise<IntervjuDatabase>): FinalPassControl {
  // Firefox's build records nothing and has no offscreen document: it has no pass either.
  if (import.meta.env.FIREFOX) return { request: async () => ({ ok: false, reason: 'not-applicable' }), yieldToRecording: async () => undefined, kick: () => undefined };
  // One change at a time: a pause must not cross the start of the next pass.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch((cause: unknown) => console.error('Intervju: final pass', cause));
    return run;
  };

  const runningSession = async (): Promise<string | null> =>
    ((await browser.storage.session.get(RUNNING_KEY))[RUNNING_KEY] as string | undefined) ?? null;

  const transition = async (db: IntervjuDatabase, sessionId: string, event: FinalPassEvent, extra: Partial<FinalPass> = {}): Promise<Session | null> => {
    const updated = await updateFinalPass(db, sessionId, (pass) => {
      const state = pass ? nextFinalPassState(pass.state, event) : null;
      return pass && state ? { ...pass, ...extra, state } : null;
    });
    if (updated) announce(updated);
    return updated;
  };

  /** Stops the pass the document runs, if any; resolves once it writes nothing more. */
  const stopRunning = async (): Promise<string | null> => {
    const sessionId = await runningSession();
    if (sessionId === null) return null;
    if (await offscreenDocumentOpen()) await offscreenMessaging.sendMessage('offscreen.finalPass.stop').catch(() => undefined);
    await browser.storage.session.remove(RUNNING_KEY);
    return sessionId;
  };

  const closeIdleDocument = async () => {
    if (!(await isRecordingRunning()) && (await offscreenDocumentOpen())) await browser.offscreen.closeDocument().catch(() => undefined);
  };

  const start = async (): Promise<void> => {
    if (await isRecordingRunning()) return;
    const running = await runningSession();
    if (running !== null) {
      if (await offscreenDocumentOpen()) return;
      // The document went (a crash, an extension reload): the pass goes on from its stored progress.
      await browser.storage.session.remove(RUNNING_KEY);
    }
    const vault = await recallVault();
    if (!vault) return;
    const db = await openDatabase();
    const next = (await listSessions(db)).filter((session) => isPending(session.finalPass)).sort((a, b) => a.finalPass!.requestedAt - b.finalPass!.requestedAt)[0];
    if (!next?.finalPass) return closeIdleDocument();
    await ensureOffscreenDocument('final-pass');
    const vaultKey = await exportVaultKey(vault);
    let answer: { ok: boolean; message?: string };
    try {
      answer = await untilOffscreenListens(() =>
        offscreenMessaging.sendMessage('offscreen.finalPass.run', {
          sessionId: next.id,
          model: next.finalPass!.model,
          language: isWhisperLanguage(next.language) ? next.language : 'no',
          vaultKey,
        }),
      );
    } catch (cause) {
      answer = { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
    }
    if (answer.ok) await browser.storage.session.set({ [RUNNING_KEY]: next.id });
    else await fail(db, next.id, answer.message ?? 'The offscreen document refused the pass');
  };

  const fail = async (db: IntervjuDatabase, sessionId: string, message: string) => {
    await transition(db, sessionId, 'fail', { error: message, finishedAt: Date.now() });
    try {
      sendSessionUpdated(await addSessionProblem(db, sessionId, { kind: 'final-pass-failed', at: Date.now(), message }));
    } catch (cause) {
      console.error('Intervju: could not keep a problem with the session', cause);
    }
  };

  const kick = () => void serially(start);

  const request = async (sessionId: string): Promise<FinalPassControlResult> => {
    const db = await openDatabase();
    const session = await getSession(db, sessionId);
    if (!session) return { ok: false, reason: 'no-session' };
    if (!session.hasAudio) return { ok: false, reason: 'no-audio' };
    // A session still running may record more (its pass is asked for when it ends); an approved transcript is final.
    if (session.status === 'active' || session.status === 'approved') return { ok: false, reason: 'not-applicable' };
    if (nextFinalPassState(session.finalPass?.state, 'request') === null) return { ok: false, reason: 'not-applicable' };
    const model = await bundledModelToUse(await getSetting(db, 'finalTranscriptionModel'));
    if (!model) return { ok: false, reason: 'no-model' };
    const now = Date.now();
    const updated = await updateFinalPass(db, sessionId, (pass) => {
      if (nextFinalPassState(pass?.state, 'request') === null) return null;
      // A paused pass goes on where it stopped; a finished, failed or cancelled one starts over.
      return pass && !restartsPass(pass.state) ? { ...pass, state: 'waiting', requestedAt: now } : newFinalPass(model, now);
    });
    if (!updated) return { ok: false, reason: 'not-applicable' };
    announce(updated);
    await start();
    return { ok: true };
  };

  /** Pause, resume, cancel: stop the document's pass first when it is this session's, then change the state. */
  const control = async (sessionId: string, action: Exclude<FinalPassAction, 'start'>): Promise<FinalPassControlResult> => {
    const db = await openDatabase();
    const event: FinalPassEvent = action;
    const session = await getSession(db, sessionId);
    if (!session) return { ok: false, reason: 'no-session' };
    if (nextFinalPassState(session.finalPass?.state, event) === null) return { ok: false, reason: 'not-applicable' };
    if (action !== 'resume' && (await runningSession()) === sessionId) await stopRunning();
    const updated = await transition(db, sessionId, event, action === 'cancel' ? { channel: null, finishedAt: Date.now() } : {});
    if (!updated) return { ok: false, reason: 'not-applicable' };
    await start();
    return { ok: true };
  };

  backgroundMessaging.onMessage('finalPass.control', async ({ data }) => {
    await touchVault();
    return serially(() => (data.action === 'start' ? request(data.sessionId) : control(data.sessionId, data.action)));
  });

  finalPassReportMessaging.onMessage('finalPass.report', ({ data }) => {
    void serially(() => settle(data));
  });

  const settle = async (report: FinalPassOutcome) => {
    if ((await runningSession()) === report.sessionId) await browser.storage.session.remove(RUNNING_KEY);
    const db = await openDatabase();
    if (report.outcome === 'failed') await fail(db, report.sessionId, report.message);
    if (report.outcome === 'done') {
      const vault = await recallVault();
      if (vault) await resuggestSession(db, vault, report.sessionId).catch((cause: unknown) => console.error('Intervju: could not suggest again', cause));
    }
    await start();
  };

  // The key appears in storage.session when any page unlocks: waiting passes can run.
  browser.storage.session.onChanged.addListener((changes) => {
    if (changes['vault.dataKey']?.newValue) kick();
  });

  return {
    request: (sessionId) => serially(() => request(sessionId)),
    yieldToRecording: () =>
      serially(async () => {
        const sessionId = await stopRunning();
        if (sessionId !== null) await transition(await openDatabase(), sessionId, 'yield');
        // The recording's state is written already: its document is made fresh after this, with its own reasons.
        if (await offscreenDocumentOpen()) await browser.offscreen.closeDocument().catch(() => undefined);
      }),
    kick,
  };
}

function announce(session: Session): void {
  sendSessionUpdated(session);
  broadcastStoreChange({ type: 'session.changed', sessionId: session.id });
}
