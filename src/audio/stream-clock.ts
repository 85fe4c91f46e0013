/**
 * Maps sample counts to stream seconds. Callers may pass the capture time of a
 * chunk (an AudioWorklet's currentTime, or seconds since recording began); the
 * clock re-anchors on it, so a chunk lost upstream does not shift every later
 * timestamp. Without times, time simply follows the sample count.
 */
export class StreamClock {
  readonly sampleRate: number;
  private total = 0;
  private anchorSample = 0;
  private anchorSeconds = 0;

  constructor(sampleRate: number) {
    this.sampleRate = sampleRate;
  }

  /** Samples seen so far; the index the next chunk starts at. */
  get totalSamples(): number {
    return this.total;
  }

  /** Stream time at which the next chunk is expected to start. */
  get expectedSeconds(): number {
    return this.timeOf(this.total);
  }

  /** Registers the next chunk of `length` samples, starting at `timeSeconds` if known; returns its first index. */
  advance(length: number, timeSeconds?: number): number {
    const first = this.total;
    if (timeSeconds !== undefined) {
      this.anchorSample = first;
      this.anchorSeconds = timeSeconds;
    }
    this.total += length;
    return first;
  }

  /** Stream seconds of the sample with absolute index `sample`. */
  timeOf(sample: number): number {
    return this.anchorSeconds + (sample - this.anchorSample) / this.sampleRate;
  }

  reset(): void {
    this.total = 0;
    this.anchorSample = 0;
    this.anchorSeconds = 0;
  }
}
