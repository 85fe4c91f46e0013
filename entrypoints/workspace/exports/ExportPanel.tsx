import { useEffect, useRef, useState } from 'preact/hooks';
import {
  DEFAULT_EXPORT_CHOICES,
  EXPORT_FORMATS,
  exportFile,
  transformSessions,
  unchangedTranscript,
  type ExportChoices,
  type ExportFormat,
  type ExportLocale,
  type ExportScope,
  type RealNameExportLog,
  type TranscriptTransform,
} from '../../../src/export';
import { onStoreChange } from '../../../src/messages';
import type { IntervjuDatabase, Vault } from '../../../src/store';
import type { MessageKey, Translate } from '../../../src/ui';
import { downloadFile } from '../download';
import { reasonOf } from '../privacy/format';
import { exportSeams } from './export-seams';
import { loadExport, loadExportAudio, scopeSessions } from './load-export';

const FORMAT_LABEL: Record<ExportFormat, MessageKey> = {
  docx: 'exportFormatDocx',
  txt: 'exportFormatTxt',
  vtt: 'exportFormatVtt',
  srt: 'exportFormatSrt',
  qdpx: 'exportFormatQdpx',
};

export interface ExportPanelProps {
  db: IntervjuDatabase;
  vault: Vault;
  t: Translate;
  /** Language of the file's headers and labels: the UI's. */
  locale: ExportLocale;
  /** One session, a participant's sessions, or the whole project. */
  scope: ExportScope;
  /** Heading of the panel (defaults by scope). */
  title?: string;
  /** Pseudonymises segments and notes before export; defaults to export-seams.ts (null there: not wired). */
  transform?: TranscriptTransform | null;
  /** Logs an export with real names before it is written; defaults to export-seams.ts (null there: refused). */
  logRealNameExport?: RealNameExportLog | null;
}

/**
 * Writes transcripts out for Word, subtitles and the analysis programs: the
 * format, the options a researcher expects (time marks, line numbers, notes as
 * comments or an appendix, filler words), pseudonymised unless the researcher
 * chooses real names, which asks once and is logged.
 */
