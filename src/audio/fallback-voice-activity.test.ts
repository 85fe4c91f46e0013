import { describe, expect, it } from 'vitest';
import { FallbackVoiceActivityDetector } from './fallback-voice-activity';
import { rms } from './levels';
import { concatenate } from './test-signals';
import { UtteranceSegmenter, type Utterance } from './utterance-segmenter';
import type { VoiceActivityDetector } from './voice-activity';

const RATE = 16_000;
const loud = (frame: Float32Array) => (rms(frame) > 0.05 ? 1 : 0);

/** Like a model whose runtime dies after `frames` frames: later runs reject. */
function failingAfter(frames: number): VoiceActivityDetector & { resets: number } {
  let seen = 0;
  return {
    frameSize: 512,
    resets: 0,
    async process(frame) {
      if (++seen > frames) throw new Error('wasm memory exhausted');
      return loud(frame);
    },
    reset() {
      this.resets++;
    },
  };
}

function level(seconds: number, value: number): Float32Array {
  return new Float32Array(Math.round(seconds * RATE)).fill(value);
}

async function cut(detector: VoiceActivityDetector, signal: Float32Array): Promise<Utterance[]> {
  const segmenter = new UtteranceSegmenter({ detector });
  const found: Utterance[] = [];
  for (let offset = 0; offset < signal.length; offset += 4096) found.push(...(await segmenter.push(signal.subarray(offset, offset + 4096))));
  return [...found, ...(await segmenter.flush())];
}

describe('FallbackVoiceActivityDetector', () => {
  it('keeps cutting utterances after the model fails mid-recording, and says so once', async () => {
    const failures: unknown[] = [];
    const fallback = { process: loud, reset: () => {} };
    // Speech at 1-2 s and 4-5 s; the model dies at 3 s.
    const signal = concatenate(level(1, 0.001), level(1, 0.2), level(2, 0.001), level(1, 0.2), level(1, 0.001));
    const found = await cut(new FallbackVoiceActivityDetector(failingAfter(Math.round((3 * RATE) / 512)), fallback, (cause) => failures.push(cause)), signal);
    expect(found).toHaveLength(2);
    expect(found[1]!.start).toBeCloseTo(3.8, 1);
    expect(failures).toHaveLength(1);
  });

  it('uses the primary while it works, in its frame length', async () => {
    const primary = failingAfter(Infinity);
    const detector = new FallbackVoiceActivityDetector(primary, { process: () => 0, reset: () => {} });
    expect(new UtteranceSegmenter({ detector }).frameSize).toBe(512);
    expect(await cut(detector, concatenate(level(1, 0.001), level(1, 0.2), level(1, 0.001)))).toHaveLength(1);
    expect(primary.resets).toBe(1);
  });
});
