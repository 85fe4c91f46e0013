/**
 * Synthetic signals and measurements for the audio tests and benchmark.
 * Not part of the public API: nothing outside src/audio tests imports it.
 */

/** Deterministic pseudo-random source (mulberry32), so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sine of `amplitude` peak at `frequency` Hz. */
export function sine(frequency: number, seconds: number, sampleRate: number, amplitude = 0.5): Float32Array {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  for (let index = 0; index < samples.length; index++) {
    samples[index] = amplitude * Math.sin((2 * Math.PI * frequency * index) / sampleRate);
  }
  return samples;
}

/** Uniform white noise with the given RMS level in dBFS. */
export function noise(seconds: number, sampleRate: number, levelDbfs: number, random = seededRandom(1)): Float32Array {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  // Uniform noise in [-a, a] has RMS a / sqrt(3).
  const amplitude = Math.sqrt(3) * 10 ** (levelDbfs / 20);
  for (let index = 0; index < samples.length; index++) samples[index] = amplitude * (2 * random() - 1);
  return samples;
}

/**
 * Speech-like burst: noise shaped to the voice band (crude two-pole resonances)
 * and amplitude-modulated at a syllable rate of about 4 Hz, at `levelDbfs` RMS.
 */
export function speechLike(seconds: number, sampleRate: number, levelDbfs = -20, random = seededRandom(2)): Float32Array {
  const length = Math.round(seconds * sampleRate);
  const samples = new Float32Array(length);
  const resonances = [500, 1500].map((frequency) => {
    const radius = 0.97;
    return { a1: 2 * radius * Math.cos((2 * Math.PI * frequency) / sampleRate), a2: -radius * radius, y1: 0, y2: 0 };
  });
  const syllableRate = 3.7 + random();
  let energy = 0;
  for (let index = 0; index < length; index++) {
    const excitation = 2 * random() - 1;
    let value = 0;
    for (const resonance of resonances) {
      const output = excitation + resonance.a1 * resonance.y1 + resonance.a2 * resonance.y2;
      resonance.y2 = resonance.y1;
      resonance.y1 = output;
      value += output;
    }
    // Envelope between 0.25 and 1: syllables with dips, never full silence within a burst.
    const envelope = 0.625 - 0.375 * Math.cos((2 * Math.PI * syllableRate * index) / sampleRate);
    samples[index] = value * envelope;
    energy += samples[index]! * samples[index]!;
  }
  const scale = 10 ** (levelDbfs / 20) / Math.sqrt(energy / Math.max(1, length));
  for (let index = 0; index < length; index++) samples[index]! *= scale;
  return samples;
}

/** Concatenates signals end to end. */
export function concatenate(...parts: Float32Array[]): Float32Array {
  const result = new Float32Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

/** Adds `other` into `target` in place, starting at `offset`. */
export function mixInto(target: Float32Array, other: Float32Array, offset = 0): Float32Array {
  for (let index = 0; index < other.length && offset + index < target.length; index++) target[offset + index]! += other[index]!;
  return target;
}

/** Peak amplitude of the component at `frequency` (Goertzel over the whole signal, Hann-windowed). */
export function toneAmplitude(samples: Float32Array, frequency: number, sampleRate: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  let windowSum = 0;
  const length = samples.length;
  for (let index = 0; index < length; index++) {
    const window = 0.5 - 0.5 * Math.cos((2 * Math.PI * index) / (length - 1));
    windowSum += window;
    const current = samples[index]! * window + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return (2 * Math.sqrt(Math.max(0, power))) / windowSum;
}

/** Counts sign changes from negative to non-negative (one per period of a clean tone). */
export function upwardZeroCrossings(samples: Float32Array): number {
  let count = 0;
  for (let index = 1; index < samples.length; index++) if (samples[index - 1]! < 0 && samples[index]! >= 0) count++;
  return count;
}

/** Splits a signal into chunks of random sizes between 1 and `maximum`. */
export function randomChunks(samples: Float32Array, maximum: number, random = seededRandom(3)): Float32Array[] {
  const chunks: Float32Array[] = [];
  for (let offset = 0; offset < samples.length; ) {
    const size = 1 + Math.floor(random() * maximum);
    chunks.push(samples.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}
