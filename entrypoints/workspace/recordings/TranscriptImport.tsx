import { useEffect, useState } from 'preact/hooks';
import { formatDuration } from '../../../src/coverage';
import type { Guide } from '../../../src/guide';
import { broadcastStoreChange, type WhisperLanguage } from '../../../src/messages';
import {
  getActiveGuideRef,
  listGuideVersions,
  listGuides,
  listParticipants,
  type IntervjuDatabase,
  type Participant,
  type Vault,
} from '../../../src/store';
import {
  formatClock,
  guessRoles,
  readTranscript,
  saveImportedTranscript,
  speakerKey,
  TRANSCRIPT_FILE_TYPES,
  TranscriptImportError,
  type ImportParticipant,
  type ParsedTranscript,
  type SpeakerRole,
  type TranscriptFormat,
} from '../../../src/transcript-import';
import { describeTranscriptProblem, LanguageSelect, type MessageKey, type Translate } from '../../../src/ui';
import { SpeakerRoleTable } from './SpeakerRoleTable';

const FORMAT_LABEL: Record<TranscriptFormat, MessageKey> = {
  webvtt: 'transcriptFormat_webvtt',
  srt: 'transcriptFormat_srt',
  'teams-docx': 'transcriptFormat_teams_docx',
  'plain-text': 'transcriptFormat_plain_text',
};
/** Turns shown in the preview; the rest are counted. */
const PREVIEW_TURNS = 40;
const NEW_PARTICIPANT = 'new';
const NO_PARTICIPANT = 'none';

type Stage =
  | { kind: 'editing' }
  | { kind: 'saving' }
  | { kind: 'done'; segments: number; suggestions: number; autoMarked: boolean }
  | { kind: 'failed'; message: string };

const guideKey = (guide: Pick<Guide, 'id' | 'version'>) => `${guide.id}@${guide.version}`;

/**
 * Imports a transcript a call platform or another tool made: choose the file,
 * see its turns, say who each speaker is, choose the participant and guide
 * version, and store it as an `import` session with its coverage suggested.
 */
