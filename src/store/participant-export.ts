/**
 * Everything stored about one participant, as one zip: a readable transcript,
 * the full data as JSON, and the recordings of their interviews (for a
 * participant's request to see their data, GDPR art. 15).
 */
import { strToU8, Zip, ZipDeflate, ZipPassThrough, type FlateError } from 'fflate';
import { listAudioMetadata, readAudioChunks } from './audio';
import { listCoverage } from './coverage';
import { RecordStateError } from './errors';
import { listNotes } from './notes';
import { listParticipantQuotes } from './quotes';
import type { AudioChunkMetadata, Participant, Segment, Session } from './records';
import { STORE, type IntervjuDatabase } from './schema';
import { listSegments } from './segments';
import type { Vault } from './vault';
import { exportLabels, fillLabel } from '../export/labels';
import { formatDate, formatTimestamp } from '../export/time';
import type { ExportLocale } from '../export/types';

export { formatTimestamp };

/**
 * One session as turns: consecutive segments of one speaker form one turn,
 * "I: …" for the interviewer and "<pseudonym>: …" for the participant, each
 * ending with the timestamp of its end (f4's convention). The session's line
 * is in `locale`, the UI's language.
 */
export function transcriptText(session: Session, segments: readonly Segment[], pseudonym: string, locale: ExportLocale = 'en'): string {
  const labels = exportLabels(locale);
  const sessionLine = fillLabel(labels.sessionLine, {
    date: formatDate(session.startedAt),
    kind: labels.kinds[session.kind],
    platform: session.platform,
    language: session.language,
  });
  const lines = [sessionLine, ''];
  let turn: { channel: Segment['channel']; texts: string[]; end: number } | null = null;
  const flush = () => {
    if (!turn) return;
    // One microphone for both speakers cannot tell them apart: say so rather than guess.
    const speaker = turn.channel === 'interviewer' ? 'I' : turn.channel === 'mixed' ? `I/${pseudonym}` : pseudonym;
    lines.push(`${speaker}: ${turn.texts.join(' ')} ${formatTimestamp(turn.end)}`, '');
  };
  for (const segment of segments) {
    const text = segment.text.trim();
    if (text === '') continue;
    if (turn && turn.channel === segment.channel) {
      turn.texts.push(text);
      turn.end = segment.end;
    } else {
      flush();
      turn = { channel: segment.channel, texts: [text], end: segment.end };
    }
  }
  flush();
  return lines.join('\n');
}

/** File-name-safe form of a pseudonym. */
function fileNamePart(pseudonym: string): string {
  return pseudonym.replace(/[^\p{L}\p{N}_-]+/gu, '_') || 'participant';
}

/** How far an export has come, in audio chunks. */
export interface ExportProgress {
  done: number;
  total: number;
}

/** Audio chunks decrypted per transaction: about 0.5 MB of 32 kbit/s Opus. */
const AUDIO_BATCH = 64;

/** One recording of one channel: the chunks one recorder produced, which together are one playable file. */
interface AudioRun {
  file: string;
  sessionId: string;
  channel: AudioChunkMetadata['channel'];
  start: number;
  end: number;
  chunks: AudioChunkMetadata[];
}

function extensionOf(codec: string): string {
  if (codec.startsWith('audio/webm')) return 'webm';
  if (codec.startsWith('audio/ogg')) return 'ogg';
  return 'bin';
}

/**
 * A session's chunks as files. A recorder numbers its chunks from 0 and only
 * its first carries the container header, so a sequence that starts again (a
 * recording resumed after a crash) begins a new file.
 */
function audioRuns(session: Session, chunks: readonly AudioChunkMetadata[]): AudioRun[] {
  const runs: AudioRun[] = [];
  let current: AudioRun | null = null;
  const stamp = formatDate(session.startedAt).replace(' ', '_').replace(':', '');
  for (const chunk of chunks) {
    const last = current?.chunks.at(-1);
    if (!current || current.channel !== chunk.channel || (last && chunk.sequence <= last.sequence)) {
      const part = runs.filter((run) => run.sessionId === session.id && run.channel === chunk.channel).length;
      const name = `audio/${stamp}-${chunk.channel}${part > 0 ? `-${part + 1}` : ''}.${extensionOf(chunk.codec)}`;
      current = { file: name, sessionId: session.id, channel: chunk.channel, start: chunk.start, end: chunk.end, chunks: [] };
      runs.push(current);
    }
    current.chunks.push(chunk);
    current.end = chunk.end;
  }
  return runs;
}

