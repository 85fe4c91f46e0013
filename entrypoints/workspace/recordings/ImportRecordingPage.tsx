import { useRef, useState } from 'preact/hooks';
import { backgroundMessaging, broadcastStoreChange, sendPanelChange, type WhisperLanguage } from '../../../src/messages';
import {
  appendAudioChunk,
  createParticipant,
  createSession,
  getActiveGuide,
  getSetting,
  getProject,
  saveTranscribedSegment,
  type IntervjuDatabase,
  type Segment,
  type Session,
  type Vault,
} from '../../../src/store';
import {
  bundledModelToUse,
  createTranscriptionClient,
  settleImportSession,
  transcribeRecording,
  type ImportKept,
  type ImportOutcome,
} from '../../../src/transcribe';
import { LanguageSelect, TranscriptText, type Translate } from '../../../src/ui';
import { sileroVoiceActivity } from '../../../src/audio/silero-session';
import { decodeRecording } from './decode-recording';

type Stage =
  | { kind: 'idle' }
  | { kind: 'working'; step: 'decoding' | 'loading-model' | 'transcribing'; fraction: number; done: number; total: number }
  | { kind: 'done'; segments: Segment[]; seconds: number }
  | { kind: 'cancelled'; kept: number }
  | { kind: 'error'; message: string; kept: number };

const ACCEPT = 'audio/*,video/webm,.wav,.mp3,.m4a,.aac,.ogg,.opus,.webm';

/**
 * Transcribes a recording made elsewhere (a phone, a dictaphone) with the same
 * model and [uklart] policy as a live call, as an `import` session.
 */
