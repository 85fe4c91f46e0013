import { useEffect, useRef, useState } from 'preact/hooks';
import { backgroundMessaging, type EndSessionResult } from '../../src/messages';
import { describeProblems, type Translate } from '../../src/ui';

/**
 * The confirmation before an interview ends, in the panel itself (a shortcut in
 * the call opens it too). When a recording runs it says that recording stops first,
 * and the panel waits while the last utterances are transcribed.
 */
export function EndInterviewConfirm(props: {
  sessionId: string;
  recording: boolean;
  t: Translate;
  onCancel: () => void;
  onEnded: (result: EndSessionResult) => void;
}) {
  const { t } = props;
  const [ending, setEnding] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  const end = async () => {
    setEnding(true);
    try {
      props.onEnded(await backgroundMessaging.sendMessage('session.end', props.sessionId));
    } catch (cause) {
      props.onEnded({ ok: false, stoppedRecording: props.recording, problems: [{ kind: 'finish-failed', at: Date.now(), message: String(cause) }] });
    }
  };
  return (
    <section class="end-confirm warning" role="alertdialog" aria-labelledby="end-confirm-text" data-testid="end-confirm">
      <p id="end-confirm-text">{props.recording ? t('endInterviewConfirmRecording') : t('endInterviewConfirm')}</p>
      {ending ? (
        <p class="muted" data-testid="end-progress">
          {props.recording ? t('interviewEnding') : t('working')}
        </p>
      ) : (
        <div class="actions">
          <button type="button" class="danger" ref={yes} data-testid="end-confirm-yes" onClick={() => void end()}>
            {t('endInterviewYes')}
          </button>
          <button
            type="button"
            class="secondary"
            data-testid="end-confirm-no"
            onClick={props.onCancel}
            onKeyDown={(event) => event.key === 'Escape' && props.onCancel()}
          >
            {t('endInterviewNo')}
          </button>
        </div>
      )}
    </section>
  );
}

/** What the researcher sees once the interview has ended: that the devices are free, or what went wrong. */
export function InterviewEnded(props: { result: EndSessionResult; t: Translate; onDismiss: () => void }) {
  const { result, t } = props;
  const problems = describeProblems(result.problems, t);
  return (
    <section
      class={problems.length > 0 ? 'ended warning' : 'ended'}
      role="status"
      data-testid="interview-ended"
      data-ok={String(result.ok)}
      data-stopped-recording={String(result.stoppedRecording)}
      data-heard={result.counts?.heard ?? ''}
      data-stored={result.counts?.stored ?? ''}
      data-empty={result.counts?.empty ?? ''}
      data-failed={result.counts?.failed ?? ''}
    >
      <p>{problems.length > 0 ? t('interviewEndedProblems') : result.stoppedRecording ? t('interviewEnded') : t('interviewEndedPlain')}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((problem) => (
            <li key={problem.kind} data-testid="recording-problem" data-kind={problem.kind}>
              {problem.text}
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="link" onClick={props.onDismiss}>
        {t('dismiss')}
      </button>
    </section>
  );
}
