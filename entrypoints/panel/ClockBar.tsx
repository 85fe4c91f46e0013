import { computePacing, formatDuration, type CoverageEvent } from '../../src/coverage';
import type { Guide } from '../../src/guide';
import type { Session } from '../../src/store';
import type { Translate } from '../../src/ui';

/** Elapsed time against the planned hour, and time in the current section. */
export function ClockBar(props: {
  guide: Guide;
  session: Session;
  events: CoverageEvent[];
  now: number;
  t: Translate;
  onEnd: () => void;
}) {
  const { guide, session, t } = props;
  const pacing = computePacing({
    guide,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    now: props.now,
    currentItemId: session.currentItemId,
    events: props.events,
  });
  const over = pacing.remainingMs < 0;
  const sectionOver =
    pacing.sectionElapsedMs !== null && pacing.sectionPlannedMs !== null && pacing.sectionElapsedMs > pacing.sectionPlannedMs;
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
      </div>
      <button type="button" class="secondary" data-testid="interview-end" onClick={props.onEnd}>
        {t('endInterview')}
      </button>
    </div>
  );
}
