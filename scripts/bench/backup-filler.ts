/**
 * Bundled by backup.mjs (esbuild, at bench time) and evaluated in the built
 * extension's workspace page, so the bench fills the store through the store's
 * own code (`appendAudioChunk`: encrypt, then write) with the key the workspace
 * unlocked. Nothing of this ships in the extension.
 */
import { appendAudioChunk } from '../../src/store/audio';
import { openIntervjuDatabase } from '../../src/store/database';
import { createParticipant } from '../../src/store/participants';
import { createSession } from '../../src/store/sessions';
import { importVaultKey } from '../../src/store/vault';

interface FillRequest {
  hours: number;
  chunkSeconds: number;
  bytesPerChunk: number;
  /** Chunks written at once, as two channels recording at the same time do. */
  parallel: number;
}

interface SessionStorage {
  get(key: string): Promise<Record<string, unknown>>;
}

async function fill(request: FillRequest): Promise<{ chunks: number; bytes: number }> {
  const session = (globalThis as unknown as { chrome: { storage: { session: SessionStorage } } }).chrome.storage.session;
  const stored = (await session.get('vault.dataKey'))['vault.dataKey'];
  if (typeof stored !== 'string') throw new Error('The store is locked: set up or unlock the passphrase first.');
  const vault = await importVaultKey(stored);
  const database = await openIntervjuDatabase();
  const participant = await createParticipant(database, { pseudonym: 'Benk', consentAt: Date.now() });
  const created = await createSession(database, { kind: 'interview', participantId: participant.id, guideId: 'bench', guideVersion: 1, platform: 'zoom', language: 'nb' });
  const perChannel = Math.round((request.hours * 3600) / request.chunkSeconds);
  const jobs: { channel: 'interviewer' | 'participant'; sequence: number }[] = [];
  for (let sequence = 0; sequence < perChannel; sequence += 1) {
    jobs.push({ channel: 'interviewer', sequence }, { channel: 'participant', sequence });
  }
  let bytes = 0;
  for (let first = 0; first < jobs.length; first += request.parallel) {
    await Promise.all(
      jobs.slice(first, first + request.parallel).map(({ channel, sequence }) => {
        // Opus at a constant bitrate varies a little from chunk to chunk.
        const size = Math.round(request.bytesPerChunk * (0.9 + Math.random() * 0.2));
        bytes += size;
        return appendAudioChunk(database, vault, {
          sessionId: created.id,
          channel,
          sequence,
          start: sequence * request.chunkSeconds,
          end: (sequence + 1) * request.chunkSeconds,
          codec: 'audio/webm;codecs=opus',
          bytes: globalThis.crypto.getRandomValues(new Uint8Array(size)),
        });
      }),
    );
  }
  database.close();
  return { chunks: jobs.length, bytes };
}

(globalThis as unknown as { __intervjuBenchFill: typeof fill }).__intervjuBenchFill = fill;
