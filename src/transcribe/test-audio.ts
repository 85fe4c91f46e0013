/**
 * Deterministic audio for the tests that run the real transformers.js pipeline
 * on the test model: its weights are random, so what matters is that the same
 * input gives the same output, not what it says.
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
