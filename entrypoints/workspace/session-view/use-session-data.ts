import { useEffect, useState } from 'preact/hooks';
import type { CoverageEvent } from '../../../src/coverage';
import type { Guide } from '../../../src/guide';
import { browser } from 'wxt/browser';
import { isPanelChangeNotice, onStoreChange } from '../../../src/messages';
import {
  getGuide,
  getParticipant,
  getProject,
  getSession,
  listCoverage,
  listNotes,
  listSegments,
  type IntervjuDatabase,
  type Note,
  type Participant,
  type Project,
  type Segment,
  type Session,
  type TranscriberKeySettings,
  type Vault,
} from '../../../src/store';
import { loadTranscriberKeys } from './TranscriberKeys';

export interface SessionData {
  session: Session;
  participant: Participant | null;
  /** The guide version the session used; null when it is gone (or an import had none). */
  guide: Guide | null;
  segments: Segment[];
  notes: Note[];
  coverage: CoverageEvent[];
  project: Project | null;
  keys: TranscriberKeySettings;
}

/**
 * Everything the view shows, read (and decrypted) once when it opens; the
 * session record, notes and coverage again when another page changes them.
 * The segments are read once: from then on the editor holds them.
 */
export function useSessionData(db: IntervjuDatabase, vault: Vault, sessionId: string): { data: SessionData | null; missing: boolean; setKeys: (keys: TranscriberKeySettings) => void } {
  const [data, setData] = useState<SessionData | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      const began = performance.now();
      const session = await getSession(db, sessionId);
      if (!session) {
        if (live) setMissing(true);
        return;
      }
      const [participant, guide, segments, notes, coverage, project, keys] = await Promise.all([
        session.participantId ? getParticipant(db, session.participantId) : Promise.resolve(null),
        session.guideId ? getGuide(db, session.guideId, session.guideVersion) : Promise.resolve(null),
        listSegments(db, vault, sessionId),
        listNotes(db, vault, sessionId),
        listCoverage(db, sessionId),
        getProject(db),
        loadTranscriberKeys(db),
      ]);
      performance.measure('intervju:session-view-read', { start: began, end: performance.now() });
      if (live) setData({ session, participant, guide, segments, notes, coverage, project, keys });
    })();
    const stop = onStoreChange((change) => {
      if (!('sessionId' in change) || change.sessionId !== sessionId) return;
      if (change.type === 'session.changed')
        void getSession(db, sessionId).then((session) => session && live && setData((previous) => previous && { ...previous, session }));
      if (change.type === 'notes.changed')
        void listNotes(db, vault, sessionId).then((notes) => live && setData((previous) => previous && { ...previous, notes }));
      if (change.type === 'coverage.changed')
        void listCoverage(db, sessionId).then((coverage) => live && setData((previous) => previous && { ...previous, coverage }));
    });
    // The record as its writer sent it (the full-quality pass's progress, docs/final-pass.md): no read needed.
    const onMessage = (message: unknown) => {
      if (!isPanelChangeNotice(message) || message.change.type !== 'session.updated' || message.change.sessionId !== sessionId) return;
      const session = message.change.session;
      setData((previous) => previous && (previous.session.revision ?? 0) < (session.revision ?? 0) ? { ...previous, session } : previous);
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      live = false;
      stop();
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [db, vault, sessionId]);
  return { data, missing, setKeys: (keys) => setData((previous) => previous && { ...previous, keys }) };
}
