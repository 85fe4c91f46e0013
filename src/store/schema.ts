/**
 * The IndexedDB schema: store names, the shapes as stored, and the idb `DBSchema`.
 *
 * WARNING: everything here is persisted. Renaming a store or index, changing a
 * key path, or changing a stored shape needs a new migration in `migrations.ts`
 * (and a fixture for the old version in `migrations.fixtures.ts`).
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { CoverageEvent } from '../coverage/model';
import type { Guide } from '../guide/model';
import type { Channel, Participant, Project, Session, Settings } from './records';

/** Every object store, by name. */
export const STORE = {
  project: 'project',
  vault: 'vault',
  guides: 'guides',
  settings: 'settings',
  participants: 'participants',
  sessions: 'sessions',
  segments: 'segments',
  coverage: 'coverage',
  notes: 'notes',
  audio: 'audio',
  keyList: 'keyList',
  quotes: 'quotes',
  speech: 'speech',
} as const;

export type StoreName = (typeof STORE)[keyof typeof STORE];

export const ALL_STORES: readonly StoreName[] = Object.values(STORE);

/** Key of the single record in the `project` and `vault` stores. */
export const SINGLE_RECORD_KEY = 'current';

/** AES-GCM output: a fresh 96-bit IV and the ciphertext with its 128-bit tag. */
export interface EncryptedPayload {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: Uint8Array<ArrayBuffer>;
}

export interface VaultRecord {
  /** Format of this record, so the wrapping can change later. */
  format: 1;
  /** PBKDF2 salt, 128 bits. */
  salt: Uint8Array<ArrayBuffer>;
  /** PBKDF2-SHA-256 iterations; stored so they can be raised on the next passphrase change. */
  iterations: number;
  /** The data key wrapped with AES-GCM under the passphrase-derived key. */
  wrappedKey: Uint8Array<ArrayBuffer>;
  /** IV of the wrapping. */
  iv: Uint8Array<ArrayBuffer>;
  /** A known text encrypted under the data key, so an imported key can be checked against this database. */
  keyCheck: EncryptedPayload;
  createdAt: number;
  changedAt: number;
}

/** Clear: ids, session, channel and times (needed for queries and audio sync). Encrypted: everything said. */
export interface StoredSegment {
  id: string;
  sessionId: string;
  channel: Channel;
  start: number;
  end: number;
  /**
   * In clear so a save can refuse, inside its transaction, to let a transcription
   * replace what the researcher edited or checked (awaiting decryption there would
   * commit it). Says only that someone worked on it. Optional: absent = not reviewed.
   */
  reviewed?: true;
  payload: EncryptedPayload;
}

export interface StoredNote {
  id: string;
  sessionId: string;
  time: number;
  payload: EncryptedPayload;
}

/** Audio bytes are encrypted; the payload holds the raw ciphertext of the bytes, not JSON. */
export interface StoredAudioChunk {
  id: string;
  sessionId: string;
  channel: Channel;
  sequence: number;
  start: number;
  end: number;
  codec: string;
  payload: EncryptedPayload;
}

/**
 * What the call's voice detector said of each 32 ms frame of one channel, for a
 * stretch of the recording (speech-track.ts). Clear: ids, channel, the stretch's
 * times and frame length. Encrypted: the probabilities (float32), which say when
 * someone spoke.
 */
export interface StoredSpeechTrack {
  id: string;
  sessionId: string;
  channel: Channel;
  /** Session seconds at the start of the first frame. */
  start: number;
  /** Session seconds at the end of the last frame. */
  end: number;
  frameSeconds: number;
  payload: EncryptedPayload;
}

/** Clear: id and participant (so withdrawal can find it). Encrypted: real name, fictive name, kind. */
export interface StoredKeyListEntry {
  id: string;
  participantId: string | null;
  payload: EncryptedPayload;
}

/** Clear: ids (so withdrawal and the sheet per participant find it), time and creation. Encrypted: the passage, its context, status and changed wording. */
export interface StoredQuote {
  id: string;
  sessionId: string;
  participantId: string | null;
  time: number;
  createdAt: number;
  payload: EncryptedPayload;
}

/** A coverage event plus its position in the session's log, so same-millisecond events keep their order. */
export interface StoredCoverageEvent extends CoverageEvent {
  order: number;
}

export type SettingValue = Settings[keyof Settings];

export interface IntervjuSchema extends DBSchema {
  project: { key: string; value: Project };
  vault: { key: string; value: VaultRecord };
  guides: { key: [string, number]; value: Guide; indexes: { byId: string } };
  settings: { key: string; value: SettingValue };
  participants: { key: string; value: Participant };
  sessions: { key: string; value: Session; indexes: { byParticipant: string; byStatus: string } };
  segments: { key: string; value: StoredSegment; indexes: { bySession: string } };
  coverage: { key: string; value: StoredCoverageEvent; indexes: { bySession: string } };
  notes: { key: string; value: StoredNote; indexes: { bySession: string } };
  audio: { key: string; value: StoredAudioChunk; indexes: { bySession: string } };
  keyList: { key: string; value: StoredKeyListEntry; indexes: { byParticipant: string } };
  quotes: { key: string; value: StoredQuote; indexes: { bySession: string; byParticipant: string } };
  speech: { key: string; value: StoredSpeechTrack; indexes: { bySession: string } };
}

/** An open connection to the Intervju database. */
export type IntervjuDatabase = IDBPDatabase<IntervjuSchema>;
