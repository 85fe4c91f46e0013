/**
 * Converts sensitive records to and from their stored form: non-identifying
 * index fields in clear, everything else in one AES-GCM payload. The additional
 * authenticated data is `store name + record id`, so a ciphertext moved to another
 * record or store fails to decrypt instead of showing the wrong person's words.
 *
 * WARNING: the payload shapes below are persisted; changing one needs a migration.
 */
import { decryptBytes, decryptJson, encodeText, encryptBytes, encryptJson } from './crypto';
import { RecordDecryptionError } from './errors';
import type { AudioChunk, KeyListEntry, Note, Quote, Segment, SpeechTrack } from './records';
import type { EncryptedPayload, StoreName, StoredAudioChunk, StoredKeyListEntry, StoredNote, StoredQuote, StoredSegment, StoredSpeechTrack } from './schema';
import { STORE } from './schema';
import type { Vault } from './vault';

type SegmentPayload = Pick<Segment, 'text' | 'words' | 'unclear' | 'source' | 'original' | 'checked' | 'finalReading'>;
type NotePayload = Pick<Note, 'text' | 'questionId' | 'reviseGuide'>;
type KeyListPayload = Pick<KeyListEntry, 'real' | 'fictive' | 'kind'>;
type QuotePayload = Pick<Quote, 'start' | 'end' | 'text' | 'contextBefore' | 'contextAfter' | 'status' | 'changedText' | 'statusAt'>;

function context(storeName: StoreName, id: string): Uint8Array<ArrayBuffer> {
  return encodeText(`intervju/${storeName}/${id}`);
}

async function openPayload<T>(vault: Vault, storeName: StoreName, id: string, payload: EncryptedPayload): Promise<T> {
  try {
    return await decryptJson<T>(vault.dataKey, payload, context(storeName, id));
  } catch {
    throw new RecordDecryptionError(storeName, id);
  }
}

export async function sealSegment(vault: Vault, segment: Segment): Promise<StoredSegment> {
  const { id, sessionId, channel, start, end, text, words, unclear, source, original, checked, finalReading } = segment;
  const secret: SegmentPayload = { text, words, unclear, source };
  // Only when present: a segment nobody touched stores exactly what it stored before these fields existed.
  if (original) secret.original = original;
  if (checked) secret.checked = true;
  if (finalReading) secret.finalReading = finalReading;
  const payload = await encryptJson(vault.dataKey, secret, context(STORE.segments, id));
  return { id, sessionId, channel, start, end, ...(isReviewed(segment) ? { reviewed: true } : {}), payload };
}

/** The researcher edited or checked it: a transcription must not replace it. */
export function isReviewed(segment: Pick<Segment, 'source' | 'checked'>): boolean {
  return segment.source === 'edited' || segment.checked === true;
}

export async function openSegment(vault: Vault, stored: StoredSegment): Promise<Segment> {
  const { id, sessionId, channel, start, end } = stored;
  const secret = await openPayload<SegmentPayload>(vault, STORE.segments, id, stored.payload);
  return { id, sessionId, channel, start, end, ...secret };
}

export async function sealNote(vault: Vault, note: Note): Promise<StoredNote> {
  const { id, sessionId, time, text, questionId, reviseGuide } = note;
  const secret: NotePayload = { text, questionId, reviseGuide };
  return { id, sessionId, time, payload: await encryptJson(vault.dataKey, secret, context(STORE.notes, id)) };
}

export async function openNote(vault: Vault, stored: StoredNote): Promise<Note> {
  const { id, sessionId, time } = stored;
  return { id, sessionId, time, ...(await openPayload<NotePayload>(vault, STORE.notes, id, stored.payload)) };
}

export async function sealKeyListEntry(vault: Vault, entry: KeyListEntry): Promise<StoredKeyListEntry> {
  const { id, participantId, real, fictive, kind } = entry;
  const secret: KeyListPayload = { real, fictive, kind };
  return { id, participantId, payload: await encryptJson(vault.dataKey, secret, context(STORE.keyList, id)) };
}

export async function openKeyListEntry(vault: Vault, stored: StoredKeyListEntry): Promise<KeyListEntry> {
  const { id, participantId } = stored;
  return { id, participantId, ...(await openPayload<KeyListPayload>(vault, STORE.keyList, id, stored.payload)) };
}

export async function sealQuote(vault: Vault, quote: Quote): Promise<StoredQuote> {
  const { id, sessionId, participantId, time, createdAt, start, end, text, contextBefore, contextAfter, status, changedText, statusAt } = quote;
  const secret: QuotePayload = { start, end, text, contextBefore, contextAfter, status, changedText, statusAt };
  return { id, sessionId, participantId, time, createdAt, payload: await encryptJson(vault.dataKey, secret, context(STORE.quotes, id)) };
}

export async function openQuote(vault: Vault, stored: StoredQuote): Promise<Quote> {
  const { id, sessionId, participantId, time, createdAt } = stored;
  return { id, sessionId, participantId, time, createdAt, ...(await openPayload<QuotePayload>(vault, STORE.quotes, id, stored.payload)) };
}

export async function sealAudioChunk(vault: Vault, chunk: AudioChunk): Promise<StoredAudioChunk> {
  const { id, sessionId, channel, sequence, start, end, codec, bytes } = chunk;
  // Copy: the caller's view may sit on a larger or shared buffer, and WebCrypto needs an ArrayBuffer-backed view.
  const plaintext = new Uint8Array(bytes);
  const payload = await encryptBytes(vault.dataKey, plaintext, context(STORE.audio, id));
  return { id, sessionId, channel, sequence, start, end, codec, payload };
}

export async function sealSpeechTrack(vault: Vault, track: SpeechTrack): Promise<StoredSpeechTrack> {
  const { id, sessionId, channel, start, frameSeconds, probabilities } = track;
  // A copy of the probabilities' own bytes: the caller's array may be a view on a larger buffer.
  const plaintext = new Uint8Array(Float32Array.from(probabilities).buffer);
  const payload = await encryptBytes(vault.dataKey, plaintext, context(STORE.speech, id));
  return { id, sessionId, channel, start, end: start + probabilities.length * frameSeconds, frameSeconds, payload };
}

export async function openSpeechTrack(vault: Vault, stored: StoredSpeechTrack): Promise<SpeechTrack> {
  const { id, sessionId, channel, start, frameSeconds } = stored;
  try {
    const bytes = await decryptBytes(vault.dataKey, stored.payload, context(STORE.speech, id));
    return { id, sessionId, channel, start, frameSeconds, probabilities: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) };
  } catch {
    throw new RecordDecryptionError(STORE.speech, id);
  }
}

export async function openAudioChunk(vault: Vault, stored: StoredAudioChunk): Promise<AudioChunk> {
  const { id, sessionId, channel, sequence, start, end, codec } = stored;
  try {
    const bytes = await decryptBytes(vault.dataKey, stored.payload, context(STORE.audio, id));
    return { id, sessionId, channel, sequence, start, end, codec, bytes };
  } catch {
    throw new RecordDecryptionError(STORE.audio, id);
  }
}
