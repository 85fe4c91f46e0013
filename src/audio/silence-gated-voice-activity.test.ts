import { describe, expect, it } from 'vitest';
import { SilenceGatedVoiceActivityDetector } from './silence-gated-voice-activity';
import type { VoiceActivityDetector } from './voice-activity';

/** A detector that says 0.9 and counts what reaches it. */
function countingDetector() {
  const seen = { frames: 0, resets: 0 };
  const detector: VoiceActivityDetector = {
    frameSize: 512,
    process: () => {
      seen.frames++;
      return Promise.resolve(0.9);
    },
    reset: () => {
      seen.resets++;
    },
  };
  return { detector, seen };
}

const frame = (amplitude: number) => new Float32Array(512).fill(amplitude);

describe('the silence gate in front of the speech model', () => {
  it('answers "no speech" for frames under -60 dBFS without running the model, and passes the rest', async () => {
    const { detector, seen } = countingDetector();
    const gated = new SilenceGatedVoiceActivityDetector(detector);
    expect(gated.process(frame(0))).toBe(0);
    expect(gated.process(frame(0.0005))).toBe(0); // -66 dBFS: a quiet room's self-noise
    expect(await gated.process(frame(0.002))).toBe(0.9); // -54 dBFS: faint, but given to the model
    expect(seen.frames).toBe(1);
    expect(gated.counts).toEqual({ modelled: 1, gated: 2 });
    expect(gated.frameSize).toBe(512);
  });

  it('starts the model afresh after a run of silent frames, not after a short gap', () => {
    const { detector, seen } = countingDetector();
    const gated = new SilenceGatedVoiceActivityDetector(detector, { resetAfterFrames: 10 });
    for (let index = 0; index < 9; index++) gated.process(frame(0));
    expect(seen.resets).toBe(0);
    void gated.process(frame(0.1));
    for (let index = 0; index < 25; index++) gated.process(frame(0));
    expect(seen.resets).toBe(1);
  });
});
