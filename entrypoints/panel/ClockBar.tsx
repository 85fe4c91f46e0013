import { formatDuration, type Pacing } from '../../src/coverage';
import type { Translate } from '../../src/ui';

/** Elapsed time against the planned hour, and time in the current section, with a calm word when it runs long. */
export function ClockBar(props: { pacing: Pacing; t: Translate; onEnd: () => void }) {
  const { pacing, t } = props;
  const over = pacing.remainingMs < 0;
  const sectionOver = pacing.sectionOverMinutes !== null;
  return (
    <div class="clock-bar">
      <div class={`clock${over ? ' over' : ''}`}>
        <span data-testid="elapsed" aria-label={t('elapsed')}>
          {formatDuration(pacing.elapsedMs)}
        </span>
        <span class="muted"> / {formatDuration(pacing.plannedMs)}</span>
      </div>
      <div class={`section-clock${sectionOver ? ' over' : ''}`} data-testid="section-elapsed">
        {t('inSection')}{' '}
        {pacing.sectionElapsedMs === null ? '–' : formatDuration(pacing.sectionElapsedMs)}
        {pacing.sectionPlannedMs !== null && <span class="muted"> / {formatDuration(pacing.sectionPlannedMs)}</span>}
        {pacing.sectionOverMinutes !== null && (
          // Said in words, not only by colour; a status, so a screen reader hears it once, without interrupting.
          <span class="section-over" role="status" data-testid="section-over" data-minutes={pacing.sectionOverMinutes}>
            {t('sectionOver', { minutes: pacing.sectionOverMinutes })}
          </span>
        )}
      </div>
      <button type="button" class="secondary" data-testid="interview-end" onClick={props.onEnd}>
        {t('endInterview')}
      </button>
    </div>
  );
}
