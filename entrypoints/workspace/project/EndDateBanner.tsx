import type { ProjectEndStatus } from '../../../src/store';
import type { Translate } from '../../../src/ui';

/** The 30-, 7- and 1-day warnings before the project's end date, on every workspace page. */
export function EndDateBanner(props: { t: Translate; status: ProjectEndStatus; endDate: string | null; deleteAtEndDate: boolean }) {
  const { t, status } = props;
  if (status.warning === null || status.daysLeft === null) return null;
  return (
    <div class={`banner ${status.warning === 1 ? 'banner-danger' : 'banner-warn'}`} role="alert" data-testid="end-date-banner" data-warning={status.warning}>
      <strong>{t('endDateWarning', { days: status.daysLeft, date: props.endDate ?? '' })}</strong>{' '}
      {props.deleteAtEndDate ? t('endDateWillDelete') : t('endDateManual')}{' '}
      <a href="#/privacy" data-testid="end-date-backup">
        {t('endDateBackupOffer')}
      </a>
    </div>
  );
}
