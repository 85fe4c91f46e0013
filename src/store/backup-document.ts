/**
 * The backup's inner content: `backup.json` (every store, sensitive records
 * decrypted, and a list of the audio chunks) and the decrypted audio bytes, kept
 * out of the JSON so they need no base64. Validated with zod on restore, so a
 * file from a future or broken writer is refused before anything is touched.
 *
 * How the parts are packed depends on the container format:
 * - format 2 (streamed): frames, each a 32-bit big-endian length and that many
 *   bytes: first `backup.json`, then one frame per entry of its `audio` list, in
 *   that order, and nothing after. Not a zip: fflate's streaming `Zip` writes
 *   stored entries with data descriptors, and its streaming `Unzip` finds the end
 *   of such an entry by searching for the next signature, which a few hundred MB
 *   of audio contain by chance (about one 3-hour backup in 16 would not read).
 * - format 1: a zip holding `backup.json` and `audio/<n>.bin`.
 *
 * WARNING: this shape lives outside the browser for years. Change it only with a
 * new `BACKUP_DOCUMENT_VERSION`, and keep reading the old versions.
 */
import { strFromU8, unzipSync } from 'fflate';
import { z } from 'zod';
import { BackupRejectedError } from './errors';
import type { AudioChunk, AudioChunkMetadata, KeyListEntry, Note, Participant, Project, Quote, Segment, Session } from './records';
import type { Guide } from '../guide/model';
import type { StoredCoverageEvent } from './schema';

/**
 * 2: adds `quotes` (a version 1 backup reads as having none). Bumped so an older
 * Intervju refuses a backup it would restore without the quotes.
 */
export const BACKUP_DOCUMENT_VERSION = 2;
const DOCUMENT_FILE = 'backup.json';

const channel = z.enum(['interviewer', 'participant', 'mixed']);
const timeOrNull = z.number().nullable();

const projectSchema = z.object({
  title: z.string(),
  endDate: z.string().nullable(),
  audioPolicy: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('delete-on-approval') }),
    z.object({ kind: z.literal('delete-after-days'), days: z.number() }),
    z.object({ kind: z.literal('no-audio') }),
  ]),
  createdAt: z.number(),
});

// Guides are checked for their key only: their inner shape belongs to the guide domain.
const guideSchema = z.looseObject({ id: z.string(), version: z.number() });

const participantSchema = z.object({
  id: z.string(),
  pseudonym: z.string(),
  consentAt: timeOrNull,
  withdrawnAt: timeOrNull,
  createdAt: z.number(),
});

const sessionSchema = z.object({
  id: z.string(),
  kind: z.enum(['interview', 'pilot', 'import']),
  participantId: z.string().nullable(),
  guideId: z.string(),
  guideVersion: z.number(),
  platform: z.enum(['zoom', 'teams', 'file', 'other']),
  startedAt: z.number(),
  endedAt: timeOrNull,
  status: z.enum(['active', 'ended', 'interrupted', 'approved']),
  currentItemId: z.string().nullable(),
  // Item ids and times only (records.ts): when the current question changed.
  currentChanges: z.array(z.object({ itemId: z.string(), at: z.number() })).optional(),
  language: z.string(),
  hasAudio: z.boolean(),
  consentChecked: z.array(z.string()),
  closingChecked: z.array(z.string()).optional(),
  endReason: z.enum(['import-cancelled', 'import-failed']).optional(),
  realNameExports: z.array(z.object({ at: z.number(), format: z.string() })).optional(),
  revision: z.number().optional(),
  recordingStartedAt: z.number().optional(),
  // Ids, scores and times only (records.ts): what the transcript suggested marking.
  suggestions: z
    .array(
      z.object({
        id: z.string(),
        itemId: z.string(),
        itemKind: z.enum(['question', 'probe']),
        state: z.enum(['asked', 'covered']),
        segmentId: z.string(),
        score: z.number(),
        time: z.number(),
        status: z.enum(['pending', 'confirmed', 'dismissed', 'auto-marked']),
        decidedAt: z.number().optional(),
      }),
    )
    .optional(),
  // Kinds, times and error messages only: what went wrong while recording (records.ts).
  problems: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.enum(['tab-closed', 'tab-reloaded', 'storage-full']), at: z.number() }),
        z.object({
          kind: z.enum(['finish-failed', 'audio-not-stored', 'audio-processing-failed', 'transcription-failed']),
          at: z.number(),
          message: z.string(),
        }),
        z.object({
          kind: z.literal('untranscribed'),
          at: z.number(),
          channel: z.enum(['interviewer', 'participant', 'mixed']),
          start: z.number(),
          end: z.number(),
        }),
      ]),
    )
    .optional(),
});

const coverageSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  itemId: z.string(),
  itemKind: z.enum(['question', 'probe']),
  state: z.enum(['pending', 'asked', 'covered', 'skipped', 'declined']),
  time: z.number(),
  source: z.enum(['manual', 'suggested', 'confirmed']),
  order: z.number(),
});

const noteSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  time: z.number(),
  text: z.string(),
  questionId: z.string().nullable(),
  reviseGuide: z.boolean(),
});

const wordSchema = z.object({ text: z.string(), start: z.number(), end: z.number(), probability: z.number() });
const unclearSchema = z.object({ start: z.number(), end: z.number(), guess: z.string().nullable(), kept: z.boolean().optional() });

const segmentSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  channel,
  start: z.number(),
  end: z.number(),
  text: z.string(),
  words: z.array(wordSchema),
  unclear: z.array(unclearSchema),
  source: z.enum(['live', 'edited']),
  original: z
    .object({ text: z.string(), words: z.array(wordSchema), unclear: z.array(unclearSchema), channel })
    .optional(),
  checked: z.boolean().optional(),
});

const audioEntrySchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  channel,
  sequence: z.number(),
  start: z.number(),
  end: z.number(),
  codec: z.string(),
  file: z.string(),
});

const keyListSchema = z.object({
  id: z.string(),
  participantId: z.string().nullable(),
  real: z.string(),
  fictive: z.string(),
  kind: z.enum(['name', 'place', 'institution', 'other']),
});

const quoteAnchor = z.object({ segmentId: z.string(), offset: z.number() });

const quoteSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  participantId: z.string().nullable(),
  start: quoteAnchor,
  end: quoteAnchor,
  time: z.number(),
  text: z.string(),
  contextBefore: z.string(),
  contextAfter: z.string(),
  status: z.enum(['marked', 'sent', 'approved', 'changed', 'withdrawn']),
  changedText: z.string().nullable(),
  statusAt: timeOrNull,
  createdAt: z.number(),
});

const documentSchema = z.object({
  format: z.literal('intervju-backup'),
  version: z.number(),
  createdAt: z.number(),
  databaseVersion: z.number(),
  project: projectSchema.nullable(),
  settings: z.array(z.tuple([z.string(), z.unknown()])),
  guides: z.array(guideSchema),
  participants: z.array(participantSchema),
  sessions: z.array(sessionSchema),
  coverage: z.array(coverageSchema),
  notes: z.array(noteSchema),
  segments: z.array(segmentSchema),
  keyList: z.array(keyListSchema),
  quotes: z.array(quoteSchema).default([]),
  audio: z.array(audioEntrySchema),
});

/** All of a project's data in clear but the audio bytes, as written to and read from a backup. */
export interface BackupDocument {
  createdAt: number;
  databaseVersion: number;
  project: Project | null;
  settings: [string, unknown][];
  guides: Guide[];
  participants: Participant[];
  sessions: Session[];
  coverage: StoredCoverageEvent[];
  notes: Note[];
  segments: Segment[];
  keyList: KeyListEntry[];
  quotes: Quote[];
  /** The audio chunks, in the order their bytes follow. */
  audio: AudioChunkMetadata[];
}

/** `backup.json` of a streamed backup; its audio bytes follow it as frames. */
export function encodeBackupDocument(document: BackupDocument): Uint8Array<ArrayBuffer> {
  const audio = document.audio.map((metadata, index) => ({ ...metadata, file: `audio/${index}.bin` }));
  return new TextEncoder().encode(JSON.stringify({ format: 'intervju-backup', version: BACKUP_DOCUMENT_VERSION, ...document, audio }));
}

