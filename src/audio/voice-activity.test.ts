import { describe, expect, it } from 'vitest';
import { EnergyVoiceActivityDetector } from './voice-activity';
import { splitIntoFrames } from './frames';
import { concatenate, mixInto, noise, seededRandom, sine, speechLike } from './test-signals';

const RATE = 16_000;

function probabilities(samples: Float32Array, detector = new EnergyVoiceActivityDetector()): number[] {
  return splitIntoFrames(samples).map((frame) => detector.process(frame));
}

/** Probabilities of the frames that lie wholly within [fromSeconds, toSeconds). */
function between(values: number[], fromSeconds: number, toSeconds: number): number[] {
  return values.filter((_, index) => index * 0.03 >= fromSeconds && (index + 1) * 0.03 <= toSeconds);
}

function share(values: number[], predicate: (value: number) => boolean): number {
  return values.filter(predicate).length / values.length;
}

describe('EnergyVoiceActivityDetector', () => {
  it('tells speech-like bursts from a quiet room', () => {
    const signal = mixInto(concatenate(new Float32Array(3 * RATE), speechLike(2, RATE, -25), new Float32Array(2 * RATE)), noise(7, RATE, -60));
    const values = probabilities(signal);
    expect(share(between(values, 0.5, 3), (value) => value < 0.1)).toBe(1);
    expect(share(between(values, 3, 5), (value) => value > 0.9)).toBeGreaterThan(0.95);
    expect(share(between(values, 5.1, 7), (value) => value < 0.1)).toBe(1);
  });

  it('adapts to a loud, steady background and still hears speech above it', () => {
    const signal = mixInto(concatenate(new Float32Array(8 * RATE), speechLike(2, RATE, -20)), noise(10, RATE, -40, seededRandom(5)));
    const values = probabilities(signal);
    // The floor rises at 3 dB/s from the assumed -50 dBFS: by 5 s it sits on the noise, which is then not speech.
    expect(share(between(values, 5, 8), (value) => value < 0.1)).toBe(1);
    expect(share(between(values, 8, 10), (value) => value > 0.5)).toBeGreaterThan(0.9);
  });

  it('ignores mains hum that starts suddenly', () => {
    const signal = mixInto(concatenate(new Float32Array(2 * RATE), sine(50, 2, RATE, 0.1)), noise(4, RATE, -60));
    expect(Math.max(...between(probabilities(signal), 2.1, 4))).toBeLessThan(0.1);
  });

  it('gives zero for digital silence and after it still hears speech', () => {
    const signal = concatenate(new Float32Array(RATE), speechLike(1, RATE, -30));
    const values = probabilities(signal);
    expect(Math.max(...between(values, 0, 1))).toBeLessThan(0.01);
    // The burst opens at its quietest (envelope 0.25, about -42 dBFS): a frame or two may be missed there.
    expect(share(between(values, 1, 2), (value) => value > 0.9)).toBeGreaterThan(0.9);
  });

  it('hears speech that starts with the stream', () => {
    const values = probabilities(mixInto(speechLike(1.5, RATE, -25), noise(1.5, RATE, -60)));
    expect(share(between(values, 0, 1.5), (value) => value > 0.9)).toBeGreaterThan(0.9);
  });

  it('forgets the noise floor on reset', () => {
    const detector = new EnergyVoiceActivityDetector();
    probabilities(noise(6, RATE, -30), detector);
    expect(detector.lastFeatures.noiseFloorDbfs).toBeGreaterThan(-35);
    detector.reset();
    probabilities(noise(1, RATE, -70), detector);
    expect(detector.lastFeatures.noiseFloorDbfs).toBeLessThan(-65);
  });
});
