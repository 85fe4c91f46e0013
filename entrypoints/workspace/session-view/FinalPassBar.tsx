import { useState } from 'preact/hooks';
import { backgroundMessaging, type FinalPassAction, type FinalPassControlResult } from '../../../src/messages';
import type { Session } from '../../../src/store';
import { finalPassFraction } from '../../../src/transcribe';
import { describeFinalPass, finalPassStateLabel, type Translate } from '../../../src/ui';

const REFUSALS = { 'no-audio': 'finalPassNoAudio', 'no-model': 'finalPassNoModel', 'not-applicable': 'finalPassNotApplicable', 'no-session': 'sessionMissing' } as const;

/**
 * The full-quality pass of this session (docs/final-pass.md): how far it got, on
 * which channel, and the researcher's buttons. The background runs it; this only
 * asks, and shows the state the session record carries.
 */
export function FinalPassBar(props: { session: Session; t: Translate; /** The sessions list: a line, shown only once a pass was asked for, without the start button. */ compact?: boolean }) {
  const { session, t, compact = false } = props;
  const pass = session.finalPass;
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if ((!session.hasAudio || compact) && !pass) return null;
  const state = pass?.state;
  const act = async (action: FinalPassAction) => {
    setBusy(true);
    setRefusal(null);
    try {
      const result: FinalPassControlResult = await backgroundMessaging.sendMessage('finalPass.control', { sessionId: session.id, action });
      if (!result.ok) setRefusal(t('finalPassRefused', { reason: t(REFUSALS[result.reason]) }));
    } catch (cause) {
      setRefusal(t('finalPassRefused', { reason: cause instanceof Error ? cause.message : String(cause) }));
    } finally {
      setBusy(false);
    }
  };
  const canStart = !compact && (session.status === 'ended' || session.status === 'interrupted') && session.hasAudio && (state === undefined || state === 'done' || state === 'failed' || state === 'cancelled');
  const fraction = pass ? finalPassFraction(pass) : 0;
  return (
    <section
      class={compact ? 'final-pass compact' : 'final-pass'}
      aria-label={t('finalPassTitle')}
      data-testid="final-pass"
      data-state={state ?? 'none'}
      data-done-seconds={pass?.doneSeconds ?? 0}
      data-utterances={pass?.utterancesDone ?? 0}
      data-started-at={pass?.startedAt ?? ''}
    >
      {!compact && <strong>{t('finalPassTitle')}: </strong>}
      <span role="status" data-testid="final-pass-status">
        {compact && pass ? t('finalPassShort', { state: finalPassStateLabel(pass, t) }) : describeFinalPass(pass, t)}
      </span>{' '}
      {(state === 'running' || state === 'waiting' || state === 'paused') && (
        <progress data-testid="final-pass-progress" max={1} value={fraction} aria-label={t('finalPassTitle')} />
      )}{' '}
      {canStart && (
        <button type="button" class="secondary" data-testid="final-pass-start" disabled={busy} onClick={() => void act('start')}>
          {t('finalPassStart')}
        </button>
      )}
      {(state === 'running' || state === 'waiting') && (
        <button type="button" class="secondary" data-testid="final-pass-pause" disabled={busy} onClick={() => void act('pause')}>
          {t('finalPassPause')}
        </button>
      )}
      {state === 'paused' && (
        <button type="button" class="secondary" data-testid="final-pass-resume" disabled={busy} onClick={() => void act('resume')}>
          {t('finalPassResume')}
        </button>
      )}
      {(state === 'running' || state === 'waiting' || state === 'paused') && (
        <button type="button" class="link" data-testid="final-pass-cancel" disabled={busy} onClick={() => void act('cancel')}>
          {t('finalPassCancel')}
        </button>
      )}
      {refusal !== null && (
        <p class="error" role="alert" data-testid="final-pass-refusal">
          {refusal}
        </p>
      )}
    </section>
  );
}
