import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav16 } from './wav';
import { sine } from './test-signals';

/** Builds a WAV by hand: float32 or 24-bit PCM, interleaved channels, with an extra chunk before the data. */
function handMadeWav(channels: number[][], sampleRate: number, kind: 'float32' | 'pcm24'): Uint8Array {
  const bytesPerSample = kind === 'float32' ? 4 : 3;
  const frames = channels[0]!.length;
  const dataBytes = frames * channels.length * bytesPerSample;
  const bytes = new Uint8Array(12 + 24 + 10 + 8 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((character, index) => view.setUint8(offset + index, character.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, kind === 'float32' ? 3 : 1, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels.length * bytesPerSample, true);
  view.setUint16(32, channels.length * bytesPerSample, true);
  view.setUint16(34, bytesPerSample * 8, true);
  // An odd-sized LIST chunk: the reader must skip it and its pad byte.
  ascii(36, 'LIST');
  view.setUint32(40, 1, true);
  ascii(46, 'data');
  view.setUint32(50, dataBytes, true);
  let offset = 54;
  for (let frame = 0; frame < frames; frame++) {
    for (const channel of channels) {
      const value = channel[frame]!;
      if (kind === 'float32') view.setFloat32(offset, value, true);
      else {
        const integer = Math.round(value * 8_388_607);
        view.setUint8(offset, integer & 0xff);
        view.setUint8(offset + 1, (integer >> 8) & 0xff);
        view.setUint8(offset + 2, (integer >> 16) & 0xff);
      }
      offset += bytesPerSample;
    }
  }
  return bytes;
}

describe('WAV', () => {
  it('round-trips 16-bit mono within half a quantisation step', () => {
    const samples = sine(440, 0.1, 16_000, 0.8);
    const decoded = decodeWav(encodeWav16(samples, 16_000));
    expect(decoded.sampleRate).toBe(16_000);
    expect(decoded.channels).toHaveLength(1);
    expect(decoded.channels[0]!.length).toBe(samples.length);
    const worst = Math.max(...samples.map((value, index) => Math.abs(value - decoded.channels[0]![index]!)));
    expect(worst).toBeLessThanOrEqual(0.5 / 32_768 + 1e-9);
  });

  it('writes a standard 44-byte header and clamps out-of-range samples', () => {
    const bytes = encodeWav16(Float32Array.of(2, -2, 0), 8_000);
    expect(bytes.length).toBe(44 + 6);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF');
    const view = new DataView(bytes.buffer);
    expect([view.getInt16(44, true), view.getInt16(46, true), view.getInt16(48, true)]).toEqual([32_767, -32_768, 0]);
  });

  it('decodes float32 stereo and 24-bit PCM, skipping unknown chunks', () => {
    const left = [0, 0.5, -0.25, 1];
    const right = [0.125, -0.5, 0.75, -1];
    const float = decodeWav(handMadeWav([left, right], 48_000, 'float32'));
    expect(float.sampleRate).toBe(48_000);
    expect(Array.from(float.channels[0]!)).toEqual(left);
    expect(Array.from(float.channels[1]!)).toEqual(right);
    const pcm24 = decodeWav(handMadeWav([left], 44_100, 'pcm24').buffer as ArrayBuffer);
    pcm24.channels[0]!.forEach((value, index) => expect(value).toBeCloseTo(left[index]!, 5));
  });

  it('rejects what is not a WAV file', () => {
    expect(() => decodeWav(new TextEncoder().encode('ID3 this is an mp3 file'))).toThrow(/RIFF/);
  });
});
