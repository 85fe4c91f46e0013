/**
 * Deterministic audio for tests: tones and noise for the ones that run the real
 * transformers.js pipeline on the test model (its weights are random, so what
 * matters is that the same input gives the same output), speech-like bursts for
 * the ones that cut a recording into utterances.
 */
const SAMPLE_RATE = 16_000;

/** A gliding tone with a slow tremolo from `baseFrequency` Hz: speech-band, not silence. */
export function toneAudio(seconds: number, baseFrequency = 180): Float32Array {
  const samples = new Float32Array(Math.round(SAMPLE_RATE * seconds));
  let phase = 0;
  for (let index = 0; index < samples.length; index++) {
    const time = index / SAMPLE_RATE;
    phase += (2 * Math.PI * (baseFrequency + 60 * time)) / SAMPLE_RATE;
    samples[index] = 0.3 * Math.sin(phase) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * time));
  }
  return samples;
}

/** Noise in bursts (loud a quarter second, quiet the next), from a fixed seed. */
export function noiseAudio(seconds: number): Float32Array {
  const samples = new Float32Array(Math.round(SAMPLE_RATE * seconds));
  let state = 12345;
  for (let index = 0; index < samples.length; index++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const burst = Math.floor(index / 4000) % 2 === 0 ? 0.5 : 0.05;
    samples[index] = burst * (state / 2147483648 - 0.5);
  }
  return samples;
}

/**
 * Speech-like bursts (noise modulated at syllable rate) between quiet stretches,
 * or exact zeros (lost audio), at `rate`: what a voice detector hears as speech.
 */
export function speechLikeRecording(rate: number, parts: { speech: boolean; seconds: number; zeros?: boolean }[]): Float32Array {
  const total = parts.reduce((sum, part) => sum + part.seconds, 0);
  const samples = new Float32Array(Math.round(total * rate));
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  let at = 0;
  for (const part of parts) {
    const length = Math.round(part.seconds * rate);
    for (let i = 0; i < length; i++) {
      const envelope = 0.5 + 0.5 * Math.sin((2 * Math.PI * 4 * i) / rate);
      samples[at + i] = part.zeros ? 0 : part.speech ? 0.3 * envelope * random() : 0.001 * random();
    }
    at += length;
  }
  return samples;
}
