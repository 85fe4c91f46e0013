import type { PanelHostOptions } from '../meeting';
import { translator, type Locale } from './i18n';

/** The panel host's handle labels (src/meeting/panel-host.ts) in the researcher's language. */
export function panelHostLabels(locale: Locale): PanelHostOptions['labels'] {
  const t = translator(locale);
  return {
    collapse: t('hostCollapse'),
    expand: t('hostExpand'),
    moveLeft: t('hostMoveLeft'),
    moveRight: t('hostMoveRight'),
    resize: t('hostResize'),
    title: 'Intervju',
  };
}
