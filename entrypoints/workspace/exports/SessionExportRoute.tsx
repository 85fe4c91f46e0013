import { useEffect, useState } from 'preact/hooks';
import type { ExportLocale } from '../../../src/export';
import type { IntervjuDatabase, Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { ExportPanel } from './ExportPanel';

/** `#/sessions/<id>/export` → the session's id; anything else → null. */
export function sessionExportId(hash: string): string | null {
  const match = /^#\/sessions\/([^/]+)\/export$/u.exec(hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/**
 * One session's export alone at `#/sessions/<id>/export`, reached from the
 * sessions list's "Export" link; the session view holds the same panel beside
 * the transcript.
 */
export function SessionExportRoute(props: { db: IntervjuDatabase; vault: Vault; t: Translate; locale: ExportLocale }) {
  const [sessionId, setSessionId] = useState(sessionExportId(location.hash));
  useEffect(() => {
    const onHash = () => setSessionId(sessionExportId(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  if (sessionId === null) return null;
  return (
    <div class="card" data-testid="session-export-page" data-session-id={sessionId}>
      <ExportPanel key={sessionId} db={props.db} vault={props.vault} t={props.t} locale={props.locale} scope={{ kind: 'session', sessionId }} />
      <a class="back-link" href="#/sessions">{props.t('exportClose')}</a>
    </div>
  );
}
