import { neighbourQuestion } from '../../src/coverage';
import { consentComplete } from '../../src/guide';
import { backgroundMessaging, broadcastStoreChange, sendPanelChange, sendSessionUpdated, type PanelScope, type PanelState, type StopRecordingResult } from '../../src/messages';
import {
  addNote,
  createParticipant,
  createSession,
  getActiveGuide,
  getGuide,
  getParticipant,
  getSession,
  getSetting,
  listCoverage,
  listNotes,
  listSegments,
  listSessions,
  sessionsWithAudio,
  recordConsent,
  setSetting,
  updateSession,
  type IntervjuDatabase,
} from '../../src/store';
import { localVaultAccess, recallVault, touchVault } from '../../src/unlock';
import { recordMark, runCoverageCommand } from './coverage-commands';
import { scopeSessionSetting, scopedCommand } from './panel-scope';
import { readRecording, readRecordingFailure, readRecordingState, type RecordingControl } from './recording-service';


/**
 * Answers the panel's requests. The panel in a meeting page may not open IndexedDB
 * itself (third-party storage is blocked there), so everything it reads or writes
 * goes through here. Nothing is kept between requests: the worker may stop any time.
 */
export function servePanel(
  openDatabase: () => Promise<IntervjuDatabase>,
  recording: RecordingControl,
  /** An interview ended: its full-quality pass is asked for (docs/final-pass.md). */
  onEnded: (sessionId: string) => void = () => undefined,
): void {
  const recordingOf = async (sessionId: string | undefined) => {
    const { state, version } = await readRecording();
    return { recording: state && state.sessionId === sessionId ? state : null, recordingVersion: version };
  };
  const vaultAccess = async () => localVaultAccess(await openDatabase());
  const activeSession = async (db: IntervjuDatabase, scope: PanelScope | undefined) => {
    const sessionId = await getSetting(db, scopeSessionSetting(scope));
    const session = sessionId ? await getSession(db, sessionId) : null;
    return session && (session.status === 'active' || session.status === 'interrupted') ? session : null;
  };

  backgroundMessaging.onMessage('vault.status', async () => (await vaultAccess()).status());
  backgroundMessaging.onMessage('vault.setUp', async ({ data }) => (await vaultAccess()).setUp(data));
  backgroundMessaging.onMessage('vault.unlock', async ({ data }) => (await vaultAccess()).unlock(data));
  backgroundMessaging.onMessage('vault.lock', async () => (await vaultAccess()).lock());

  backgroundMessaging.onMessage('panel.state', async ({ data: scope }): Promise<PanelState> => {
    const db = await openDatabase();
    const vaultStatus = await localVaultAccess(db).status();
    const session = await activeSession(db, scope);
    const guide = session ? await getGuide(db, session.guideId, session.guideVersion) : await getActiveGuide(db);
    const vault = vaultStatus === 'open' ? await recallVault() : null;
    return {
      vault: vaultStatus,
      guide: guide ?? null,
      session,
      revision: session?.revision ?? 0,
      participant: session?.participantId ? await getParticipant(db, session.participantId) : null,
      events: session ? await listCoverage(db, session.id) : [],
      notes: session && vault ? await listNotes(db, vault, session.id) : [],
      segments: session && vault ? await listSegments(db, vault, session.id) : [],
      ...(await recordingOf(session?.id)),
      recordingFailure: session ? await readRecordingFailure(scope) : null,
      sessionsWithAudio: (await sessionsWithAudio(db)).length,
      autoMark: await getSetting(db, 'autoMarkSuggestions'),
      lastFinalPass: await lastFinalPass(db),
    };
  });

  backgroundMessaging.onMessage('panel.revision', async ({ data: sessionId }) => (await getSession(await openDatabase(), sessionId))?.revision ?? null);

  backgroundMessaging.onMessage('session.start', async ({ data }) => {
    const db = await openDatabase();
    if (!(await recallVault())) return { ok: false, reason: 'locked' } as const;
    const guide = await getActiveGuide(db);
    if (!guide) return { ok: false, reason: 'no-guide' } as const;
    const pseudonym = data.pseudonym.trim();
    // The practice page rehearses: always a pilot, with no participant.
    const kind = data.scope === 'practice' ? 'pilot' : data.kind;
    if (kind === 'interview' && pseudonym === '') return { ok: false, reason: 'no-pseudonym' } as const;
    const participant = kind === 'interview' ? await createParticipant(db, { pseudonym }) : null;
    const session = await createSession(db, {
      kind,
      participantId: participant?.id ?? null,
      guideId: guide.id,
      guideVersion: guide.version,
      platform: data.platform,
      language: data.language,
      // The interview starts on the guide's first question.
      currentItemId: neighbourQuestion(guide, null, 1),
    });
    await setSetting(db, scopeSessionSetting(data.scope), session.id);
    if (participant) broadcastStoreChange({ type: 'participants.changed' });
    broadcastStoreChange({ type: 'session.changed', sessionId: session.id });
    await touchVault();
    return { ok: true, session } as const;
  });

  backgroundMessaging.onMessage('session.resume', async ({ data: sessionId }) => {
    sendSessionUpdated(await updateSession(await openDatabase(), sessionId, { status: 'active' }));
    broadcastStoreChange({ type: 'session.changed', sessionId });
  });

  backgroundMessaging.onMessage('session.end', async ({ data: sessionId }) => {
    const db = await openDatabase();
    // An ended interview records nothing more: stop first, so what was said last is
    // transcribed and stored, and microphone and tab are released.
    const running = await readRecordingState();
    const stoppedRecording = running?.sessionId === sessionId;
    const stopped: StopRecordingResult = stoppedRecording ? await recording.stop() : { ok: true, problems: [] };
    const ended = await updateSession(db, sessionId, { status: 'ended', endedAt: Date.now() });
    for (const setting of ['activeSessionId', 'practiceSessionId'] as const) {
      if ((await getSetting(db, setting)) === sessionId) await setSetting(db, setting, null);
    }
    sendSessionUpdated(ended);
    broadcastStoreChange({ type: 'session.changed', sessionId });
    onEnded(sessionId);
    return { ok: stopped.ok, stoppedRecording, problems: stopped.problems, ...(stopped.counts ? { counts: stopped.counts } : {}) };
  });

  backgroundMessaging.onMessage('session.select', async ({ data }) => {
    sendSessionUpdated(await updateSession(await openDatabase(), data.sessionId, { currentItemId: data.itemId }));
    broadcastStoreChange({ type: 'session.changed', sessionId: data.sessionId });
  });

  backgroundMessaging.onMessage('consent.record', async ({ data }) => {
    const db = await openDatabase();
    const session = await getSession(db, data.sessionId);
    const guide = session ? await getGuide(db, session.guideId, session.guideVersion) : null;
    if (!session || !guide) return;
    const checked = new Set(data.checkedItemIds);
    sendSessionUpdated(await recordConsent(db, session.id, [...checked], consentComplete(guide, checked)));
    broadcastStoreChange({ type: 'session.changed', sessionId: session.id });
  });

  backgroundMessaging.onMessage('closing.record', async ({ data }) => {
    const db = await openDatabase();
    const session = await getSession(db, data.sessionId);
    const guide = session ? await getGuide(db, session.guideId, session.guideVersion) : null;
    if (!session || !guide) return;
    // Only the guide's own closing items: a stale panel cannot store ids of another version.
    const known = new Set((guide.closing ?? []).map((item) => item.id));
    const closingChecked = [...new Set(data.checkedItemIds)].filter((id) => known.has(id));
    sendSessionUpdated(await updateSession(db, session.id, { closingChecked }));
    broadcastStoreChange({ type: 'session.changed', sessionId: session.id });
  });

  backgroundMessaging.onMessage('coverage.mark', async ({ data }) => {
    const db = await openDatabase();
    const session = await getSession(db, data.sessionId);
    const guide = session ? await getGuide(db, session.guideId, session.guideVersion) : null;
    if (!guide) return;
    // A mouse mark moves the current question as a keyboard mark does (recordMark).
    await recordMark(db, guide, { ...data, time: Date.now(), source: 'manual' });
    broadcastStoreChange({ type: 'coverage.changed', sessionId: data.sessionId });
    await touchVault();
  });

  backgroundMessaging.onMessage('coverage.command', async ({ data }) => {
    const { command, scope } = scopedCommand(data);
    await runCoverageCommand(await openDatabase(), command, Date.now(), scopeSessionSetting(scope));
    await touchVault();
  });

  backgroundMessaging.onMessage('note.add', async ({ data }) => {
    const vault = await recallVault();
    if (!vault) return { ok: false };
    const { note, revision } = await addNote(await openDatabase(), vault, { ...data, time: Date.now() });
    if (revision !== null) sendPanelChange({ type: 'note.saved', sessionId: data.sessionId, revision, note });
    broadcastStoreChange({ type: 'notes.changed', sessionId: data.sessionId });
    await touchVault();
    return { ok: true };
  });
}

/** The full-quality pass asked for last (docs/final-pass.md), for the panel's line. */
async function lastFinalPass(db: IntervjuDatabase): Promise<PanelState['lastFinalPass']> {
  let last: PanelState['lastFinalPass'] = null;
  for (const session of await listSessions(db)) {
    const pass = session.finalPass;
    if (pass && (!last || pass.requestedAt > last.pass.requestedAt)) last = { sessionId: session.id, pass };
  }
  return last;
}
