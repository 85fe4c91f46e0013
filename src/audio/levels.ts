/**
 * Signal levels: RMS and peak in dBFS, and a smoothed level for the UI meter.
 * dBFS here is relative to a full-scale square wave (RMS 1), so a full-scale
 * sine reads -3 dBFS RMS and 0 dBFS peak.
 */

/** Level reported for digital silence, instead of -Infinity (which JSON cannot carry). */
export const SILENCE_DBFS = -120;

/** Root mean square of samples[start..end) (0 for an empty range). */
export function rms(samples: Float32Array, start = 0, end = samples.length): number {
  if (end <= start) return 0;
  let sum = 0;
  for (let index = start; index < end; index++) {
    const value = samples[index]!;
    sum += value * value;
  }
  return Math.sqrt(sum / (end - start));
}

/** Largest absolute sample value in samples[start..end). */
export function peak(samples: Float32Array, start = 0, end = samples.length): number {
  let largest = 0;
  for (let index = start; index < end; index++) {
    const value = Math.abs(samples[index]!);
    if (value > largest) largest = value;
  }
  return largest;
}

/** Converts a linear amplitude to dBFS, floored at SILENCE_DBFS. */
export function amplitudeToDbfs(amplitude: number): number {
  return amplitude > 0 ? Math.max(SILENCE_DBFS, 20 * Math.log10(amplitude)) : SILENCE_DBFS;
}

/** RMS level in dBFS (SILENCE_DBFS for digital silence). */
export function rmsDbfs(samples: Float32Array, start = 0, end = samples.length): number {
  return amplitudeToDbfs(rms(samples, start, end));
}

/** Peak level in dBFS (SILENCE_DBFS for digital silence). */
export function peakDbfs(samples: Float32Array, start = 0, end = samples.length): number {
  return amplitudeToDbfs(peak(samples, start, end));
}

export interface LevelMeterOptions {
  sampleRate?: number;
  /** Level shown as empty (default -60 dBFS: below that is room noise at best). */
  floorDbfs?: number;
  /** How fast the bar falls after a loud sound, in dB per second (default 24, like a PPM meter). */
  fallDbPerSecond?: number;
  /** How long the peak marker stays before it falls (default 1500 ms). */
  peakHoldMs?: number;
}

export interface MeterReading {
  /** Smoothed RMS level, 0 (floor or quieter) .. 1 (0 dBFS). */
  level: number;
  /** Held peak marker on the same 0..1 scale. */
  peak: number;
  /** Raw RMS of the last frame in dBFS. */
  dbfs: number;
  /** True if the last frame touched full scale (±1): the input is too loud. */
  clipped: boolean;
}

/**
 * Level meter for a UI bar: rises at once, falls at a fixed rate, with a peak
 * marker that holds. Time advances by each frame's duration, so no clock is needed.
 */
export class LevelMeter {
  private readonly sampleRate: number;
  private readonly floorDbfs: number;
  private readonly fallDbPerSecond: number;
  private readonly peakHoldSeconds: number;
  private levelDbfs = SILENCE_DBFS;
  private peakDbfsHeld = SILENCE_DBFS;
  private peakAge = 0;
  private last: MeterReading = { level: 0, peak: 0, dbfs: SILENCE_DBFS, clipped: false };

  constructor(options: LevelMeterOptions = {}) {
    this.sampleRate = options.sampleRate ?? 16_000;
    this.floorDbfs = options.floorDbfs ?? -60;
    this.fallDbPerSecond = options.fallDbPerSecond ?? 24;
    this.peakHoldSeconds = (options.peakHoldMs ?? 1500) / 1000;
  }

  /** Feeds one frame of samples and returns the new reading. */
  update(frame: Float32Array): MeterReading {
    const seconds = frame.length / this.sampleRate;
    const dbfs = rmsDbfs(frame);
    const fallen = this.levelDbfs - this.fallDbPerSecond * seconds;
    this.levelDbfs = Math.max(dbfs, fallen);
    this.peakAge += seconds;
    if (this.levelDbfs >= this.peakDbfsHeld) {
      this.peakDbfsHeld = this.levelDbfs;
      this.peakAge = 0;
    } else if (this.peakAge > this.peakHoldSeconds) {
      this.peakDbfsHeld = Math.max(this.levelDbfs, this.peakDbfsHeld - this.fallDbPerSecond * seconds);
    }
    this.last = {
      level: this.toScale(this.levelDbfs),
      peak: this.toScale(this.peakDbfsHeld),
      dbfs,
      clipped: peak(frame) >= 1,
    };
    return this.last;
  }

  /** The last reading (all zero before the first frame). */
  get reading(): MeterReading {
    return this.last;
  }

  /** Drops the held level and peak, e.g. when a channel restarts. */
  reset(): void {
    this.levelDbfs = SILENCE_DBFS;
    this.peakDbfsHeld = SILENCE_DBFS;
    this.peakAge = 0;
    this.last = { level: 0, peak: 0, dbfs: SILENCE_DBFS, clipped: false };
  }

  private toScale(dbfs: number): number {
    return Math.min(1, Math.max(0, (dbfs - this.floorDbfs) / -this.floorDbfs));
  }
}