export function ImportRecordingPage(props: { db: IntervjuDatabase; vault: Vault; t: Translate }) {
  const { db, vault, t } = props;
  const [file, setFile] = useState<File | null>(null);
  const [pseudonym, setPseudonym] = useState('');
  const [language, setLanguage] = useState<WhisperLanguage>('no');
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const job = useRef<{ controller: AbortController; cancelCurrent: () => void } | null>(null);

  const run = async () => {
    if (!file) return;
    const controller = new AbortController();
    const worker = new Worker(new URL('../../../src/transcribe/worker/transcription.worker.ts', import.meta.url), { type: 'module' });
    const client = createTranscriptionClient(worker);
    let currentId: string | null = null;
    job.current = { controller, cancelCurrent: () => currentId && client.cancel(currentId) };
    const kept: ImportKept = { count: 0, lastEnd: 0 };
    let session: Session | null = null;
    let fullQuality: string | null = null;
    // The session is created active; however the import stops, it must not stay so.
    const settle = async (outcome: ImportOutcome) => {
      if (!session) return;
      const ended = session;
      session = null;
      await settleImportSession(db, ended, outcome, kept);
      if (ended.participantId !== null) broadcastStoreChange({ type: 'participants.changed' });
      broadcastStoreChange({ type: 'session.changed', sessionId: ended.id });
    };
    try {
      setStage({ kind: 'working', step: 'decoding', fraction: 0, done: 0, total: 0 });
      let decoded;
      try {
        decoded = await decodeRecording(await file.arrayBuffer());
      } catch {
        throw new Error(t('importUnreadable', { name: file.name }));
      }
      setStage({ kind: 'working', step: 'loading-model', fraction: 0, done: 0, total: 0 });
      const model = await bundledModelToUse(await getSetting(db, 'transcriptionModel'));
      if (!model) throw new Error(t('importNoModel'));
      await client.load(model, 'auto');
      // Cancelled while the file was read or the model loaded: make nothing to remove again.
      controller.signal.throwIfAborted();
      const guide = await getActiveGuide(db);
      const participant = pseudonym.trim() ? await createParticipant(db, { pseudonym: pseudonym.trim() }) : null;
      session = await createSession(db, {
        kind: 'import',
        participantId: participant?.id ?? null,
        guideId: guide?.id ?? '',
        guideVersion: guide?.version ?? 0,
        platform: 'file',
        language,
      });
      const project = await getProject(db);
      if (project?.audioPolicy.kind !== 'no-audio') {
        const bytes = new Uint8Array(await file.arrayBuffer());
        await appendAudioChunk(db, vault, {
          sessionId: session.id,
          channel: 'mixed',
          sequence: 0,
          start: 0,
          end: decoded.seconds,
          codec: file.type || 'application/octet-stream',
          bytes,
        });
      }
      // The same detector as a live recording (the energy one if Silero cannot load here).
      const voiceActivity = await sileroVoiceActivity(() => undefined);
      const segments = await transcribeRecording({
        sessionId: session.id,
        samples: decoded.samples,
        language,
        detector: voiceActivity.make(),
        signal: controller.signal,
        transcribe: (request) => {
          currentId = request.id;
          return client.transcribe({ ...request, language, wordTimestamps: true });
        },
        onSegment: async (segment) => {
          const revision = await saveTranscribedSegment(db, vault, segment);
          // A session view open on this import (another tab) shows it at once.
          if (revision !== null) sendPanelChange({ type: 'segment.saved', sessionId: segment.sessionId, revision, segment });
          kept.count++;
          kept.lastEnd = Math.max(kept.lastEnd, segment.end);
        },
        onProgress: (progress) => setStage({ kind: 'working', step: 'transcribing', ...progress }),
      });
      const finished = session;
      await settle({ kind: 'finished', seconds: decoded.seconds });
      setStage({ kind: 'done', segments, seconds: decoded.seconds });
      fullQuality = project?.audioPolicy.kind !== 'no-audio' ? finished.id : null;
    } catch (cause) {
      const cancelled = controller.signal.aborted;
      await settle({ kind: cancelled ? 'cancelled' : 'failed' }).catch((settling: unknown) => console.error('Intervju: could not end the import session', settling));
      if (cancelled) setStage({ kind: 'cancelled', kept: kept.count });
      else setStage({ kind: 'error', message: cause instanceof Error ? cause.message : String(cause), kept: kept.count });
    } finally {
      client.dispose();
      job.current = null;
    }
    // The full-quality pass over the stored file, in the background once this page's model is gone (docs/final-pass.md).
    if (fullQuality !== null) {
      await backgroundMessaging.sendMessage('finalPass.control', { sessionId: fullQuality, action: 'start' }).catch((cause: unknown) => console.warn('Intervju: no full-quality pass', cause));
    }
  };

  const working = stage.kind === 'working';
  return (
    <section class="card">
      <h2>{t('importRecordingTitle')}</h2>
      <p class="muted">{t('importRecordingHelp')}</p>
      <label>
        {t('importRecordingFile')}
        <input type="file" accept={ACCEPT} data-testid="recording-file" disabled={working} onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)} />
      </label>
      <label>
        {t('pseudonym')} <small class="muted">({t('optional')})</small>
        <input value={pseudonym} disabled={working} onInput={(event) => setPseudonym(event.currentTarget.value)} />
      </label>
      <LanguageSelect t={t} value={language} onChange={setLanguage} disabled={working} />
      <div class="actions">
        <button type="button" data-testid="recording-transcribe" disabled={!file || working} onClick={() => void run()}>
          {t('importRecordingStart')}
        </button>
        {working && (
          <button
            type="button"
            class="secondary"
            data-testid="recording-cancel"
            onClick={() => {
              job.current?.controller.abort();
              job.current?.cancelCurrent();
            }}
          >
            {t('cancel')}
          </button>
        )}
      </div>
      {stage.kind === 'working' && (
        <div class="progress" aria-live="polite">
          <progress data-testid="import-progress" max={1} value={stage.fraction} />
          <span>
            {stage.step === 'decoding'
              ? t('importDecoding')
              : stage.step === 'loading-model'
                ? t('importLoadingModel')
                : t('importProgress', { done: stage.done, total: stage.total })}
          </span>
        </div>
      )}
      {stage.kind === 'error' && (
        <p class="error" role="alert" data-testid="import-error">
          {stage.message}
          {stage.kept > 0 && <> {t('importFailedKept', { kept: stage.kept })}</>}
        </p>
      )}
      {stage.kind === 'cancelled' && (
        <p class="warning" role="status" data-testid="import-cancelled">
          {stage.kept > 0 ? t('importCancelled', { kept: stage.kept }) : t('importCancelledNothing')}
        </p>
      )}
      {stage.kind === 'done' && (
        <div data-testid="import-done">
          <p class="notice">{t('importDone', { segments: stage.segments.length })}</p>
          <ol class="live-transcript">
            {stage.segments.map((segment) => (
              <li key={segment.id} data-testid="segment" data-channel={segment.channel} data-start={segment.start.toFixed(2)}>
                <TranscriptText text={segment.text} unclear={segment.unclear} />
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
