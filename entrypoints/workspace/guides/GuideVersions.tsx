import { useEffect, useState } from 'preact/hooks';
import { diffGuides, type Guide } from '../../../src/guide';
import type { Translate } from '../../../src/ui';

/** Every saved version of a guide, newest first, with its change note and what changed. */
export function GuideVersions(props: {
  t: Translate;
  load: () => Promise<Guide[]>;
  activeVersion: number | null;
  onActivate: (guide: Guide) => void;
}) {
  const { t } = props;
  const [versions, setVersions] = useState<Guide[]>([]);
  useEffect(() => {
    void props.load().then((list) => setVersions([...list].sort((a, b) => b.version - a.version)));
  }, []);
  return (
    <ol class="versions" data-testid="guide-versions">
      {versions.map((guide) => {
        const parent = versions.find((candidate) => candidate.version === guide.parentVersion);
        const changes = parent ? diffGuides(parent, guide) : [];
        return (
          <li key={guide.version}>
            <strong>{t('guideVersion', { version: guide.version })}</strong>{' '}
            <span class="muted">{new Date(guide.createdAt).toLocaleString()}</span> — {guide.changeNote || '—'}
            {props.activeVersion === guide.version ? (
              <span class="badge">{t('active')}</span>
            ) : (
              <button type="button" class="link" onClick={() => props.onActivate(guide)}>
                {t('makeActive')}
              </button>
            )}
            {changes.length > 0 && (
              <ul class="changes">
                {changes.map((change, index) => (
                  <li key={index}>{change.description}</li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
