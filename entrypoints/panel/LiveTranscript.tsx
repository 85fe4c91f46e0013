import { useEffect, useRef } from 'preact/hooks';
import type { Participant, Segment } from '../../src/store';
import { TranscriptText, type Translate } from '../../src/ui';

/** `12:03` from seconds, for turn timestamps. */
function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** What was said so far, both channels in time order, newest at the bottom. */
export function LiveTranscript(props: { segments: Segment[]; participant: Participant | null; t: Translate }) {
  const { segments, t } = props;
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [segments.length]);
  const speaker = (segment: Segment) =>
    segment.channel === 'interviewer' ? 'I' : segment.channel === 'mixed' ? '–' : (props.participant?.pseudonym ?? t('channelParticipant'));
  const ordered = [...segments].sort((a, b) => a.start - b.start);
  return (
    <section class="live">
      <h3>{t('liveTranscript')}</h3>
      <ol class="live-transcript" data-testid="live-transcript" ref={list}>
        {ordered.length === 0 && <li class="muted">{t('liveTranscriptEmpty')}</li>}
        {ordered.map((segment) => (
          <li key={segment.id} class={`segment channel-${segment.channel}`} data-testid="segment" data-channel={segment.channel} data-start={segment.start.toFixed(2)}>
            <span class="time">{clock(segment.start)}</span> <strong>{speaker(segment)}:</strong> <TranscriptText text={segment.text} unclear={segment.unclear} />
          </li>
        ))}
      </ol>
    </section>
  );
}