/**
 * A zip with `README.txt` saying what each file is, `transcript-<pseudonym>.txt`
 * (both in `locale`, the UI's language: the participant reads them),
 * `data.json` holding all the participant's data, and their sessions' audio
 * under `audio/`. The zip is built
 * as it is read: audio a batch of chunks at a time, each produced piece kept as
 * a Blob (in the browser's blob store, not this page's memory), so hours of audio
 * never sit in memory at once.
 */
export async function exportParticipantData(
  database: IntervjuDatabase,
  vault: Vault,
  participantId: string,
  options: { locale?: ExportLocale; onProgress?: (progress: ExportProgress) => void; now?: number } = {},
): Promise<Blob> {
  const locale = options.locale ?? 'en';
  const labels = exportLabels(locale);
  const participant: Participant | undefined = await database.get(STORE.participants, participantId);
  if (!participant) throw new RecordStateError(`Participant ${participantId} does not exist.`);
  const sessions = (await database.getAllFromIndex(STORE.sessions, 'byParticipant', participantId)).sort(
    (left, right) => left.startedAt - right.startedAt,
  );
  const perSession = await Promise.all(
    sessions.map(async (session) => ({
      session,
      segments: await listSegments(database, vault, session.id),
      notes: await listNotes(database, vault, session.id),
      coverage: await listCoverage(database, session.id),
      audio: audioRuns(session, await listAudioMetadata(database, session.id)),
    })),
  );
  const transcript = [
    fillLabel(labels.transcriptFor, { pseudonym: participant.pseudonym }),
    '',
    ...perSession.map(({ session, segments }) => transcriptText(session, segments, participant.pseudonym, locale)),
  ].join('\n');
  const transcriptFile = `transcript-${fileNamePart(participant.pseudonym)}.txt`;
  const readme = fillLabel(labels.dataExportReadme, {
    pseudonym: participant.pseudonym,
    date: formatDate(options.now ?? Date.now()),
    transcript: transcriptFile,
  });
  const runs = perSession.flatMap((entry) => entry.audio);
  // Quotes hold their words as marked (real names included, if marked before pseudonymising): this is their own data.
  const quotes = await listParticipantQuotes(database, vault, participantId);
  const data = {
    format: 'intervju-participant-export',
    version: 1,
    participant,
    sessions,
    segments: perSession.flatMap((entry) => entry.segments),
    notes: perSession.flatMap((entry) => entry.notes),
    coverage: perSession.flatMap((entry) => entry.coverage),
    quotes,
    audio: runs.map(({ file, sessionId, channel, start, end, chunks }) => ({ file, sessionId, channel, start, end, chunks: chunks.length })),
  };

  const parts: Blob[] = [];
  let failure: FlateError | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
  });
  const addWhole = (name: string, bytes: Uint8Array) => {
    const entry = new ZipDeflate(name);
    zip.add(entry);
    entry.push(bytes, true);
  };
  addWhole('README.txt', strToU8(`${readme}\n`));
  addWhole(transcriptFile, strToU8(transcript));
  addWhole('data.json', strToU8(JSON.stringify(data, null, 2)));
  const total = runs.reduce((sum, run) => sum + run.chunks.length, 0);
  let done = 0;
  options.onProgress?.({ done, total });
  for (const run of runs) {
    // Opus is compressed already: stored, not deflated again.
    const entry = new ZipPassThrough(run.file);
    zip.add(entry);
    for (let first = 0; first < run.chunks.length; first += AUDIO_BATCH) {
      const ids = run.chunks.slice(first, first + AUDIO_BATCH).map((chunk) => chunk.id);
      for (const chunk of await readAudioChunks(database, vault, ids)) {
        if (!chunk) throw new RecordStateError('Audio was deleted while the export was being made; export again.');
        entry.push(chunk.bytes);
      }
      done += ids.length;
      options.onProgress?.({ done, total });
    }
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  if (failure) throw failure;
  return new Blob(parts, { type: 'application/zip' });
}