/** Validates `backup.json`; throws `BackupRejectedError` if it is not a backup this version can read. */
export function decodeBackupDocument(bytes: Uint8Array): BackupDocument & { audioFiles: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(bytes));
  } catch (error) {
    throw new BackupRejectedError('not-a-backup', { cause: error });
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > BACKUP_DOCUMENT_VERSION) throw new BackupRejectedError('unsupported-version');
  const result = documentSchema.safeParse(parsed);
  if (!result.success) throw new BackupRejectedError('not-a-backup', { cause: result.error });
  const document = result.data;
  return {
    createdAt: document.createdAt,
    databaseVersion: document.databaseVersion,
    project: document.project,
    settings: document.settings,
    guides: document.guides as unknown as Guide[],
    participants: document.participants,
    sessions: document.sessions,
    coverage: document.coverage,
    notes: document.notes,
    segments: document.segments,
    keyList: document.keyList,
    quotes: document.quotes,
    audio: document.audio.map(({ file: _file, ...metadata }) => metadata),
    audioFiles: document.audio.map((entry) => entry.file),
  };
}

/** Unpacks a format-1 backup's zip; throws `BackupRejectedError` if it is not a backup this version can read. */
export function unpackLegacyBackupContent(zip: Uint8Array): { document: BackupDocument; audio: AudioChunk[] } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    throw new BackupRejectedError('not-a-backup', { cause: error });
  }
  const documentBytes = files[DOCUMENT_FILE];
  if (!documentBytes) throw new BackupRejectedError('not-a-backup', { cause: new Error(`${DOCUMENT_FILE} is missing`) });
  const { audioFiles, ...document } = decodeBackupDocument(documentBytes);
  const audio = document.audio.map((metadata, index): AudioChunk => {
    const file = audioFiles[index]!;
    const bytes = files[file];
    if (!bytes) throw new BackupRejectedError('not-a-backup', { cause: new Error(`${file} is missing`) });
    return { ...metadata, bytes };
  });
  return { document, audio };
}

const FRAME_LENGTH_BYTES = 4;

/** One frame of a streamed backup's content: the length, then the bytes. */
export function frame(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const framed = new Uint8Array(FRAME_LENGTH_BYTES + bytes.length);
  new DataView(framed.buffer).setUint32(0, bytes.length);
  framed.set(bytes, FRAME_LENGTH_BYTES);
  return framed;
}

/** Cuts a streamed backup's content, pushed in pieces of any size, back into frames. */
export class FrameReader {
  private buffered: Uint8Array[] = [];
  private bufferedBytes = 0;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.buffered.push(bytes);
    this.bufferedBytes += bytes.length;
  }

  /** The next whole frame, or null until more bytes are pushed. */
  next(): Uint8Array | null {
    if (this.bufferedBytes < FRAME_LENGTH_BYTES) return null;
    const length = new DataView(this.peek(FRAME_LENGTH_BYTES).buffer).getUint32(0);
    if (this.bufferedBytes < FRAME_LENGTH_BYTES + length) return null;
    this.take(FRAME_LENGTH_BYTES);
    return this.take(length);
  }

  /** Bytes pushed that are not part of a returned frame. */
  get remaining(): number {
    return this.bufferedBytes;
  }

  private peek(length: number): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(length);
    let filled = 0;
    for (const piece of this.buffered) {
      if (filled === length) break;
      const part = piece.subarray(0, length - filled);
      bytes.set(part, filled);
      filled += part.length;
    }
    return bytes;
  }

  private take(length: number): Uint8Array {
    const first = this.buffered[0];
    // The common case, a frame inside one segment: a view, no copy.
    if (first && first.length >= length) {
      const bytes = first.subarray(0, length);
      if (first.length === length) this.buffered.shift();
      else this.buffered[0] = first.subarray(length);
      this.bufferedBytes -= length;
      return bytes;
    }
    const bytes = this.peek(length);
    let left = length;
    while (left > 0) {
      const piece = this.buffered[0]!;
      if (piece.length <= left) {
        this.buffered.shift();
        left -= piece.length;
      } else {
        this.buffered[0] = piece.subarray(left);
        left = 0;
      }
    }
    this.bufferedBytes -= length;
    return bytes;
  }
}
