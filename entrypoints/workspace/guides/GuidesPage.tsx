import { useEffect, useState } from 'preact/hooks';
import { guideToJson, type Guide } from '../../../src/guide';
import { broadcastStoreChange, onStoreChange } from '../../../src/messages';
import {
  getActiveGuideRef,
  listGuides,
  listGuideVersions,
  saveGuide,
  setActiveGuideRef,
  type IntervjuDatabase,
  type Vault,
} from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { downloadFile } from '../download';
import { GuideEditor } from './GuideEditor';
import { GuideImport } from './GuideImport';
import { GuideVersions } from './GuideVersions';
import { PilotDuration } from './PilotDuration';

/** Guides: which one is active, import, edit (new versions), export. */
export function GuidesPage(props: { db: IntervjuDatabase; vault: Vault; t: Translate }) {
  const { db, vault, t } = props;
  const [guides, setGuides] = useState<Guide[]>([]);
  const [active, setActive] = useState<{ id: string; version: number } | null>(null);
  const [editing, setEditing] = useState<Guide | null>(null);
  const [showVersions, setShowVersions] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const reload = async () => {
    setGuides(await listGuides(db));
    setActive(await getActiveGuideRef(db));
  };
  useEffect(() => {
    void reload();
    return onStoreChange((change) => {
      if (change.type === 'guide.changed') void reload();
    });
  }, [db]);

  const store = async (guide: Guide, activate = true) => {
    try {
      await saveGuide(db, guide);
      if (activate) await setActiveGuideRef(db, { id: guide.id, version: guide.version });
      broadcastStoreChange({ type: 'guide.changed' });
      setMessage({ kind: 'ok', text: t('guideSaved', { title: guide.title, version: guide.version }) });
      await reload();
    } catch (cause) {
      setMessage({ kind: 'error', text: t('guideSaveFailed', { reason: (cause as Error).message }) });
    }
  };

  const activate = async (guide: Guide) => {
    await setActiveGuideRef(db, { id: guide.id, version: guide.version });
    broadcastStoreChange({ type: 'guide.changed' });
    await reload();
  };

  if (editing) {
    return (
      <GuideEditor
        guide={editing}
        t={t}
        onCancel={() => setEditing(null)}
        onSave={async (guide) => {
          await store(guide);
          setEditing(null);
        }}
      />
    );
  }

  return (
    <>
      {message && (
        <p class={message.kind === 'ok' ? 'notice' : 'error'} role="status" data-testid="guide-message">
          {message.text}
        </p>
      )}
      <section class="card">
        <h2>{t('guidesTitle')}</h2>
        {guides.length === 0 && <p class="muted">{t('noGuides')}</p>}
        <ul class="guide-list" data-testid="guide-list">
          {guides.map((guide) => {
            const activeVersion = active?.id === guide.id ? active.version : null;
            return (
              <li key={guide.id} data-testid="guide-list-item" data-guide-id={guide.id}>
                <div>
                  <strong>{guide.title}</strong>{' '}
                  <span class="muted">
                    {t('guideVersion', { version: guide.version })} · {t('questionCount', { count: countQuestions(guide) })} ·{' '}
                    {t('minutesShort', { minutes: guide.plannedMinutes })}
                  </span>
                  {activeVersion !== null && (
                    <span class="badge" data-testid="guide-active">
                      {t('activeGuide', { version: activeVersion })}
                    </span>
                  )}
                </div>
                <PilotDuration db={db} vault={vault} t={t} guide={guide} />
                <div class="actions">
                  {activeVersion !== guide.version && (
                    <button type="button" class="secondary" onClick={() => void activate(guide)}>
                      {t('makeActive')}
                    </button>
                  )}
                  <button type="button" class="secondary" data-testid="guide-edit" onClick={() => setEditing(guide)}>
                    {t('edit')}
                  </button>
                  <button type="button" class="secondary" onClick={() => setShowVersions(showVersions === guide.id ? null : guide.id)}>
                    {t('versions')}
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => downloadFile(`${slug(guide.title)}-v${guide.version}.json`, guideToJson(guide), 'application/json')}
                  >
                    {t('exportJson')}
                  </button>
                </div>
                {showVersions === guide.id && (
                  <GuideVersions
                    t={t}
                    load={() => listGuideVersions(db, guide.id)}
                    activeVersion={activeVersion}
                    onActivate={(version) => void activate(version)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      </section>
      <GuideImport t={t} onSave={(guide) => store(guide)} />
    </>
  );
}

function countQuestions(guide: Guide): number {
  return guide.sections.reduce((sum, section) => sum + section.questions.length, 0);
}

function slug(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'guide';
}
