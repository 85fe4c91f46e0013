import { describe, expect, it } from 'vitest';
import type { RawTranscription } from '../messages';
import { EarlyFinals, type EarlyTranscriber } from './early-finals';

function fakeTranscriber() {
  const requests: { id: string; length: number; offset: number }[] = [];
  const cancelled: string[] = [];
  const transcriber: EarlyTranscriber = {
    transcribe: async (request) => {
      requests.push({ id: request.id, length: request.samples.length, offset: request.offset });
      return { text: `text of ${request.id}` } as RawTranscription;
    },
    cancel: (id) => void cancelled.push(id),
  };
  return { transcriber, requests, cancelled };
}

function channel(settled: { start: number; samples: Float32Array } | null) {
  return { channel: 'participant' as const, settledUtterance: () => settled };
}

describe('starting a final transcription once the pause has lasted the padding', () => {
  it('starts once per settled utterance and hands its result to the utterance emitted with the same audio', async () => {
    const { transcriber, requests, cancelled } = fakeTranscriber();
    let starts = 0;
    const early = new EarlyFinals({ sessionId: 's', language: 'no', transcriber, onStart: () => starts++ });
    const settled = { start: 4, samples: new Float32Array(16_000) };
    early.consider(channel(null));
    early.consider(channel(settled));
    early.consider(channel({ ...settled, samples: settled.samples.slice() }));
    expect(requests).toEqual([{ id: 's:participant:early:0', length: 16_000, offset: 4 }]);
    expect(starts).toBe(1);
    expect(early.count).toBe(1);
    // Read again at emission, the start may have moved by the stream clock's re-anchoring.
    const result = early.take({ channel: 'participant', start: 4.0004, samples: new Float32Array(16_000) });
    expect((await result)?.text).toBe('text of s:participant:early:0');
    expect(cancelled).toEqual([]);
    expect(early.count).toBe(0);
  });

  it('cancels at once when speech resumes, and does not hand over a result for other audio', () => {
    const { transcriber, requests, cancelled } = fakeTranscriber();
    const early = new EarlyFinals({ sessionId: 's', language: 'no', transcriber, onStart: () => undefined });
    early.consider(channel({ start: 4, samples: new Float32Array(16_000) }));
    // The speaker goes on: nothing is settled any more.
    early.consider(channel(null));
    expect(cancelled).toEqual(['s:participant:early:0']);
    early.consider(channel({ start: 4, samples: new Float32Array(24_000) }));
    expect(requests).toHaveLength(2);
    // Flushed on pause with a tail: a different length, so the early one is dropped.
    expect(early.take({ channel: 'participant', start: 4, samples: new Float32Array(25_000) })).toBeNull();
    expect(cancelled).toEqual(['s:participant:early:0', 's:participant:early:1']);
  });
});
