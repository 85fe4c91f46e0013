import { listAudioMetadata, readAudioChunks, type IntervjuDatabase, type Vault } from '../../../src/store';
import { audioRuns, type AudioRun } from '../../../src/transcript-editing';

/** Chunks decrypted per read: small enough that hours of audio never sit in this page's memory twice over. */
const BATCH = 64;

/** One recording of one channel, playable: an object URL of a Blob made from the decrypted chunks. */
export interface PlayableRun extends AudioRun {
  url: string;
}

/**
 * A session's stored audio, decrypted in memory into one Blob per recording and
 * channel, each behind an object URL. Nothing is written in clear: the Blob
 * lives in the browser's memory-backed blob store (32 kbit/s Opus: about 30 MB
 * for two hours of one channel) and `revoke` lets it go when the view closes.
 */
export async function loadSessionAudio(db: IntervjuDatabase, vault: Vault, sessionId: string): Promise<{ runs: PlayableRun[]; revoke: () => void }> {
  const runs = audioRuns(await listAudioMetadata(db, sessionId));
  const playable: PlayableRun[] = [];
  for (const run of runs) {
    const parts: Blob[] = [];
    for (let first = 0; first < run.chunkIds.length; first += BATCH) {
      const chunks = await readAudioChunks(db, vault, run.chunkIds.slice(first, first + BATCH));
      // Decrypted bytes come back in their own ArrayBuffer (WebCrypto), never a shared one.
      parts.push(new Blob(chunks.flatMap((chunk) => (chunk ? [chunk.bytes as Uint8Array<ArrayBuffer>] : [])), { type: run.codec }));
    }
    playable.push({ ...run, url: URL.createObjectURL(new Blob(parts, { type: run.codec })) });
  }
  return { runs: playable, revoke: () => playable.forEach((run) => URL.revokeObjectURL(run.url)) };
}
