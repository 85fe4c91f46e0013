import { readFileSync } from 'node:fs';

/** A 16-bit PCM WAV: `source` then `pauseSeconds` of silence, repeated to at least `seconds`. */
export function repeatWithPauses(source: string, pauseSeconds: number, seconds: number): Buffer {
  const wav = readFileSync(source);
  const chunks: Record<string, Buffer> = {};
  for (let offset = 12; offset + 8 <= wav.length; offset += 8 + wav.readUInt32LE(offset + 4) + (wav.readUInt32LE(offset + 4) % 2)) {
    chunks[wav.toString('ascii', offset, offset + 4)] = wav.subarray(offset + 8, offset + 8 + wav.readUInt32LE(offset + 4));
  }
  const format = chunks['fmt '];
  const data = chunks.data;
  if (!format || !data || format.readUInt16LE(0) !== 1 || format.readUInt16LE(14) !== 16) throw new Error(`${source}: not a 16-bit PCM WAV`);
  const [blockAlign, bytesPerSecond] = [format.readUInt16LE(12), format.readUInt32LE(8)];
  const period = Buffer.concat([data, Buffer.alloc(Math.round((pauseSeconds * bytesPerSecond) / blockAlign) * blockAlign)]);
  const body = Buffer.concat(Array.from({ length: Math.ceil((seconds * bytesPerSecond) / period.length) }, () => period));
  const size = (bytes: number) => Buffer.from(new Uint32Array([bytes]).buffer);
  return Buffer.concat([Buffer.from('RIFF'), size(36 + body.length), Buffer.from('WAVEfmt '), size(16), format.subarray(0, 16), Buffer.from('data'), size(body.length), body]);
}
