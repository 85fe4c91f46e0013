import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  backgroundMessaging,
  type RecordingChannel,
  type RecordingMode,
  type RecordingState,
  type RecordingWarning,
  type StartRecordingRefusal,
  type StartRecordingResult,
} from '../../src/messages';
import type { SessionProblem } from '../../src/store';
import { describeProblems, type MessageKey, type Translate } from '../../src/ui';
import { panelScope } from './panel-scope';
import { useLevels } from './use-levels';

const REFUSAL: Record<StartRecordingRefusal, MessageKey> = {
  locked: 'recordingLocked',
  'no-session': 'recordingNoSession',
  'consent-incomplete': 'recordingConsentFirst',
  'capture-not-granted': 'recordingGrantCapture',
  'microphone-denied': 'recordingMicrophoneDenied',
  'already-recording': 'recordingAlready',
  failed: 'recordingFailed',
};

const CHANNEL_LABEL: Record<RecordingChannel, MessageKey> = {
  interviewer: 'channelInterviewer',
  participant: 'channelParticipant',
  mixed: 'channelMixed',
};

function warningText(warning: RecordingWarning, t: Translate): string {
  switch (warning.kind) {
    case 'silent-channel':
      return t('warningSilent', { channel: t(CHANNEL_LABEL[warning.channel]) });
    case 'clipping':
      return t('warningClipping', { channel: t(CHANNEL_LABEL[warning.channel]) });
    case 'voice-detector-fallback':
      return t('warningVoiceDetectorFallback');
  }
}

/** Start, pause and stop recording; levels per channel; what needs attention. */
export function RecordingBar(props: {
  sessionId: string;
  recording: RecordingState | null;
  failure: StartRecordingResult | null;
  /** What went wrong in this session's recordings so far (kept with the session). */
  problems: readonly SessionProblem[];
  consentComplete: boolean;
  t: Translate;
}) {
  const { recording, t } = props;
  // Beside a Zoom or Teams call: the tab and the microphone. Elsewhere (the side
  // panel, the practice page): one microphone, as for a phone on speaker.
  const [mode, setMode] = useState<RecordingMode>(() => {
    const platform = new URLSearchParams(location.search).get('platform');
    return platform === 'zoom' || platform === 'teams' ? 'call' : 'single';
  });
  const [asked, setRefusal] = useState<StartRecordingRefusal | null>(null);
  // A start from the toolbar button reports back through the stored failure.
  const stored = props.failure && !props.failure.ok ? props.failure : null;
  const levels = useLevels(recording ? props.sessionId : null);
  const status = recording?.status ?? 'idle';
  const running = status === 'recording' || status === 'paused' || status === 'starting' || status === 'stopping';
  const stopping = status === 'stopping';
  // Once recording runs (the toolbar click granted capture), why it did not start
  // before is past: it must not stay up as if something were still wrong.
  useEffect(() => {
    if (running) setRefusal(null);
  }, [running]);
  const refusal = running ? null : (asked ?? stored?.reason ?? null);

  const toggle = async () => {
    setRefusal(null);
    if (running) return void (await backgroundMessaging.sendMessage('recording.stop'));
    // A new start: the refusal of an earlier one no longer applies.
    const result = await backgroundMessaging.sendMessage('recording.start', { mode, scope: panelScope });
    if (!result.ok) setRefusal(result.reason);
  };

  const channels: RecordingChannel[] = (recording?.mode ?? mode) === 'call' ? ['interviewer', 'participant'] : ['mixed'];
  return (
    <section class={`recording status-${status}`} aria-label={t('recording')}>
      <div class="recording-row">
        <span class="recording-state" data-testid="recording-state" data-state={status}>
          {status === 'recording' ? '● ' : ''}
          {t(`recordingStatus_${status}` as MessageKey)}
        </span>
        {!running && (
          <select
            aria-label={t('recordingMode')}
            data-testid="recording-mode"
            value={mode}
            onChange={(event) => setMode(event.currentTarget.value as RecordingMode)}
          >
            <option value="call">{t('modeCall')}</option>
            <option value="single">{t('modeSingle')}</option>
          </select>
        )}
        <button
          type="button"
          data-testid="recording-toggle"
          class={running ? 'danger' : ''}
          disabled={stopping || (!running && !props.consentComplete)}
          title={!running && !props.consentComplete ? t('recordingConsentFirst') : undefined}
          onClick={() => void toggle()}
        >
          {running ? t('stopRecording') : t('startRecording')}
        </button>
        {running && !stopping && (
          <button
            type="button"
            class="secondary"
            data-testid="recording-pause"
            onClick={() => void backgroundMessaging.sendMessage(status === 'paused' ? 'recording.resume' : 'recording.pause')}
          >
            {status === 'paused' ? t('resumeRecording') : t('pauseRecording')}
          </button>
        )}
      </div>
      {running && (
        <div class="meters">
          {channels.map((channel) => {
            const reading = levels[channel];
            return (
              <div key={channel} class="meter" data-testid="channel-level" data-channel={channel} data-level={(reading?.level ?? 0).toFixed(2)}>
                <span class="meter-label">{t(CHANNEL_LABEL[channel])}</span>
                <span class="meter-bar">
                  <span class={`meter-fill${reading?.clipped ? ' clipped' : ''}`} style={{ width: `${Math.round((reading?.level ?? 0) * 100)}%` }} />
                  <span class="meter-peak" style={{ left: `${Math.round((reading?.peak ?? 0) * 100)}%` }} />
                </span>
              </div>
            );
          })}
        </div>
      )}
      {recording?.model && (
        <p
          class={recording.model.kind === 'test' ? 'warning model test-model' : 'muted model'}
          data-testid="transcription-model"
          data-voice-detector={recording.voiceDetector ?? ''}
        >
          {recording.model.kind === 'test' ? t('testModelWarning') : t('modelInUse', { model: recording.model.displayName })}
        </p>
      )}
      {stopping && (recording?.counts?.queued ?? 0) > 0 && (
        <p class="muted" data-testid="recording-queued">
          {t('queuedUtterances', { count: recording?.counts?.queued ?? 0 })}
        </p>
      )}
      {describeProblems(props.problems, t).map((problem) => (
        <p key={problem.kind} class="warning" role="alert" data-testid="recording-problem" data-kind={problem.kind}>
          ⚠ {problem.text}
        </p>
      ))}
      {(recording?.warnings ?? []).map((warning, index) => (
        <p key={index} class="warning" role="alert" data-testid="recording-warning" data-kind={warning.kind}>
          ⚠ {warningText(warning, t)}
        </p>
      ))}
      {refusal && (
        <p class="error" role="alert" data-testid="recording-refusal" data-reason={refusal}>
          {t(REFUSAL[refusal])}
          {stored?.message && refusal === stored.reason ? ` (${stored.message})` : ''}
          {refusal === 'microphone-denied' && (
            <>
              {' '}
              <button type="button" class="link" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/microphone.html') })}>
                {t('allowMicrophone')}
              </button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
