/**
 * Deterministic speech-like audio at 16 kHz: a voiced source (pitch gliding
 * 100–220 Hz, harmonics) shaped by syllable-rate (4 Hz) loudness and two moving
 * formant-like bands, with short pauses and a little noise. The bench models
 * have random weights, so what is said does not matter; the audio only has to
 * be the same for every run and not silence.
 */
export const SAMPLE_RATE = 16_000;

/** `seconds` of speech-like samples. */
export function speechLikeAudio(seconds) {
  const samples = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  let phase = 0;
  let state = 20240611;
  for (let index = 0; index < samples.length; index++) {
    const time = index / SAMPLE_RATE;
    const pitch = 160 + 60 * Math.sin(2 * Math.PI * 0.3 * time);
    phase += (2 * Math.PI * pitch) / SAMPLE_RATE;
    const formantOne = 500 + 300 * Math.sin(2 * Math.PI * 1.7 * time);
    const formantTwo = 1500 + 600 * Math.sin(2 * Math.PI * 1.1 * time);
    let voiced = 0;
    for (let harmonic = 1; harmonic <= 20; harmonic++) {
      const frequency = harmonic * pitch;
      const gain = Math.exp(-(((frequency - formantOne) / 200) ** 2)) + 0.6 * Math.exp(-(((frequency - formantTwo) / 300) ** 2));
      voiced += gain * Math.sin(harmonic * phase);
    }
    const syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * time)) ** 0.5;
    const pause = Math.floor(time / 2.7) % 3 === 2 && time % 2.7 < 0.4 ? 0 : 1;
    state = (state * 1103515245 + 12345) % 2147483648;
    samples[index] = 0.08 * voiced * syllable * pause + 0.003 * (state / 2147483648 - 0.5);
  }
  return samples;
}