export function ExportPanel(props: ExportPanelProps) {
  const { db, vault, t, locale, scope } = props;
  const seams = exportSeams(db, vault);
  const transform = props.transform === undefined ? seams.transform : props.transform;
  const logRealNames = props.logRealNameExport === undefined ? seams.logRealNameExport : props.logRealNameExport;
  const [format, setFormat] = useState<ExportFormat>('docx');
  const [choices, setChoices] = useState<ExportChoices>(DEFAULT_EXPORT_CHOICES);
  const [realNames, setRealNames] = useState(false);
  const [askingRealNames, setAskingRealNames] = useState(false);
  const [count, setCount] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const scopeKey = JSON.stringify(scope);

  useEffect(() => {
    const count = () => void scopeSessions(db, scope).then((sessions) => setCount(sessions.length));
    count();
    return onStoreChange((change) => {
      if (change.type === 'session.changed' || change.type === 'participants.changed') count();
    });
  }, [db, scopeKey]);
  useEffect(() => {
    if (askingRealNames) confirmButton.current?.focus();
  }, [askingRealNames]);

  const choose = <Key extends keyof ExportChoices>(key: Key, value: ExportChoices[Key]) => setChoices({ ...choices, [key]: value });

  const download = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const loaded = await loadExport(db, vault, scope, locale);
      const inputs = await transformSessions(loaded.inputs, realNames ? unchangedTranscript : (transform ?? unchangedTranscript));
      // One session's file is named after it; a participant's or the project's after them.
      // The voices only when chosen (off by default), decrypted into this file alone.
      const audio = format === 'qdpx' && choices.audio ? await loadExportAudio(db, vault, inputs.map((input) => input.session.id)) : undefined;
      const bundle = scope.kind === 'session' ? {} : { stem: loaded.stem, projectName: loaded.projectName };
      const file = await exportFile(inputs, format, choices, audio ? { ...bundle, audio } : bundle);
      if (realNames) {
        // No log, no file: a real-name export is never written unrecorded.
        if (!logRealNames) throw new Error(t('exportRealNamesNotLogged'));
        await logRealNames({ scope: scope.kind, sessionIds: inputs.map((input) => input.session.id), format, fileName: file.name, at: Date.now() });
      }
      downloadFile(file.name, new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.type);
      setMessage({ ok: true, text: t('exportDone', { name: file.name }) });
    } catch (cause) {
      setMessage({ ok: false, text: t('exportFailed', { reason: reasonOf(cause) }) });
    } finally {
      setBusy(false);
    }
  };

  const title =
    props.title ?? (scope.kind === 'session' ? t('exportTitleSession') : scope.kind === 'project' ? t('exportTitleProject') : t('exportTranscripts'));
  const several = count !== null && count > 1;
  return (
    <section class="export-panel" data-testid="export-panel" data-scope={scope.kind} aria-label={title}>
      <h3>{title}</h3>
      {scope.kind !== 'session' && count !== null && <p class="muted">{count === 0 ? t('exportNothing') : t('exportSessionCount', { count })}</p>}
      <fieldset>
        <legend>{t('exportFormat')}</legend>
        {EXPORT_FORMATS.map((name) => (
          <label key={name} class="export-choice">
            <input
              type="radio"
              name={`export-format-${scopeKey}`}
              data-testid="export-format"
              data-format={name}
              checked={format === name}
              onChange={() => setFormat(name)}
            />{' '}
            {t(FORMAT_LABEL[name])}
          </label>
        ))}
      </fieldset>
      <div class="export-options">
        {(format === 'docx' || format === 'txt' || format === 'qdpx') && (
          <label>
            <input type="checkbox" data-testid="export-time-marks" checked={choices.timeMarks} onChange={(event) => choose('timeMarks', event.currentTarget.checked)} />{' '}
            {t('exportTimeMarks')}
          </label>
        )}
        {format === 'docx' && (
          <>
            <label>
              <input type="checkbox" data-testid="export-line-numbers" checked={choices.lineNumbers} onChange={(event) => choose('lineNumbers', event.currentTarget.checked)} />{' '}
              {t('exportLineNumbers')}
            </label>
            <label>
              {t('exportNotes')}{' '}
              <select data-testid="export-notes" value={choices.notes} onChange={(event) => choose('notes', event.currentTarget.value as ExportChoices['notes'])}>
                <option value="appendix">{t('exportNotesAppendix')}</option>
                <option value="comments">{t('exportNotesComments')}</option>
                <option value="none">{t('exportNotesNone')}</option>
              </select>
            </label>
          </>
        )}
        <label>
          <input type="checkbox" data-testid="export-keep-fillers" checked={choices.keepFillers} onChange={(event) => choose('keepFillers', event.currentTarget.checked)} />{' '}
          {t('exportKeepFillers')}
        </label>
        {format === 'qdpx' && (
          <>
            <label>
              <input type="checkbox" data-testid="export-audio" checked={Boolean(choices.audio)} onChange={(event) => choose('audio', event.currentTarget.checked)} />{' '}
              {t('exportIncludeAudio')}
            </label>
            {choices.audio ? (
              <p class="warning" role="note" data-testid="export-audio-warning">
                {t('exportAudioWarning')}
              </p>
            ) : (
              <p class="muted help">{t('exportQdpxAudio')}</p>
            )}
          </>
        )}
        {format !== 'qdpx' && several && <p class="muted help">{t('exportZipNote')}</p>}
      </div>
      <p class={transform ? 'muted' : 'warning'} data-testid="export-pseudonymisation" data-wired={String(transform !== null)}>
        {transform ? t('exportPseudonymised') : t('exportNotPseudonymised')}
      </p>
      <label>
        <input
          type="checkbox"
          data-testid="export-real-names"
          checked={realNames}
          onChange={(event) => {
            // Ticking only asks; the confirmation below turns it on.
            if (event.currentTarget.checked) {
              event.currentTarget.checked = false;
              setAskingRealNames(true);
            } else setRealNames(false);
          }}
        />{' '}
        {t('exportRealNames')}
      </label>
      {askingRealNames && (
        <div class="confirm-step" role="alertdialog" aria-labelledby={`export-real-names-question-${scopeKey}`} data-testid="export-real-names-dialog">
          <p id={`export-real-names-question-${scopeKey}`}>
            <strong>{t('exportRealNamesQuestion')}</strong>
          </p>
          <div class="actions">
            <button
              type="button"
              class="danger"
              ref={confirmButton}
              data-testid="export-real-names-confirm"
              onClick={() => {
                setRealNames(true);
                setAskingRealNames(false);
              }}
            >
              {t('exportRealNamesConfirm')}
            </button>
            <button type="button" class="secondary" data-testid="export-real-names-cancel" onClick={() => setAskingRealNames(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      <div class="actions">
        <button type="button" data-testid="export-download" data-format={format} disabled={busy || count === 0} onClick={() => void download()}>
          {busy ? t('working') : t('exportDownload')}
        </button>
      </div>
      {message && (
        <p class={message.ok ? 'notice' : 'error'} role="status" data-testid="export-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
