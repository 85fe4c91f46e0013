/**
 * The call's voice detection, kept with its audio: what Silero said of each
 * 32 ms frame of a channel during the interview, a few seconds at a time. The
 * pass after the interview cuts the stored audio with these answers instead of
 * running the model again over the whole recording (docs/final-pass.md, "The
 * call's voice detection"). It is measured from the audio, so it lives and dies
 * with it: every deletion of audio deletes it (deleteAudioOfSessions).
 */
import { runTransaction } from './database';
import { resolveEnvironment, type StoreEnvironment } from './environment';
import type { Channel, SpeechTrack } from './records';
import { STORE, type IntervjuDatabase } from './schema';
import { openSpeechTrack, sealSpeechTrack } from './sealed-records';
import type { Vault } from './vault';

export type NewSpeechTrack = Omit<SpeechTrack, 'id'> & { id?: string };

/** Encrypts and stores one stretch of a channel's voice detection; returns its id. */
export async function appendSpeechTrack(database: IntervjuDatabase, vault: Vault, track: NewSpeechTrack, environment?: StoreEnvironment): Promise<string> {
  const id = track.id ?? resolveEnvironment(environment).idSource();
  // Encrypt before the transaction opens: awaiting WebCrypto inside it would let it auto-commit.
  const sealed = await sealSpeechTrack(vault, { ...track, id });
  await runTransaction(database, [STORE.speech], 'readwrite', (transaction) => transaction.objectStore(STORE.speech).put(sealed));
  return id;
}

/** One channel's voice detection in a session, decrypted, in time order (empty when none was kept). */
export async function readSpeechTrack(database: IntervjuDatabase, vault: Vault, sessionId: string, channel: Channel): Promise<SpeechTrack[]> {
  const stored = (await database.getAllFromIndex(STORE.speech, 'bySession', sessionId)).filter((record) => record.channel === channel);
  stored.sort((left, right) => left.start - right.start);
  return Promise.all(stored.map((record) => openSpeechTrack(vault, record)));
}
