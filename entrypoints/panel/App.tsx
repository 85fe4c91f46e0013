import { useEffect } from 'preact/hooks';
import { PassphraseGate, pickLocale, translator } from '../../src/ui';
import { backgroundVaultAccess } from '../../src/unlock';
import { PanelBody } from './PanelBody';
import { panelScope } from './panel-scope';

const locale = pickLocale();
const t = translator(locale);

/**
 * The panel page: in the iframe beside a call, or in the browser's side panel. It
 * talks to the store only through the background (see background-protocol.ts).
 */
export function App() {
  useEffect(() => {
    document.documentElement.lang = locale;
  }, []);
  return (
    <main class="panel" data-testid="guide-panel" data-scope={panelScope}>
      <PassphraseGate access={backgroundVaultAccess} t={t}>
        {(lock) => <PanelBody t={t} lock={lock} />}
      </PassphraseGate>
    </main>
  );
}
