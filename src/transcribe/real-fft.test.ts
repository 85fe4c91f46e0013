import { describe, expect, it } from 'vitest';
import { RealFft } from './real-fft';

/** |X[k]|² by the definition, in doubles. */
function plainPowerSpectrum(frame: Float64Array): Float64Array {
  const size = frame.length;
  const power = new Float64Array(size / 2 + 1);
  for (let k = 0; k <= size / 2; k++) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < size; n++) {
      const angle = (-2 * Math.PI * k * n) / size;
      re += frame[n]! * Math.cos(angle);
      im += frame[n]! * Math.sin(angle);
    }
    power[k] = re * re + im * im;
  }
  return power;
}

function randomFrame(size: number, seed: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: size }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  });
}

describe('the power spectrum of a real frame', () => {
  it("equals the plain DFT's for Whisper's 400-sample frames and other lengths of 2, 3, 4 and 5", () => {
    for (const size of [400, 2, 6, 10, 16, 30, 48, 250]) {
      for (const seed of [1, 2]) {
        const frame = randomFrame(size, seed);
        const power = new Float64Array(size / 2 + 1);
        new RealFft(size).powerSpectrum(frame, power);
        const expected = plainPowerSpectrum(frame);
        const scale = Math.max(...expected);
        for (let k = 0; k < expected.length; k++) expect(Math.abs(power[k]! - expected[k]!)).toBeLessThan(1e-10 * scale);
      }
    }
  });

  it('finds a pure tone in its bin, and nothing for silence', () => {
    const fft = new RealFft(400);
    const tone = Float64Array.from({ length: 400 }, (_, n) => Math.cos((2 * Math.PI * 25 * n) / 400));
    const power = new Float64Array(201);
    fft.powerSpectrum(tone, power);
    expect(power[25]).toBeCloseTo(200 * 200, 6);
    expect(Math.max(...power.filter((_, k) => k !== 25))).toBeLessThan(1e-15 * 200 * 200);
    fft.powerSpectrum(new Float64Array(400), power);
    expect(Math.max(...power)).toBe(0);
  });

  it('gives the same answer when used again', () => {
    const fft = new RealFft(400);
    const frame = randomFrame(400, 3);
    const first = new Float64Array(201);
    const second = new Float64Array(201);
    fft.powerSpectrum(frame, first);
    fft.powerSpectrum(randomFrame(400, 4), second);
    fft.powerSpectrum(frame, second);
    expect(second).toEqual(first);
  });

  it('refuses odd lengths and halves with a prime factor above 5', () => {
    expect(() => new RealFft(401)).toThrow(RangeError);
    expect(() => new RealFft(14)).toThrow(RangeError);
  });
});
