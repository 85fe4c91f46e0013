/**
 * Voice activity detection: a per-frame speech probability. The built-in energy
 * detector needs no model: it measures energy in the voice band and compares it
 * with an adaptive noise floor. Live recording uses Silero VAD
 * (silero-voice-activity.ts) behind the same interface, with this one as its
 * fallback; see docs/audio.md for when each is used and why.
 */
import { TARGET_SAMPLE_RATE } from './resample';
import { SILENCE_DBFS } from './levels';

/**
 * Anything that turns a frame of 16 kHz mono audio into a speech probability.
 * A model-based detector answers asynchronously; callers await it only when it
 * returns a promise, and never call `process` again before that promise settles.
 */
export interface VoiceActivityDetector {
  /** Samples per frame the detector requires (Silero: 512); absent when any frame length works. */
  readonly frameSize?: number;
  /** Speech probability 0..1 for the next frame of the stream (frames must be consecutive). */
  process(frame: Float32Array): number | Promise<number>;
  /** Forgets the stream (noise floor, filter or model state): call between unrelated recordings. */
  reset(): void;
}

export interface EnergyDetectorOptions {
  sampleRate?: number;
  /** Voice band used for the energy (default 200..4000 Hz: below is hum and rumble, above is hiss and clicks). */
  lowHz?: number;
  highHz?: number;
  /** SNR above the noise floor at which a frame counts as speech when not speaking (default 9 dB). */
  onsetSnrDb?: number;
  /** Lower SNR that keeps it counting while speaking: hysteresis against flicker on soft word ends (default 5 dB). */
  sustainSnrDb?: number;
  /** Steepness of the SNR -> probability curve in dB (default 1.5). */
  slopeDb?: number;
  /** Below this band level nothing is speech, however quiet the room (default -65 dBFS). */
  minimumSpeechDbfs?: number;
  /** Noise floor is the quietest level over this window (default 5000 ms; it must span a pause in speech). */
  noiseWindowMs?: number;
  /** Noise floor assumed at the start (default -50 dBFS: a quiet room through a microphone). */
  initialNoiseFloorDbfs?: number;
  /**
   * Fastest rise of the noise floor (default 3 dB/s). The floor falls at once but rises
   * slowly, so a stream that starts with speech, or a long monologue, does not
   * mistake the speaker for noise; a louder room is learnt within seconds.
   */
  noiseRiseDbPerSecond?: number;
}

export interface EnergyDetectorFeatures {
  /** Voice-band RMS level of the last frame. */
  energyDbfs: number;
  /** Current noise floor estimate. */
  noiseFloorDbfs: number;
  /** energyDbfs - noiseFloorDbfs. */
  snrDb: number;
  probability: number;
}

/** Frames quieter than this are digital silence (dropouts, muted tracks) and never teach the noise floor. */
const DIGITAL_SILENCE_DBFS = -100;
/** The minimum of a noisy level under-reads its mean; this much is added back (measured on white noise, 30 ms frames). */
const MINIMUM_BIAS_DB = 1.5;
const BLOCK_SECONDS = 0.5;

/**
 * Model-free detector: voice-band energy (biquad filters) against a minimum-statistics
 * noise floor (the quietest frame of the last few seconds, rising no faster than a few dB/s), mapped to a
 * probability by a logistic curve whose midpoint drops while speaking (hysteresis).
 */
export class EnergyVoiceActivityDetector implements VoiceActivityDetector {
  private readonly sampleRate: number;
  private readonly onsetSnrDb: number;
  private readonly sustainSnrDb: number;
  private readonly slopeDb: number;
  private readonly minimumSpeechDbfs: number;
  private readonly initialNoiseFloorDbfs: number;
  private readonly noiseRiseDbPerSecond: number;
  /** Two cascaded sections: 4th order, -48 dB at 50 Hz mains hum. */
  private readonly highPass: Biquad;
  private readonly highPassSecond: Biquad;
  private readonly lowPass: Biquad;
  private readonly blockMinima: Float64Array;
  private blockIndex = 0;
  private noiseFloor = 0;
  private currentBlockMinimum = Infinity;
  private currentBlockSeconds = 0;
  private speaking = false;
  private features: EnergyDetectorFeatures = { energyDbfs: SILENCE_DBFS, noiseFloorDbfs: SILENCE_DBFS, snrDb: 0, probability: 0 };

  constructor(options: EnergyDetectorOptions = {}) {
    this.sampleRate = options.sampleRate ?? TARGET_SAMPLE_RATE;
    this.onsetSnrDb = options.onsetSnrDb ?? 9;
    this.sustainSnrDb = options.sustainSnrDb ?? 5;
    this.slopeDb = options.slopeDb ?? 1.5;
    this.minimumSpeechDbfs = options.minimumSpeechDbfs ?? -65;
    this.initialNoiseFloorDbfs = options.initialNoiseFloorDbfs ?? -50;
    this.noiseRiseDbPerSecond = options.noiseRiseDbPerSecond ?? 3;
    this.highPass = new Biquad('highpass', options.lowHz ?? 200, this.sampleRate);
    this.highPassSecond = new Biquad('highpass', options.lowHz ?? 200, this.sampleRate);
    this.lowPass = new Biquad('lowpass', Math.min(options.highHz ?? 4000, this.sampleRate * 0.45), this.sampleRate);
    this.blockMinima = new Float64Array(Math.max(1, Math.round((options.noiseWindowMs ?? 5000) / 1000 / BLOCK_SECONDS)));
    this.reset();
  }

