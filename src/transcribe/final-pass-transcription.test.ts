import { describe, expect, it } from 'vitest';
import { EnergyVoiceActivityDetector, TARGET_SAMPLE_RATE } from '../audio';
import { concatenate, noise, speechLike } from '../audio/test-signals';
import type { RawTranscription } from '../messages';
import { transcribeAsFinalPass } from './final-pass-transcription';

const RATE = TARGET_SAMPLE_RATE;
// Two turns of one channel, 4 s each, 16 s of the other speaker's time between them.
const recording = concatenate(speechLike(4, RATE), noise(16, RATE, -70), speechLike(4, RATE, -20), noise(6, RATE, -70));

/** A model that hears one word a second of the audio it is given, the times in seconds of that audio. */
function wordPerSecond(calls: number[]) {
  return async ({ samples }: { samples: Float32Array }): Promise<RawTranscription> => {
    const seconds = samples.length / RATE;
    calls.push(seconds);
    const words = Array.from({ length: Math.floor(seconds) }, (_, index) => ({ text: ` ord${index}`, start: index + 0.3, end: index + 0.7, probability: 0.9 }));
    return {
      text: words.map((word) => word.text).join(''),
      words,
      chunks: [{ text: words.map((word) => word.text).join(''), start: 0, end: seconds }],
      avgLogProb: -0.2,
      compressionRatio: 1.2,
      noSpeechProb: 0.01,
      tokenCount: words.length,
      timing: { encoderMs: null, decoderMs: null, totalMs: 1 },
    };
  };
}

/** The pass over `samples`, cut by the energy detector; `calls` holds the seconds of audio of each window transcribed. */
async function passOver(samples: Float32Array, { wordTimestamps }: { wordTimestamps: boolean }) {
  const calls: number[] = [];
  const segments = await transcribeAsFinalPass({
    sessionId: 's',
    samples,
    language: 'no',
    detector: new EnergyVoiceActivityDetector({ sampleRate: RATE }),
    wordTimestamps,
    transcribe: wordPerSecond(calls),
  });
  return { calls, segments };
}

describe('the full-quality pass over one recording', () => {
  it('packs both turns into one window and gives each its own words, where they were said', async () => {
    const { calls, segments } = await passOver(recording, { wordTimestamps: true });
    // One window: the two turns with their padding, not the 16 s between them.
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeLessThan(12);
    expect(segments).toHaveLength(2);
    const [first, second] = segments;
    expect(first!.start).toBeLessThan(1);
    expect(first!.end).toBeLessThan(5);
    expect(second!.start).toBeGreaterThan(19);
    for (const heard of second!.words) {
      expect(heard.start).toBeGreaterThanOrEqual(second!.start);
      expect(heard.end).toBeLessThanOrEqual(second!.end);
    }
    // Every word the model heard is in exactly one of the two segments.
    expect(first!.words.length + second!.words.length).toBe(Math.floor(calls[0]!));
  });

  it('gives each turn its own window when the model has no word times to split by', async () => {
    const { calls, segments } = await passOver(recording, { wordTimestamps: false });
    expect(calls).toHaveLength(2);
    expect(segments.map((segment) => segment.start > 19)).toEqual([false, true]);
  });
});