export function TranscriptImport(props: { db: IntervjuDatabase; vault: Vault; t: Translate }) {
  const { db, vault, t } = props;
  const [fileName, setFileName] = useState('');
  const [transcript, setTranscript] = useState<ParsedTranscript | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [roles, setRoles] = useState<Map<string, SpeakerRole>>(new Map());
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [participantChoice, setParticipantChoice] = useState(NO_PARTICIPANT);
  const [pseudonym, setPseudonym] = useState('');
  const [guides, setGuides] = useState<Guide[]>([]);
  const [guideChoice, setGuideChoice] = useState('');
  const [language, setLanguage] = useState<WhisperLanguage>('no');
  /** When the interview was held (`datetime-local` value); empty: now. Files rarely say, so the researcher may. */
  const [heldAt, setHeldAt] = useState('');
  const [stage, setStage] = useState<Stage>({ kind: 'editing' });

  useEffect(() => {
    void (async () => {
      setParticipants((await listParticipants(db)).filter((participant) => participant.withdrawnAt === null));
      const versions = (await Promise.all((await listGuides(db)).map((guide) => listGuideVersions(db, guide.id)))).flat().reverse();
      setGuides(versions);
      const active = await getActiveGuideRef(db);
      setGuideChoice(active ? guideKey(active) : versions[0] ? guideKey(versions[0]) : '');
    })();
  }, [db]);

  const chooseFile = async (file: File | undefined) => {
    setTranscript(null);
    setReadError(null);
    setStage({ kind: 'editing' });
    if (!file) return;
    setFileName(file.name);
    try {
      const parsed = readTranscript(file.name, new Uint8Array(await file.arrayBuffer()));
      setTranscript(parsed);
      setRoles(guessRoles(parsed.speakers));
    } catch (cause) {
      const reason = cause instanceof TranscriptImportError ? describeTranscriptProblem(cause.problem, t) : cause instanceof Error ? cause.message : String(cause);
      setReadError(t('transcriptUnreadable', { name: file.name, reason }));
    }
  };

  const anySpeakerKept = [...roles.values()].some((role) => role !== 'leave-out');
  const pseudonymMissing = participantChoice === NEW_PARTICIPANT && pseudonym.trim() === '';
  const saving = stage.kind === 'saving';

  const save = async () => {
    if (!transcript || !anySpeakerKept || pseudonymMissing) return;
    setStage({ kind: 'saving' });
    const participant: ImportParticipant =
      participantChoice === NO_PARTICIPANT
        ? { kind: 'none' }
        : participantChoice === NEW_PARTICIPANT
          ? { kind: 'new', pseudonym: pseudonym.trim() }
          : { kind: 'existing', participantId: participantChoice };
    try {
      const result = await saveImportedTranscript(db, vault, {
        turns: transcript.turns,
        roles,
        participant,
        guide: guides.find((guide) => guideKey(guide) === guideChoice) ?? null,
        platform: transcript.fromTeams ? 'teams' : 'file',
        language,
        ...(heldAt && Number.isFinite(new Date(heldAt).getTime()) ? { startedAt: new Date(heldAt).getTime() } : {}),
      });
      if (result.participantCreated) broadcastStoreChange({ type: 'participants.changed' });
      broadcastStoreChange({ type: 'session.changed', sessionId: result.session.id });
      if (result.autoMarked) broadcastStoreChange({ type: 'coverage.changed', sessionId: result.session.id });
      setStage({ kind: 'done', segments: result.segmentCount, suggestions: result.suggestions.length, autoMarked: result.autoMarked });
    } catch (cause) {
      setStage({ kind: 'failed', message: t('transcriptSaveFailed', { reason: cause instanceof Error ? cause.message : String(cause) }) });
    }
  };

  const last = transcript?.turns.reduce((latest, turn) => Math.max(latest, turn.end), 0) ?? 0;
  return (
    <section class="card" data-testid="transcript-import">
      <h2>{t('transcriptImportTitle')}</h2>
      <p class="muted">{t('transcriptImportHelp')}</p>
      <label>
        {t('transcriptImportFile')}
        <input type="file" accept={TRANSCRIPT_FILE_TYPES} data-testid="transcript-file" disabled={saving} onChange={(event) => void chooseFile(event.currentTarget.files?.[0])} />
      </label>
      {readError && (
        <p class="error" role="alert" data-testid="transcript-error">
          {readError}
        </p>
      )}
      {transcript && stage.kind !== 'done' && (
        <div data-testid="transcript-preview" data-file={fileName}>
          <p data-testid="transcript-summary">
            {t('transcriptPreviewSummary', {
              format: t(FORMAT_LABEL[transcript.format]),
              turns: transcript.turns.length,
              speakers: transcript.speakers.length,
              duration: formatDuration(last * 1000),
            })}
          </p>
          {transcript.skipped.length > 0 && (
            <details data-testid="transcript-skipped">
              <summary>{t('transcriptSkipped', { count: transcript.skipped.length })}</summary>
              <ul>
                {transcript.skipped.map((line) => (
                  <li key={line.line}>
                    {t('lineNumber', { line: line.line })}: {line.text}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <SpeakerRoleTable t={t} transcript={transcript} roles={roles} disabled={saving} onChange={(speaker, role) => setRoles(new Map(roles).set(speaker, role))} />
          {!anySpeakerKept && <p class="error" role="alert">{t('transcriptNoRoles')}</p>}
          <label>
            {t('transcriptParticipant')}
            <select data-testid="transcript-participant" value={participantChoice} disabled={saving} onChange={(event) => setParticipantChoice(event.currentTarget.value)}>
              <option value={NO_PARTICIPANT}>{t('transcriptParticipantNone')}</option>
              {participants.map((participant) => (
                <option key={participant.id} value={participant.id}>
                  {participant.pseudonym}
                </option>
              ))}
              <option value={NEW_PARTICIPANT}>{t('transcriptParticipantNew')}</option>
            </select>
          </label>
          {participantChoice === NEW_PARTICIPANT && (
            <label>
              {t('transcriptNewPseudonym')}
              <input data-testid="transcript-pseudonym" value={pseudonym} disabled={saving} onInput={(event) => setPseudonym(event.currentTarget.value)} />
            </label>
          )}
          <label>
            {t('transcriptGuide')}
            <select data-testid="transcript-guide" value={guideChoice} disabled={saving} onChange={(event) => setGuideChoice(event.currentTarget.value)}>
              <option value="">{t('transcriptGuideNone')}</option>
              {guides.map((guide) => (
                <option key={guideKey(guide)} value={guideKey(guide)}>
                  {t('transcriptGuideOption', { title: guide.title, version: guide.version })}
                </option>
              ))}
            </select>
          </label>
          <LanguageSelect t={t} value={language} onChange={setLanguage} disabled={saving} testId="transcript-language" />
          <label>
            {t('transcriptHeldAt')} <small class="muted">({t('transcriptHeldAtDefault')})</small>
            <input type="datetime-local" data-testid="transcript-held-at" value={heldAt} disabled={saving} onInput={(event) => setHeldAt(event.currentTarget.value)} />
          </label>
          <h3>{t('transcriptPreview')}</h3>
          <ol class="live-transcript">
            {transcript.turns.slice(0, PREVIEW_TURNS).map((turn, index) => {
              const role = roles.get(speakerKey(turn.speaker)) ?? 'mixed';
              return (
                <li key={index} data-testid="transcript-turn" data-channel={role} data-start={turn.start.toFixed(2)} class={role === 'leave-out' ? 'muted' : undefined}>
                  <small class="muted">{formatClock(turn.start)}</small> <strong>{turn.speaker ?? t('transcriptNoSpeaker')}:</strong> {turn.text}
                </li>
              );
            })}
          </ol>
          {transcript.turns.length > PREVIEW_TURNS && <p class="muted">{t('transcriptMoreTurns', { count: transcript.turns.length - PREVIEW_TURNS })}</p>}
          {pseudonymMissing && <p class="muted">{t('transcriptPseudonymMissing')}</p>}
          <div class="actions">
            <button type="button" data-testid="transcript-save" disabled={saving || !anySpeakerKept || pseudonymMissing} onClick={() => void save()}>
              {saving ? t('transcriptSaving') : t('transcriptSave')}
            </button>
          </div>
        </div>
      )}
      {stage.kind === 'failed' && (
        <p class="error" role="alert" data-testid="transcript-save-error">
          {stage.message}
        </p>
      )}
      {stage.kind === 'done' && (
        <p class="notice" role="status" data-testid="transcript-done" data-segments={stage.segments} data-suggestions={stage.suggestions} data-auto-marked={String(stage.autoMarked)}>
          {t(stage.autoMarked ? 'transcriptDoneAutoMarked' : 'transcriptDone', { segments: stage.segments, suggestions: stage.suggestions })}
        </p>
      )}
    </section>
  );
}
