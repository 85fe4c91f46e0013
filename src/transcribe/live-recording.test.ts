import { describe, expect, it } from 'vitest';
import type { RawTranscription } from '../messages';
import { transcribeAsLive } from './live-recording';
import { speechLikeRecording } from './test-audio';

function transcriber() {
  const requests: { samples: number; offset: number; shortContext: boolean }[] = [];
  const transcribe = async (request: { id: string; samples: Float32Array; offset: number; shortContext: boolean }): Promise<RawTranscription> => {
    requests.push({ samples: request.samples.length, offset: request.offset, shortContext: request.shortContext });
    const duration = request.samples.length / 16_000;
    return {
      text: 'ord for ord',
      words: ['ord', 'for', 'ord'].map((text, index) => ({
        text,
        start: request.offset + (duration * index) / 3,
        end: request.offset + (duration * (index + 1)) / 3,
        probability: 0.9,
      })),
      chunks: [{ text: 'ord for ord', start: request.offset, end: request.offset + duration }],
      avgLogProb: -0.1,
      compressionRatio: 1,
      noSpeechProb: null,
      tokenCount: 3,
      timing: { encoderMs: null, decoderMs: null, totalMs: 1 },
    };
  };
  return { requests, transcribe };
}

describe('transcribing a recording as a live call', () => {
  it('cuts it in capture blocks at its own rate and asks for the live short context, utterance by utterance', async () => {
    const { requests, transcribe } = transcriber();
    const segments = await transcribeAsLive({
      sessionId: 's',
      samples: speechLikeRecording(48_000, [
        { speech: false, seconds: 1 },
        { speech: true, seconds: 2 },
        { speech: false, seconds: 1.5 },
        { speech: true, seconds: 2 },
        { speech: false, seconds: 1 },
      ]),
      sampleRate: 48_000,
      language: 'no',
      transcribe,
    });
    expect(segments.map((segment) => segment.text)).toEqual(['ord for ord', 'ord for ord']);
    expect(segments.every((segment) => segment.source === 'live' && segment.channel === 'mixed')).toBe(true);
    expect(requests.every((request) => request.shortContext)).toBe(true);
    // Times in seconds of the recording, audio at 16 kHz, about as long as each burst.
    expect(requests[0]!.offset).toBeGreaterThan(0.7);
    expect(requests[0]!.offset).toBeLessThan(1.1);
    expect(requests[1]!.offset).toBeGreaterThan(4.2);
    expect(requests[1]!.offset).toBeLessThan(4.6);
    for (const request of requests) {
      expect(request.samples / 16_000).toBeGreaterThan(1.9);
      expect(request.samples / 16_000).toBeLessThan(2.8);
    }
  });

  it('marks lost audio the capture chain heard as [uklart], as during a call', async () => {
    const { transcribe } = transcriber();
    const segments = await transcribeAsLive({
      sessionId: 's',
      samples: speechLikeRecording(16_000, [
        { speech: false, seconds: 1 },
        { speech: true, seconds: 1.5 },
        { speech: true, seconds: 1, zeros: true },
        { speech: true, seconds: 1.5 },
        { speech: false, seconds: 1 },
      ]),
      sampleRate: 16_000,
      language: 'no',
      transcribe,
    });
    expect(segments.map((segment) => segment.text).join(' ')).toContain('[uklart]');
  });
});
