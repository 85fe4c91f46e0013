import { describe, expect, it } from 'vitest';
import { appendAudioChunk, deleteSessionAudio } from './audio';
import { STORE } from './schema';
import { createSession } from './sessions';
import { appendSpeechTrack, readSpeechTrack } from './speech-track';
import { PASSPHRASE, TEST_ITERATIONS, openTestDatabase } from './test-support';
import { initialiseVault } from './vault';

async function recordedSession() {
  const { database } = await openTestDatabase();
  const vault = await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS });
  const session = await createSession(database, {
    kind: 'interview', participantId: null, guideId: 'g1', guideVersion: 1, platform: 'zoom', language: 'nb', startedAt: 0,
  });
  return { database, vault, session };
}

describe('speech track', () => {
  it("gives back a channel's voice detection in time order, exactly as kept, and only that channel's", async () => {
    const { database, vault, session } = await recordedSession();
    const later = Float32Array.from([0.25, 0.875, 0.0625]);
    const earlier = Float32Array.from({ length: 312 }, (_, frame) => frame / 312);
    await appendSpeechTrack(database, vault, { sessionId: session.id, channel: 'participant', start: 9.984, frameSeconds: 0.032, probabilities: later });
    await appendSpeechTrack(database, vault, { sessionId: session.id, channel: 'participant', start: 0, frameSeconds: 0.032, probabilities: earlier });
    await appendSpeechTrack(database, vault, { sessionId: session.id, channel: 'interviewer', start: 0, frameSeconds: 0.032, probabilities: new Float32Array(5) });
    const track = await readSpeechTrack(database, vault, session.id, 'participant');
    expect(track.map((stretch) => stretch.start)).toEqual([0, 9.984]);
    expect([...track[0]!.probabilities]).toEqual([...earlier]);
    expect([...track[1]!.probabilities]).toEqual([...later]);
    // Stored encrypted: the clear fields say where a stretch lies, not when anyone spoke.
    const stored = await database.getAll(STORE.speech);
    expect(stored.find((record) => record.start === 9.984)).toMatchObject({ end: 9.984 + 3 * 0.032, frameSeconds: 0.032 });
    expect(Object.keys(stored[0]!).sort()).toEqual(['channel', 'end', 'frameSeconds', 'id', 'payload', 'sessionId', 'start']);
  });

  it('is deleted with the audio it was measured from', async () => {
    const { database, vault, session } = await recordedSession();
    await appendAudioChunk(database, vault, { sessionId: session.id, channel: 'participant', sequence: 0, start: 0, end: 2, codec: 'opus', bytes: new Uint8Array([1]) });
    await appendSpeechTrack(database, vault, { sessionId: session.id, channel: 'participant', start: 0, frameSeconds: 0.032, probabilities: new Float32Array([0.9]) });
    expect(await deleteSessionAudio(database, session.id)).toBe(1);
    expect(await database.count(STORE.speech)).toBe(0);
  });
});
