import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { computePacing, type CoverageCommand } from '../../src/coverage';
import { consentComplete } from '../../src/guide';
import { backgroundMessaging, isEndInterviewRequest, type EndSessionResult } from '../../src/messages';
import { finalPassStateLabel, GuideView, type Translate } from '../../src/ui';
import { ClockBar } from './ClockBar';
import { ConsentChecklist } from './ConsentChecklist';
import { EndInterviewConfirm, InterviewEnded } from './EndInterview';
import { LiveTranscript } from './LiveTranscript';
import { NearEnd } from './NearEnd';
import { useProvisional } from './use-provisional';
import { NotesView } from './NotesView';
import { panelScope } from './panel-scope';
import { RecordingBar } from './RecordingBar';
import { StartInterview } from './StartInterview';
import { SuggestionList } from './SuggestionList';
import { useCommandKeys } from './use-command-keys';
import { usePanelData } from './use-panel-data';

export function PanelBody(props: { t: Translate; lock: () => Promise<void> }) {
  const { t } = props;
  const [data] = usePanelData();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const session = data?.session ?? null;
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [ended, setEnded] = useState<EndSessionResult | null>(null);
  // The call's own shortcut for ending (chrome.commands) asks the panel to confirm.
  useEffect(() => {
    const listener = (message: unknown) => {
      if (isEndInterviewRequest(message)) setConfirmingEnd(true);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
  useEffect(() => {
    if (!session) setConfirmingEnd(false);
  }, [session?.id]);
  const provisional = useProvisional(session?.id ?? null);
  // The background runs keyboard commands for the call page too: one code path, and
  // the session's current question lives in the store, not in any one panel.
  const runCommand = async (command: CoverageCommand) => {
    await backgroundMessaging.sendMessage('coverage.command', { command, scope: panelScope });
  };
  useCommandKeys(session ? runCommand : null);

  const openWorkspace = () => void browser.tabs.create({ url: browser.runtime.getURL('/workspace.html') });

  if (!data) return <p class="muted">{t('loading')}</p>;
  const { guide } = data;
  const pacing =
    guide && session
      ? computePacing({ guide, startedAt: session.startedAt, endedAt: session.endedAt, now, currentItemId: session.currentItemId, events: data.events })
      : null;

  return (
    <>
      <header class="panel-header">
        <div class="panel-title">
          {/* Long titles wrap to two lines and are cut there; the whole title is in the tooltip. */}
          <h1 title={guide?.title ?? 'Intervju'}>{guide?.title ?? 'Intervju'}</h1>
          {session && (
            <p class="muted panel-subtitle">
              {session.kind === 'pilot' ? t('pilot') : (data.participant?.pseudonym ?? '')}
            </p>
          )}
        </div>
        <div class="panel-actions">
          <button type="button" class="link" onClick={openWorkspace}>
            {t('workspace')}
          </button>
          <button type="button" class="link" data-testid="lock-now" onClick={() => void props.lock()}>
            {t('lockNow')}
          </button>
        </div>
      </header>
      {data.sessionsWithAudio > 0 && (
        <p class="muted audio-held" data-testid="sessions-with-audio" data-count={data.sessionsWithAudio}>
          {t('sessionsWithAudio', { count: data.sessionsWithAudio })}{' '}
          <button type="button" class="link" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/workspace.html#/sessions') })}>
            {t('reviewAudio')}
          </button>
        </p>
      )}
      {data.lastFinalPass && (
        <p class="muted" role="status" data-testid="panel-final-pass" data-state={data.lastFinalPass.pass.state}>
          {t('finalPassPanel', { state: finalPassStateLabel(data.lastFinalPass.pass, t) })}
        </p>
      )}
      {!guide && (
        <section class="empty">
          <p>{t('noGuide')}</p>
          <button type="button" onClick={openWorkspace}>
            {t('openWorkspace')}
          </button>
        </section>
      )}
      {ended && <InterviewEnded result={ended} t={t} onDismiss={() => setEnded(null)} />}
      {guide && !session && (
        <>
          <StartInterview guide={guide} t={t} />
          {/* Read before the interview starts; marking needs a session. */}
          <GuideView guide={guide} t={t} />
        </>
      )}
      {guide && session && pacing && (
        <>
          <ClockBar pacing={pacing} t={t} onEnd={() => setConfirmingEnd(true)} />
          {confirmingEnd && (
            <EndInterviewConfirm
              sessionId={session.id}
              recording={data.recording !== null}
              t={t}
              onCancel={() => setConfirmingEnd(false)}
              onEnded={(result) => {
                setConfirmingEnd(false);
                setEnded(result);
              }}
            />
          )}
          {session.status === 'interrupted' && (
            <section class="recovery warning" role="alert" data-testid="session-recovery">
              <p>{t('sessionInterrupted', { segments: data.segments.length })}</p>
              <div class="actions">
                <button type="button" data-testid="session-resume" onClick={() => void backgroundMessaging.sendMessage('session.resume', session.id)}>
                  {t('resumeInterview')}
                </button>
                <button type="button" class="secondary" data-testid="session-recovery-end" onClick={() => setConfirmingEnd(true)}>
                  {t('endInterview')}
                </button>
              </div>
            </section>
          )}
          {session.status === 'active' && pacing.nearEnd && <NearEnd guide={guide} session={session} states={data.states} t={t} />}
          <ConsentChecklist guide={guide} session={session} t={t} />
          {session.status === 'active' && (
          <RecordingBar
            sessionId={session.id}
            recording={data.recording}
            failure={data.recordingFailure}
            problems={session.problems ?? []}
            consentComplete={consentComplete(guide, session.consentChecked)}
            t={t}
          />
          )}
          {session.status === 'active' && (
            <SuggestionList
              guide={guide}
              session={session}
              states={data.states}
              segments={data.segments}
              autoMark={data.autoMark}
              now={now}
              t={t}
            />
          )}
          <GuideView
            guide={guide}
            t={t}
            states={data.states}
            currentItemId={session.currentItemId}
            onMark={(itemId, itemKind, state) =>
              void backgroundMessaging.sendMessage('coverage.mark', { sessionId: session.id, itemId, itemKind, state })
            }
            onSelect={(itemId) => void backgroundMessaging.sendMessage('session.select', { sessionId: session.id, itemId })}
          />
          <LiveTranscript segments={data.segments} provisional={provisional} participant={data.participant} t={t} />
          <NotesView session={session} guide={guide} notes={data.notes} t={t} />
        </>
      )}
    </>
  );
}