  process(frame: Float32Array): number {
    let sum = 0;
    for (let index = 0; index < frame.length; index++) {
      const value = this.lowPass.step(this.highPassSecond.step(this.highPass.step(frame[index]!)));
      sum += value * value;
    }
    // After digital silence the filter state decays into subnormal numbers, which x86 computes slowly.
    this.highPass.flushTinyState();
    this.highPassSecond.flushTinyState();
    this.lowPass.flushTinyState();
    const energy = sum > 0 ? Math.max(SILENCE_DBFS, 10 * Math.log10(sum / Math.max(1, frame.length))) : SILENCE_DBFS;
    const noiseFloor = this.trackNoiseFloor(energy, frame.length / this.sampleRate);
    const snr = energy - noiseFloor;
    const midpoint = this.speaking ? this.sustainSnrDb : this.onsetSnrDb;
    let probability = logistic((snr - midpoint) / this.slopeDb);
    // Soft absolute gate, so a near-silent room does not turn breaths into speech.
    probability *= logistic((energy - this.minimumSpeechDbfs) / 2);
    this.speaking = probability >= 0.5;
    this.features = { energyDbfs: energy, noiseFloorDbfs: noiseFloor, snrDb: snr, probability };
    return probability;
  }

  /** What the last frame measured (for tuning and diagnostics). */
  get lastFeatures(): EnergyDetectorFeatures {
    return this.features;
  }

  reset(): void {
    this.highPass.reset();
    this.highPassSecond.reset();
    this.lowPass.reset();
    this.blockMinima.fill(Infinity);
    this.blockIndex = 0;
    this.noiseFloor = this.initialNoiseFloorDbfs;
    this.currentBlockMinimum = Infinity;
    this.currentBlockSeconds = 0;
    this.speaking = false;
  }

  private trackNoiseFloor(energy: number, seconds: number): number {
    if (energy > DIGITAL_SILENCE_DBFS && energy < this.currentBlockMinimum) this.currentBlockMinimum = energy;
    this.currentBlockSeconds += seconds;
    if (this.currentBlockSeconds >= BLOCK_SECONDS) {
      this.blockMinima[this.blockIndex] = this.currentBlockMinimum;
      this.blockIndex = (this.blockIndex + 1) % this.blockMinima.length;
      this.currentBlockMinimum = Infinity;
      this.currentBlockSeconds = 0;
    }
    let minimum = this.currentBlockMinimum;
    for (let index = 0; index < this.blockMinima.length; index++) minimum = Math.min(minimum, this.blockMinima[index]!);
    // Only digital silence in the window: nothing to learn, keep the floor.
    if (minimum === Infinity) return this.noiseFloor;
    this.noiseFloor = Math.min(minimum + MINIMUM_BIAS_DB, this.noiseFloor + this.noiseRiseDbPerSecond * seconds);
    return this.noiseFloor;
  }
}

function logistic(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

/** Second-order Butterworth section (RBJ audio EQ cookbook), transposed direct form II. */
class Biquad {
  private readonly b0: number;
  private readonly b1: number;
  private readonly b2: number;
  private readonly a1: number;
  private readonly a2: number;
  private z1 = 0;
  private z2 = 0;

  constructor(kind: 'highpass' | 'lowpass', frequency: number, sampleRate: number) {
    const omega = (2 * Math.PI * frequency) / sampleRate;
    const alpha = Math.sin(omega) / (2 * Math.SQRT1_2);
    const cosine = Math.cos(omega);
    const a0 = 1 + alpha;
    const gain = kind === 'lowpass' ? (1 - cosine) / 2 : (1 + cosine) / 2;
    this.b0 = gain / a0;
    this.b1 = (kind === 'lowpass' ? 2 * gain : -2 * gain) / a0;
    this.b2 = gain / a0;
    this.a1 = (-2 * cosine) / a0;
    this.a2 = (1 - alpha) / a0;
  }

  step(input: number): number {
    const output = this.b0 * input + this.z1;
    this.z1 = this.b1 * input - this.a1 * output + this.z2;
    this.z2 = this.b2 * input - this.a2 * output;
    return output;
  }

  flushTinyState(): void {
    if (Math.abs(this.z1) < 1e-20) this.z1 = 0;
    if (Math.abs(this.z2) < 1e-20) this.z2 = 0;
  }

  reset(): void {
    this.z1 = 0;
    this.z2 = 0;
  }
}
