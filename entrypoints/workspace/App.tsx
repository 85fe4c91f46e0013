import { browser } from 'wxt/browser';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { openIntervjuDatabase, type IntervjuDatabase, type Vault } from '../../src/store';
import { PassphraseGate, pickLocale, translator, type MessageKey, type Translate } from '../../src/ui';
import { localVaultAccess, recallVault } from '../../src/unlock';
import { SessionExportRoute, sessionExportId } from './exports/SessionExportRoute';
import { GuidesPage } from './guides/GuidesPage';
import { SessionsPage } from './sessions/SessionsPage';
import { InterviewSummaryRoute, sessionSummaryId } from './summary/InterviewSummaryRoute';
import { SessionView } from './session-view/SessionView';
import { sessionViewSlots } from './session-view/session-view-slots';
import { ImportRecordingPage } from './recordings/ImportRecordingPage';
import { TranscriptImport } from './recordings/TranscriptImport';
import { KeyListPage } from './key-list/KeyListPage';
import { ParticipantsPage } from './participants/ParticipantsPage';
import { LastDeletionNotice } from './privacy/LastDeletionNotice';
import { PrivacyPage } from './privacy/PrivacyPage';
import { WorkspaceNotices } from './privacy/WorkspaceNotices';
import { ProjectEndedScreen } from './project/ProjectEndedScreen';
import { ProjectPage } from './project/ProjectPage';
import { ReviseGuide, reviseSessionId } from './revise/ReviseGuide';
import { useProject } from './project/use-project';

const locale = pickLocale();
const t = translator(locale);

const PAGES = ['guides', 'sessions', 'recordings', 'participants', 'project', 'key-list', 'privacy'] as const;
type Page = (typeof PAGES)[number];
const PAGE_LABEL: Record<Page, MessageKey> = {
  guides: 'navGuides',
  sessions: 'navSessions',
  recordings: 'navRecordings',
  participants: 'navParticipants',
  project: 'navProject',
  'key-list': 'navKeyList',
  privacy: 'navPrivacy',
};

/** `#/sessions/<id>` opens that session's view. */
function sessionFromHash(): string | null {
  const [name, id] = location.hash.replace(/^#\/?/, '').split('/');
  return name === 'sessions' && id ? decodeURIComponent(id) : null;
}

function pageFromHash(): Page {
  const name = location.hash.replace(/^#\/?/, '').split('/')[0];
  return (PAGES as readonly string[]).includes(name ?? '') ? (name as Page) : 'guides';
}

/** The full-page app: guides, sessions, and (later) transcripts, exports and privacy. */
export function App() {
  const [db, setDb] = useState<IntervjuDatabase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState<Page>(pageFromHash());
  const [sessionId, setSessionId] = useState<string | null>(sessionFromHash());
  // The whole hash too: moving between one session's pages (view, export, summary, revise) keeps page and id.
  const [, setHash] = useState(location.hash);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = 'Intervju';
    openIntervjuDatabase().then(setDb, (cause: Error) => setError(cause.message));
    const onHash = () => {
      setPage(pageFromHash());
      setSessionId(sessionFromHash());
      setHash(location.hash);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const access = useMemo(() => (db ? localVaultAccess(db) : null), [db]);
  if (error) return <p class="error" role="alert">{t('storeFailed', { reason: error })}</p>;
  if (!db || !access) return <p class="muted">{t('loading')}</p>;
  return (
    <div class="workspace">
      <header class="workspace-header">
        <h1>Intervju</h1>
        <nav>
          {PAGES.map((name) => (
            <a key={name} href={`#/${name}`} aria-current={page === name ? 'page' : undefined} data-testid={`nav-${name}`}>
              {t(PAGE_LABEL[name])}
            </a>
          ))}
        </nav>
      </header>
      {/* One main landmark, around the unlock form too. */}
      <main>
        <LastDeletionNotice t={t} />
        <PassphraseGate access={access} t={t}>
          {(lock) => <Unlocked page={page} sessionId={sessionId} db={db} t={t} lock={lock} />}
        </PassphraseGate>
      </main>
    </div>
  );
}

/** The pages once unlocked, with the vault key this browser session holds. */
function Unlocked(props: { page: Page; sessionId: string | null; db: IntervjuDatabase; t: Translate; lock: () => Promise<void> }) {
  const [vault, setVault] = useState<Vault | null>(null);
  useEffect(() => void recallVault().then(setVault), []);
  if (!vault) return <p class="muted">{props.t('loading')}</p>;
  return <Body {...props} vault={vault} />;
}

function Body(props: { page: Page; sessionId: string | null; db: IntervjuDatabase; vault: Vault; t: Translate; lock: () => Promise<void> }) {
  const { page, sessionId, db, vault, t } = props;
  const project = useProject(db);
  // On and after the end date, the deletion screen comes first on every page; the
  // project page stays reachable so an extended end date can be entered.
  const ended = project.status.ended;
  return (
    <>
      <div class="lock-row">
        <a href={browser.runtime.getURL('/practice.html')} target="_blank" data-testid="open-practice">
          {t('openPractice')}
        </a>
        <button type="button" class="link" data-testid="lock-now" onClick={() => void props.lock()}>
          {t('lockNow')}
        </button>
      </div>
      <WorkspaceNotices t={t} project={project} />
      {ended && <ProjectEndedScreen db={db} vault={vault} t={t} project={project} />}
      {!ended && page === 'guides' && <GuidesPage db={db} vault={vault} t={t} />}
      {/* `#/sessions/<id>/export`: the export alone, from the sessions list. */}
      {!ended && page === 'sessions' && <SessionExportRoute db={db} vault={vault} t={t} locale={locale} />}
      {!ended && page === 'sessions' && !sessionId && <SessionsPage db={db} vault={vault} t={t} />}
      {/* `#/sessions/<id>/summary`: the interview summary, from the sessions list. */}
      {!ended && page === 'sessions' && <InterviewSummaryRoute db={db} vault={vault} t={t} locale={locale} />}
      {/* `#/sessions/<id>/revise`: revising the guide from a pilot. */}
      {!ended && page === 'sessions' && sessionId && reviseSessionId(location.hash) && (
        <ReviseGuide key={sessionId} db={db} vault={vault} t={t} sessionId={sessionId} />
      )}
      {!ended && page === 'sessions' && sessionId && !sessionExportId(location.hash) && !sessionSummaryId(location.hash) && !reviseSessionId(location.hash) && (
        <SessionView key={sessionId} db={db} vault={vault} t={t} sessionId={sessionId} {...sessionViewSlots({ db, vault, t, locale })} />
      )}
      {!ended && page === 'recordings' && (
        <>
          <ImportRecordingPage db={db} vault={vault} t={t} />
          <TranscriptImport db={db} vault={vault} t={t} />
        </>
      )}
      {!ended && page === 'participants' && <ParticipantsPage db={db} vault={vault} t={t} locale={locale} />}
      {page === 'project' && <ProjectPage db={db} t={t} project={project} />}
      {!ended && page === 'key-list' && <KeyListPage db={db} vault={vault} t={t} />}
      {!ended && page === 'privacy' && <PrivacyPage db={db} vault={vault} t={t} />}
    </>
  );
}
