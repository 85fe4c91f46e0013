import { describe, expect, it } from 'vitest';
import { downmixToMono, resampleOnce, StreamingResampler } from './resample';
import { rms } from './levels';
import { concatenate, randomChunks, sine, toneAmplitude, upwardZeroCrossings } from './test-signals';

function streamInChunks(resampler: StreamingResampler, chunks: Float32Array[]): Float32Array {
  return concatenate(...chunks.map((chunk) => resampler.push(chunk)), resampler.flush());
}

function decibels(ratio: number): number {
  return 20 * Math.log10(ratio);
}

describe('downmixToMono', () => {
  it('averages the channels sample by sample', () => {
    const mono = downmixToMono([Float32Array.of(1, 0.5, -1), Float32Array.of(0, 0.5, 1)]);
    expect(Array.from(mono)).toEqual([0.5, 0.5, 0]);
  });

  it('returns a copy of a single channel and nothing for no channels', () => {
    const channel = Float32Array.of(0.25, -0.25);
    const mono = downmixToMono([channel]);
    mono[0] = 1;
    expect(channel[0]).toBe(0.25);
    expect(downmixToMono([]).length).toBe(0);
  });
});

describe('StreamingResampler 48 kHz -> 16 kHz', () => {
  const input = sine(1000, 2, 48_000, 0.5);

  it('gives the same output in random-sized chunks as in one shot', () => {
    const oneShot = resampleOnce(input, 48_000, 16_000);
    const streamed = streamInChunks(new StreamingResampler(48_000), randomChunks(input, 700));
    expect(streamed.length).toBe(oneShot.length);
    let largestDifference = 0;
    for (let index = 0; index < oneShot.length; index++) {
      largestDifference = Math.max(largestDifference, Math.abs(oneShot[index]! - streamed[index]!));
    }
    expect(largestDifference).toBeLessThan(1e-6);
  });

  it('works in AudioWorklet-sized blocks of 128 frames', () => {
    const blocks = [];
    for (let offset = 0; offset < input.length; offset += 128) blocks.push(input.subarray(offset, offset + 128));
    const streamed = streamInChunks(new StreamingResampler(48_000), blocks);
    expect(streamed.length).toBe(32_000);
    // No clicks: a 1 kHz sine of 0.5 at 16 kHz never moves more than 2*pi*1000/16000*0.5 ≈ 0.196 per sample.
    let largestStep = 0;
    for (let index = 1; index < streamed.length; index++) {
      largestStep = Math.max(largestStep, Math.abs(streamed[index]! - streamed[index - 1]!));
    }
    expect(largestStep).toBeLessThan(0.2);
  });

  it('keeps length, frequency and amplitude of an in-band tone', () => {
    const output = resampleOnce(input, 48_000, 16_000);
    expect(output.length).toBe(32_000);
    // Two seconds of 1 kHz: 2000 periods (± one at the ends).
    expect(Math.abs(upwardZeroCrossings(output) - 2000)).toBeLessThanOrEqual(1);
    expect(toneAmplitude(output, 1000, 16_000)).toBeCloseTo(0.5, 2);
    // Phase is preserved too: output sample n is input time n / 16000.
    expect(output[4000]).toBeCloseTo(input[12_000]!, 3);
  });

  it('attenuates a 12 kHz tone (above the new Nyquist) by at least 40 dB', () => {
    const tone = sine(12_000, 1, 48_000, 0.5);
    const output = resampleOnce(tone, 48_000, 16_000);
    const attenuation = decibels(rms(output) / rms(tone));
    expect(attenuation).toBeLessThan(-40);
  });

  it('attenuates a tone just above the new Nyquist (8.5 kHz) by at least 40 dB', () => {
    const tone = sine(8_500, 1, 48_000, 0.5);
    expect(decibels(rms(resampleOnce(tone, 48_000, 16_000)) / rms(tone))).toBeLessThan(-40);
  });

  it('passes DC at unity gain', () => {
    const output = resampleOnce(new Float32Array(4800).fill(0.5), 48_000, 16_000);
    expect(output[800]).toBeCloseTo(0.5, 5);
  });
});

describe('StreamingResampler at other rates', () => {
  it('converts 44.1 kHz in random chunks with the exact length and pitch', () => {
    const input = sine(1000, 1, 44_100, 0.5);
    const streamed = streamInChunks(new StreamingResampler(44_100), randomChunks(input, 300));
    expect(streamed.length).toBe(16_000);
    expect(Math.abs(upwardZeroCrossings(streamed) - 1000)).toBeLessThanOrEqual(1);
    expect(toneAmplitude(streamed, 1000, 16_000)).toBeCloseTo(0.5, 2);
    const oneShot = resampleOnce(input, 44_100);
    expect(Math.max(...oneShot.map((value, index) => Math.abs(value - streamed[index]!)))).toBeLessThan(1e-6);
  });

  it('upsamples 8 kHz telephone audio without changing the tone', () => {
    const output = resampleOnce(sine(440, 1, 8_000, 0.5), 8_000, 16_000);
    expect(output.length).toBe(16_000);
    expect(Math.abs(upwardZeroCrossings(output) - 440)).toBeLessThanOrEqual(1);
    expect(toneAmplitude(output, 440, 16_000)).toBeCloseTo(0.5, 2);
  });

  it('handles an odd rate whose phase table is rounded', () => {
    const output = resampleOnce(sine(1000, 1, 44_099, 0.5), 44_099, 16_000);
    expect(output.length).toBe(Math.ceil((44_099 * 16_000) / 44_099));
    expect(toneAmplitude(output, 1000, 16_000)).toBeCloseTo(0.5, 2);
  });

  it('passes 16 kHz input through unchanged', () => {
    const input = sine(300, 0.1, 16_000);
    const resampler = new StreamingResampler(16_000);
    expect(Array.from(resampler.push(input))).toEqual(Array.from(input));
    expect(resampler.flush().length).toBe(0);
  });

  it('starts a new signal after flush', () => {
    const resampler = new StreamingResampler(48_000);
    const input = sine(1000, 0.5, 48_000);
    const first = streamInChunks(resampler, [input]);
    const second = streamInChunks(resampler, [input]);
    expect(Array.from(second)).toEqual(Array.from(first));
  });
});
