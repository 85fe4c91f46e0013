import { describe, expect, it } from 'vitest';
import type { RawTranscription } from '../messages';
import {
  appendAudioChunk,
  createParticipant,
  createSession,
  findInterruptedSessions,
  getParticipant,
  initialiseVault,
  listSessions,
  saveSegment,
  setSetting,
  type IntervjuDatabase,
  type Vault,
} from '../store';
import { dumpAllStores, openTestDatabase, PASSPHRASE, TEST_ITERATIONS } from '../store/test-support';
import { transcribeRecording } from './file-transcription';
import { importSessionFate, settleImportSession, type ImportKept } from './import-session';

const NONE: ImportKept = { count: 0, lastEnd: 0 };

describe('importSessionFate', () => {
  it('ends a finished import over the file’s length, even one with no speech in it', () => {
    expect(importSessionFate({ kind: 'finished', seconds: 61.5 }, { count: 4, lastEnd: 58 })).toEqual({
      action: 'end',
      endedAfterSeconds: 61.5,
      reason: null,
    });
    expect(importSessionFate({ kind: 'finished', seconds: 10 }, NONE)).toMatchObject({ action: 'end', reason: null });
  });

  it('removes the session of an import cancelled or failed before its first segment', () => {
    expect(importSessionFate({ kind: 'cancelled' }, NONE)).toEqual({ action: 'discard' });
    expect(importSessionFate({ kind: 'failed' }, NONE)).toEqual({ action: 'discard' });
  });

  it('keeps what was transcribed before a cancel or a failure, ended with the reason', () => {
    expect(importSessionFate({ kind: 'cancelled' }, { count: 3, lastEnd: 42.4 })).toEqual({
      action: 'end',
      endedAfterSeconds: 42.4,
      reason: 'import-cancelled',
    });
    expect(importSessionFate({ kind: 'failed' }, { count: 1, lastEnd: 7 })).toMatchObject({ action: 'end', reason: 'import-failed' });
  });
});

const RATE = 16000;

/** Three seconds of speech-like noise, a pause, repeated: three utterances. */
function threeUtterances(): Float32Array {
  const samples = new Float32Array(RATE * 13);
  let seed = 11;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  for (let i = 0; i < samples.length; i++) {
    const second = i / RATE;
    const speaking = second % 4 >= 1 && second % 4 < 3;
    samples[i] = speaking ? 0.3 * (0.5 + 0.5 * Math.sin((2 * Math.PI * 4 * i) / RATE)) * random() : 0.001 * random();
  }
  return samples;
}

const transcription = (offset: number, seconds: number): RawTranscription => ({
  text: 'ord',
  words: [{ text: 'ord', start: offset, end: offset + seconds, probability: 0.9 }],
  chunks: [{ text: 'ord', start: offset, end: offset + seconds }],
  avgLogProb: -0.1,
  compressionRatio: 1,
  noSpeechProb: null,
  tokenCount: 1,
  timing: { encoderMs: null, decoderMs: null, totalMs: 1 },
});

/** What the workspace's import does, up to the point where it stops: session, audio, segments as they come. */
async function importUntil(database: IntervjuDatabase, vault: Vault, stopAfterSegments: number, how: 'cancel' | 'fail') {
  const participant = await createParticipant(database, { pseudonym: 'Kari' });
  const session = await createSession(database, {
    kind: 'import',
    participantId: participant.id,
    guideId: '',
    guideVersion: 0,
    platform: 'file',
    language: 'no',
  });
  await appendAudioChunk(database, vault, { sessionId: session.id, channel: 'mixed', sequence: 0, start: 0, end: 13, codec: 'audio/wav', bytes: new Uint8Array([1, 2, 3]) });
  const controller = new AbortController();
  const kept: ImportKept = { count: 0, lastEnd: 0 };
  let calls = 0;
  await expect(
    transcribeRecording({
      sessionId: session.id,
      samples: threeUtterances(),
      language: 'no',
      signal: controller.signal,
      transcribe: async (request) => {
        if (calls++ === stopAfterSegments) {
          if (how === 'fail') throw new Error('The model crashed');
          // As the Cancel button does: abort, and the worker drops the utterance under way.
          controller.abort();
          throw new DOMException('Cancelled', 'AbortError');
        }
        return transcription(request.offset, request.samples.length / RATE);
      },
      onSegment: async (segment) => {
        await saveSegment(database, vault, segment);
        kept.count++;
        kept.lastEnd = segment.end;
      },
    }),
  ).rejects.toThrow();
  const fate = await settleImportSession(database, session, { kind: how === 'cancel' ? 'cancelled' : 'failed' }, kept);
  return { session, participant, fate, kept };
}

describe('a cancelled or failed import', () => {
  const vaultFor = async () => {
    const { database } = await openTestDatabase();
    return { database, vault: await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS }) };
  };

  it('cancelled before anything was transcribed: no session, no audio, no participant left behind', async () => {
    const { database, vault } = await vaultFor();
    const other = await createSession(database, { kind: 'pilot', participantId: null, guideId: 'g', guideVersion: 1, platform: 'zoom', language: 'no' });
    await setSetting(database, 'activeSessionId', other.id);
    const { participant, fate } = await importUntil(database, vault, 0, 'cancel');
    expect(fate).toEqual({ action: 'discard' });
    expect((await listSessions(database)).map((session) => session.id)).toEqual([other.id]);
    expect(await getParticipant(database, participant.id)).toBeNull();
    const dump = await dumpAllStores(database);
    expect(dump.audio).toEqual([]);
    expect(dump.segments).toEqual([]);
    // Nothing of the live call's state was touched.
    expect(await findInterruptedSessions(database)).toEqual([other]);
  });

  it('cancelled part-way: the finished segments stay, the session is ended (not active) with the reason', async () => {
    const { database, vault } = await vaultFor();
    const { session, fate, kept } = await importUntil(database, vault, 2, 'cancel');
    expect(kept.count).toBe(2);
    expect(fate).toMatchObject({ action: 'end', reason: 'import-cancelled' });
    const [stored] = await listSessions(database);
    expect(stored).toMatchObject({ id: session.id, status: 'ended', endReason: 'import-cancelled' });
    expect(stored!.endedAt).toBe(session.startedAt + Math.round(kept.lastEnd * 1000));
    expect(await findInterruptedSessions(database)).toEqual([]);
    expect((await dumpAllStores(database)).segments).toHaveLength(2);
  });

  it('failed part-way: ended with its reason; failed at once: removed', async () => {
    const { database, vault } = await vaultFor();
    const { session } = await importUntil(database, vault, 1, 'fail');
    const { session: empty } = await importUntil(database, vault, 0, 'fail');
    const sessions = await listSessions(database);
    expect(sessions.map((stored) => [stored.id, stored.status, stored.endReason])).toEqual([[session.id, 'ended', 'import-failed']]);
    expect(sessions.some((stored) => stored.id === empty.id)).toBe(false);
    expect(await findInterruptedSessions(database)).toEqual([]);
  });
});
