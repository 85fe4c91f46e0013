/**
 * Everything stored about one participant, as one zip: a readable transcript and
 * the full data as JSON (for a participant's request to see their data, GDPR art. 15).
 */
import { strToU8, zipSync } from 'fflate';
import { listCoverage } from './coverage';
import { RecordStateError } from './errors';
import { listNotes } from './notes';
import type { Participant, Segment, Session } from './records';
import { STORE, type IntervjuDatabase } from './schema';
import { listSegments } from './segments';
import type { Vault } from './vault';

/** `#hh:mm:ss-d#`, the timestamp form f4/f5 transcripts use and MAXQDA and ATLAS.ti import. */
export function formatTimestamp(seconds: number): string {
  const tenths = Math.max(0, Math.round(seconds * 10));
  const hours = Math.floor(tenths / 36_000);
  const minutes = Math.floor((tenths % 36_000) / 600);
  const wholeSeconds = Math.floor((tenths % 600) / 10);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `#${pad(hours)}:${pad(minutes)}:${pad(wholeSeconds)}-${tenths % 10}#`;
}

function formatDate(time: number): string {
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * One session as turns: consecutive segments of one speaker form one turn,
 * "I: …" for the interviewer and "<pseudonym>: …" for the participant, each
 * ending with the timestamp of its end (f4's convention).
 */
export function transcriptText(session: Session, segments: readonly Segment[], pseudonym: string): string {
  const lines = [`Session ${formatDate(session.startedAt)} (${session.kind}, ${session.platform}, ${session.language})`, ''];
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

/** A zip with `transcript-<pseudonym>.txt` and `data.json` holding all the participant's data. */
export async function exportParticipantData(database: IntervjuDatabase, vault: Vault, participantId: string): Promise<Uint8Array> {
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
    })),
  );
  const transcript = [
    `Transcript for ${participant.pseudonym}`,
    '',
    ...perSession.map(({ session, segments }) => transcriptText(session, segments, participant.pseudonym)),
  ].join('\n');
  const data = {
    format: 'intervju-participant-export',
    version: 1,
    participant,
    sessions,
    segments: perSession.flatMap((entry) => entry.segments),
    notes: perSession.flatMap((entry) => entry.notes),
    coverage: perSession.flatMap((entry) => entry.coverage),
  };
  return zipSync({
    [`transcript-${fileNamePart(participant.pseudonym)}.txt`]: strToU8(transcript),
    'data.json': strToU8(JSON.stringify(data, null, 2)),
  });
}
