import { useEffect, useRef } from 'preact/hooks';
import type { ProvisionalNotice } from '../../src/messages';
import type { Participant, Segment } from '../../src/store';
import { latestSegments, TranscriptText, type Translate } from '../../src/ui';

/** `12:03` from seconds, for turn timestamps. */
function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * What was said so far, both channels in time order, newest at the bottom; below
 * the stored segments, the provisional text of utterances still under way. Only
 * the latest segments are rendered (src/ui/live-window.ts), with a line saying
 * where the earlier ones are.
 */
export function LiveTranscript(props: { segments: Segment[]; provisional: ProvisionalNotice[]; participant: Participant | null; t: Translate }) {
  const { segments, provisional, t } = props;
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [segments.length, provisional.length]);
  const speaker = (segment: { channel: Segment['channel'] }) =>
    segment.channel === 'interviewer' ? 'I' : segment.channel === 'mixed' ? '–' : (props.participant?.pseudonym ?? t('channelParticipant'));
  const { shown: ordered, earlier } = latestSegments(segments);
  return (
    <section class="live">
      <h2>{t('liveTranscript')}</h2>
      <ol class="live-transcript" data-testid="live-transcript" ref={list}>
        {ordered.length === 0 && provisional.length === 0 && <li class="muted">{t('liveTranscriptEmpty')}</li>}
        {earlier > 0 && (
          <li class="muted" data-testid="live-transcript-earlier">
            {t('liveTranscriptEarlier', { shown: ordered.length, earlier })}
          </li>
        )}
        {ordered.map((segment) => (
          <li key={segment.id} class={`segment channel-${segment.channel}`} data-testid="segment" data-channel={segment.channel} data-start={segment.start.toFixed(2)}>
            <span class="time">{clock(segment.start)}</span> <strong>{speaker(segment)}:</strong> <TranscriptText text={segment.text} unclear={segment.unclear} />
          </li>
        ))}
        {provisional.map((notice) => (
          <li
            key={`provisional-${notice.channel}`}
            class={`segment provisional channel-${notice.channel}`}
            data-testid="segment-provisional"
            data-channel={notice.channel}
            data-start={notice.start.toFixed(2)}
            title={t('provisionalTextHint')}
          >
            <span class="time">{clock(notice.start)}</span> <strong>{speaker(notice)}:</strong>{' '}
            <TranscriptText text={notice.text ?? ''} unclear={notice.unclear} /> <span class="provisional-label">({t('provisionalText')})</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
