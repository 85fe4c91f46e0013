import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../../src/ui';
import { clock } from './format';
import type { SessionPlayer } from './session-player';

/** Play/pause, the time, the speed and a position slider for the session's audio. */
export function AudioBar(props: { t: Translate; player: SessionPlayer | null; loading: boolean; rewind: number; follow: boolean; onFollow: (follow: boolean) => void }) {
  const { t, player } = props;
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!player) return;
    // The clock moves every frame while playing; the bar shows tenths, so ten redraws a second are enough.
    let last = 0;
    return player.onChange(() => {
      const now = performance.now();
      if (now - last > 100 || !player.isPlaying) {
        last = now;
        setTick((value) => value + 1);
      }
    });
  }, [player]);
  if (props.loading) return <p class="muted audio-bar">{t('audioLoading')}</p>;
  if (!player || !player.hasAudio) return <p class="muted audio-bar" data-testid="audio-none">{t('audioNoneStored')}</p>;
  const time = player.time;
  return (
    <div class="audio-bar" data-testid="audio-bar">
      <button type="button" data-testid="audio-play" aria-pressed={player.isPlaying} onClick={() => player.toggle(props.rewind)}>
        {player.isPlaying ? t('audioPause') : t('audioPlay')}
      </button>
      <span data-testid="audio-time" data-seconds={time.toFixed(1)} aria-live="off">
        {clock(time)} / {clock(player.duration)}
      </span>
      <input
        type="range"
        aria-label={t('audioPosition')}
        data-testid="audio-seek"
        min={0}
        max={player.duration}
        step={0.1}
        value={time}
        onInput={(event) => player.seek(Number(event.currentTarget.value))}
      />
      <span data-testid="audio-rate">{t('audioRate', { rate: player.playbackRate.toFixed(2).replace(/\.?0+$/u, '') })}</span>
      <label>
        <input type="checkbox" data-testid="audio-follow" checked={props.follow} onChange={(event) => props.onFollow(event.currentTarget.checked)} />
        {t('audioFollow')}
      </label>
    </div>
  );
}
