import type { Channel, FinalPass } from '../store';
import { finalPassFraction } from '../transcribe/final-pass';
import type { Translate } from './i18n';

const percentOf = (pass: FinalPass) => Math.floor(finalPassFraction(pass) * 100);

export function channelLabel(channel: Channel | null, t: Translate): string {
  if (channel === 'interviewer') return t('channelInterviewer');
  if (channel === 'participant') return t('channelParticipant');
  if (channel === 'mixed') return t('channelMixed');
  return '–';
}

/** The full-quality pass in a sentence, for the session view. */
export function describeFinalPass(pass: FinalPass | undefined, t: Translate): string {
  if (!pass) return t('finalPassNone');
  const percent = percentOf(pass);
  switch (pass.state) {
    case 'waiting':
      return t('finalPassWaiting', { percent });
    case 'running':
      return t('finalPassRunning', { percent, channel: channelLabel(pass.channel, t) });
    case 'paused':
      return t('finalPassPaused', { percent });
    case 'done':
      return t('finalPassDone', { replaced: pass.replaced, readings: pass.readings });
    case 'failed':
      return t('finalPassFailed', { reason: pass.error ?? '–' });
    case 'cancelled':
      return t('finalPassCancelled', { percent });
  }
}

/** The pass in a word or two, for the sessions list and the panel. */
export function finalPassStateLabel(pass: FinalPass, t: Translate): string {
  const percent = percentOf(pass);
  switch (pass.state) {
    case 'waiting':
      return t('finalPassStateWaiting');
    case 'running':
      return t('finalPassStateRunning', { percent });
    case 'paused':
      return t('finalPassStatePaused', { percent });
    case 'done':
      return t('finalPassStateDone');
    case 'failed':
      return t('finalPassStateFailed');
    case 'cancelled':
      return t('finalPassStateCancelled');
  }
}
