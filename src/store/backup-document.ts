/**
 * The backup's inner content: a zip holding `backup.json` (every store, sensitive
 * records decrypted) and `audio/<n>.bin` (the decrypted audio bytes, kept out of
 * the JSON so they need no base64). Validated with zod on restore, so a file
 * from a future or broken writer is refused before anything is touched.
 *
 * WARNING: this shape lives outside the browser for years. Change it only with a
 * new `BACKUP_DOCUMENT_VERSION`, and keep reading the old versions.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { BackupRejectedError } from './errors';
import type { AudioChunk, KeyListEntry, Note, Participant, Project, Segment, Session } from './records';
import type { Guide } from '../guide/model';
import type { StoredCoverageEvent } from './schema';

export const BACKUP_DOCUMENT_VERSION = 1;
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
  language: z.string(),
  hasAudio: z.boolean(),
  consentChecked: z.array(z.string()),
  endReason: z.enum(['import-cancelled', 'import-failed']).optional(),
  revision: z.number().optional(),
  recordingStartedAt: z.number().optional(),
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

const segmentSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  channel,
  start: z.number(),
  end: z.number(),
  text: z.string(),
  words: z.array(z.object({ text: z.string(), start: z.number(), end: z.number(), probability: z.number() })),
  unclear: z.array(z.object({ start: z.number(), end: z.number(), guess: z.string().nullable() })),
  source: z.enum(['live', 'edited']),
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
  audio: z.array(audioEntrySchema),
});

/** All of a project's data in clear, as written to and read from a backup. */
export interface BackupContent {
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
  audio: AudioChunk[];
}

/** Packs the content into the zip that the container encrypts. */
export function packBackupContent(content: BackupContent): Uint8Array<ArrayBuffer> {
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  const audio = content.audio.map(({ bytes, ...metadata }, index) => {
    const file = `audio/${index}.bin`;
    // Recorded audio is already compressed (Opus); deflating it again only costs time.
    files[file] = [bytes, { level: 0 }];
    return { ...metadata, file };
  });
  const document = { format: 'intervju-backup', version: BACKUP_DOCUMENT_VERSION, ...content, audio };
  files[DOCUMENT_FILE] = strToU8(JSON.stringify(document));
  return zipSync(files) as Uint8Array<ArrayBuffer>;
}

/** Unpacks and validates; throws `BackupRejectedError` if the content is not a backup this version can read. */
export function unpackBackupContent(zip: Uint8Array): BackupContent {
  let files: Record<string, Uint8Array>;
  let parsed: unknown;
  try {
    files = unzipSync(zip);
    const documentBytes = files[DOCUMENT_FILE];
    if (!documentBytes) throw new Error(`${DOCUMENT_FILE} is missing`);
    parsed = JSON.parse(strFromU8(documentBytes));
  } catch (error) {
    throw new BackupRejectedError('not-a-backup', { cause: error });
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > BACKUP_DOCUMENT_VERSION) throw new BackupRejectedError('unsupported-version');
  const result = documentSchema.safeParse(parsed);
  if (!result.success) throw new BackupRejectedError('not-a-backup', { cause: result.error });
  const document = result.data;
  const audio = document.audio.map(({ file, ...metadata }): AudioChunk => {
    const bytes = files[file];
    if (!bytes) throw new BackupRejectedError('not-a-backup', { cause: new Error(`${file} is missing`) });
    return { ...metadata, bytes };
  });
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
    audio,
  };
}
