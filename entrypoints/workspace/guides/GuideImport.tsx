import { useMemo, useState } from 'preact/hooks';
import { createGuide, parseGuideJson, parseGuideText, type Guide } from '../../../src/guide';
import { GuideView, type Translate } from '../../../src/ui';

/**
 * Paste a guide as copied from Word or a PDF (or Markdown), see how it was read,
 * and save it. Every line that could not be placed is named before saving.
 */
export function GuideImport(props: { t: Translate; onSave: (guide: Guide) => Promise<void> }) {
  const { t } = props;
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string[] | null>(null);
  const result = useMemo(() => (text.trim() ? parseGuideText(text, { title: title.trim() || undefined }) : null), [text, title]);
  const questionCount = result?.draft.sections.reduce((sum, section) => sum + section.questions.length, 0) ?? 0;

  const save = async () => {
    if (!result || questionCount === 0) return setError([t('importNothing')]);
    await props.onSave(createGuide(result.draft, { changeNote: t('importedNote') }));
    setText('');
    setTitle('');
    setError(null);
  };

  const importJson = async (file: File) => {
    const parsed = parseGuideJson(await file.text());
    if (!parsed.ok) return setError(parsed.errors.map((problem) => `${problem.path}: ${problem.message}`));
    setError(null);
    await props.onSave(parsed.guide);
  };

  return (
    <section class="card guide-import">
      <h2>{t('importTitle')}</h2>
      <p class="muted">{t('importHelp')}</p>
      <label>
        {t('guideTitle')}
        <input data-testid="guide-import-title" value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <div class="import-columns">
        <label class="import-text">
          {t('importPaste')}
          <textarea
            data-testid="guide-import-text"
            rows={18}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
            spellcheck={false}
          />
        </label>
        <div class="import-preview" data-testid="guide-import-preview" aria-live="polite">
          {result ? (
            <>
              <p class="muted">
                {t('importSummary', {
                  sections: result.draft.sections.length,
                  questions: questionCount,
                  intro: result.draft.intro.length,
                  minutes: result.draft.plannedMinutes,
                })}
              </p>
              {result.unplaced.length > 0 && (
                <div class="warning" data-testid="guide-import-unplaced">
                  <strong>{t('importUnplaced', { count: result.unplaced.length })}</strong>
                  <ul>
                    {result.unplaced.map((line) => (
                      <li key={line.line}>
                        {t('lineNumber', { line: line.line })}: “{line.text}” — {line.reason}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {/* The parts and their question counts at a glance: a heading read as a note, or notes read as a part, shows here. */}
              <ol class="import-outline" data-testid="guide-import-outline" aria-label={t('importOutline')}>
                {result.draft.sections.map((section) => (
                  <li key={section.id} data-testid="guide-import-outline-section" data-questions={section.questions.length} class={section.questions.length === 0 ? 'warning' : undefined}>
                    <strong>{section.title}</strong>{' '}
                    {section.plannedMinutes === null
                      ? t('importOutlineCount', { questions: section.questions.length })
                      : t('importOutlineCountMinutes', { questions: section.questions.length, minutes: section.plannedMinutes })}
                  </li>
                ))}
              </ol>
              {result.draft.intro.length > 0 && (
                <div class="intro-preview">
                  <strong>{t('introChecklist')}</strong>
                  <ul>
                    {result.draft.intro.map((item) => (
                      <li key={item.id}>☐ {item.text}</li>
                    ))}
                  </ul>
                </div>
              )}
              <GuideView guide={result.draft} t={t} />
            </>
          ) : (
            <p class="muted">{t('importPreviewEmpty')}</p>
          )}
        </div>
      </div>
      {error && (
        <ul class="error" role="alert" data-testid="guide-import-error">
          {error.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="button" data-testid="guide-import-save" disabled={!result || questionCount === 0} onClick={() => void save()}>
          {t('importSave')}
        </button>
        <label class="file-button">
          {t('importJson')}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="guide-import-json"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void importJson(file);
              event.currentTarget.value = '';
            }}
          />
        </label>
      </div>
    </section>
  );
}
