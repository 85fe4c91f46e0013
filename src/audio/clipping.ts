/**
 * Clipping: the input was louder than full scale and the tops of the waveform
 * were cut off, which distorts speech and hurts recognition. A single sample at
 * full scale can be a legitimate peak; three or more in a row at the same sign
 * cannot (the usual rule in audio restoration tools). Detect it on the captured
 * signal before resampling, which smooths the flat tops away.
 */
import { StreamClock } from './stream-clock';

export interface ClippingSpan {
  /** Seconds from stream start. */
  start: number;
  end: number;
  /** Clipped samples in the span. */
  sampleCount: number;
}

export interface ClippingOptions {
  /** Run length that counts as clipping (default 3). */
  minRun?: number;
  /** |sample| at or above this is full scale (default 0.999: 16-bit +32767 decodes to 0.99997). */
  level?: number;
}

/** Finds runs of at least 3 consecutive same-sign samples at full scale (times in seconds from the start). */
export function detectClipping(samples: Float32Array, sampleRate: number = 16_000, options: ClippingOptions = {}): ClippingSpan[] {
  const detector = new ClippingDetector(sampleRate, options);
  return [...detector.push(samples, 0), ...detector.flush()];
}

/** Streaming clipping detector; runs that cross chunk boundaries are found too. */
export class ClippingDetector {
  private readonly minRun: number;
  private readonly level: number;
  private readonly clock: StreamClock;
  /** +1 or -1 while inside a full-scale run, else 0. */
  private runSign = 0;
  private runStart = 0;
  private runLength = 0;
  private total = 0;

  constructor(sampleRate: number, options: ClippingOptions = {}) {
    this.clock = new StreamClock(sampleRate);
    this.minRun = options.minRun ?? 3;
    this.level = options.level ?? 0.999;
  }

  /** Clipped samples seen since the start (a cheap figure for a "too loud" hint). */
  get clippedSamples(): number {
    return this.total;
  }

  /** Feeds samples; returns the clipped runs that ended within them. */
  push(samples: Float32Array, timeSeconds?: number): ClippingSpan[] {
    const spans: ClippingSpan[] = [];
    const first = this.clock.advance(samples.length, timeSeconds);
    const level = this.level;
    for (let index = 0; index < samples.length; index++) {
      const value = samples[index]!;
      const sign = value >= level ? 1 : value <= -level ? -1 : 0;
      if (sign !== 0 && sign === this.runSign) {
        this.runLength++;
        continue;
      }
      this.closeRun(first + index, spans);
      if (sign !== 0) {
        this.runSign = sign;
        this.runStart = first + index;
        this.runLength = 1;
      }
    }
    return spans;
  }

  /** Reports a run still open at the end of the stream, and resets. */
  flush(): ClippingSpan[] {
    const spans: ClippingSpan[] = [];
    this.closeRun(this.clock.totalSamples, spans);
    this.clock.reset();
    return spans;
  }

  private closeRun(endSample: number, spans: ClippingSpan[]): void {
    if (this.runSign !== 0 && this.runLength >= this.minRun) {
      spans.push({ start: this.clock.timeOf(this.runStart), end: this.clock.timeOf(endSample), sampleCount: this.runLength });
      this.total += this.runLength;
    }
    this.runSign = 0;
    this.runLength = 0;
  }
}
