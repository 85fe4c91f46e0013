/**
 * RIFF/WAVE encode and decode, for tests, imported files and exports.
 * Spec: the Microsoft RIFF WAVE format (fmt chunk tags 1 = PCM, 3 = IEEE float,
 * 0xFFFE = WAVE_FORMAT_EXTENSIBLE whose sub-format GUID starts with the tag).
 */

export interface DecodedWav {
  sampleRate: number;
  /** One Float32Array per channel, samples in -1..1. */
  channels: Float32Array[];
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Encodes mono samples (-1..1, clamped) as a 16-bit PCM WAV file. */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const dataBytes = samples.length * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  writeAscii(bytes, 0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  writeAscii(bytes, 8, 'WAVE');
  writeAscii(bytes, 12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  writeAscii(bytes, 36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let index = 0; index < samples.length; index++) {
    // Same scale as decoding (x / 32768), so a round trip is off by half a step at most; +1 saturates at 32767.
    const value = Math.round((samples[index] ?? 0) * 32768);
    view.setInt16(44 + index * 2, Math.max(-32768, Math.min(32767, value)), true);
  }
  return bytes;
}

/** Decodes a WAV file (PCM 8/16/24/32-bit or float32/64, any channel count); throws on anything else. */
export function decodeWav(input: Uint8Array | ArrayBuffer): DecodedWav {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || readAscii(bytes, 0) !== 'RIFF' || readAscii(bytes, 8) !== 'WAVE') {
    throw new Error('Not a RIFF/WAVE file');
  }
  let format: { tag: number; channelCount: number; sampleRate: number; bitsPerSample: number } | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = readAscii(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      let tag = view.getUint16(body, true);
      if (tag === FORMAT_EXTENSIBLE && size >= 40) tag = view.getUint16(body + 24, true);
      format = {
        tag,
        channelCount: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data chunk before fmt chunk');
      // Streaming writers leave the size as 0 or 0xFFFFFFFF: read to the end then.
      const available = bytes.length - body;
      const length = size === 0 || size > available ? available : size;
      return { sampleRate: format.sampleRate, channels: decodeSamples(view, body, length, format) };
    }
    // Chunks are padded to an even size.
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

function decodeSamples(
  view: DataView,
  start: number,
  length: number,
  format: { tag: number; channelCount: number; bitsPerSample: number },
): Float32Array[] {
  const { tag, channelCount, bitsPerSample } = format;
  const bytesPerSample = bitsPerSample / 8;
  const supported =
    channelCount > 0 &&
    ((tag === FORMAT_PCM && [8, 16, 24, 32].includes(bitsPerSample)) ||
      (tag === FORMAT_FLOAT && (bitsPerSample === 32 || bitsPerSample === 64)));
  if (!supported) throw new Error(`Unsupported WAV format: tag ${tag}, ${bitsPerSample} bits, ${channelCount} channels`);
  const frameCount = Math.floor(length / (bytesPerSample * channelCount));
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frameCount));
  const read = sampleReader(view, tag, bitsPerSample);
  for (let frame = 0; frame < frameCount; frame++) {
    for (let channel = 0; channel < channelCount; channel++) {
      (channels[channel] as Float32Array)[frame] = read(start + (frame * channelCount + channel) * bytesPerSample);
    }
  }
  return channels;
}

function sampleReader(view: DataView, tag: number, bits: number): (at: number) => number {
  if (tag === FORMAT_FLOAT) return bits === 32 ? (at) => view.getFloat32(at, true) : (at) => view.getFloat64(at, true);
  switch (bits) {
    case 8:
      return (at) => (view.getUint8(at) - 128) / 128; // 8-bit WAV is unsigned
    case 16:
      return (at) => view.getInt16(at, true) / 32768;
    case 24:
      return (at) => ((view.getUint8(at + 2) << 24) | (view.getUint8(at + 1) << 16) | (view.getUint8(at) << 8)) / 2147483648;
    default:
      return (at) => view.getInt32(at, true) / 2147483648;
  }
}

function writeAscii(bytes: Uint8Array, offset: number, text: string): void {
  for (let index = 0; index < text.length; index++) bytes[offset + index] = text.charCodeAt(index);
}

function readAscii(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset] ?? 0, bytes[offset + 1] ?? 0, bytes[offset + 2] ?? 0, bytes[offset + 3] ?? 0);
}
