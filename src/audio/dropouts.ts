/**
 * Dropouts: stretches where the audio itself is missing, as opposed to someone
 * being quiet. A lost network packet, a muted or stalled track, or a capture
 * hiccup shows up as exact digital zeros between sound, or as a jump in the
 * capture clock. Real rooms and even noise-suppressed calls are never exactly
 * zero while a person talks, so a run of zeros with sound on both sides is lost
 * audio: the transcript there must read [uklart], never a guess.
 */
import { StreamClock } from './stream-clock';
import { TARGET_SAMPLE_RATE } from './resample';

/** 'digital-silence': samples present but (near) zero; 'gap': samples missing, the capture clock jumped. */
export type DropoutKind = 'digital-silence' | 'gap';

export interface DropoutSpan {
  /** Seconds from stream start. */
  start: number;
  end: number;
  kind: DropoutKind;
}

export interface DropoutOptions {
  sampleRate?: number;
  /** Shortest run reported (default 100 ms: shorter zero runs occur at codec frame edges). */
  minMs?: number;
  /** Absolute level below which a sample counts as zero (default 1e-6, about -120 dBFS). */
  silenceLevel?: number;
}

/** Finds runs of digital silence of at least minMs with signal on both sides (times in seconds from the start). */
export function detectDropouts(samples: Float32Array, sampleRate: number, options: Omit<DropoutOptions, 'sampleRate'> = {}): DropoutSpan[] {
  const detector = new DropoutDetector({ ...options, sampleRate });
  return detector.push(samples, 0);
}

/**
 * Streaming dropout detector. A digital-silence span is reported once sound
 * resumes after it (so a stream that simply ends in silence reports nothing);
 * `silentSince` reveals one still in progress. A gap is reported when a chunk's
 * time lies at least minMs past where the previous chunk ended.
 */
export class DropoutDetector {
  readonly sampleRate: number;
  private readonly minSamples: number;
  private readonly minSeconds: number;
  private readonly silenceLevel: number;
  private readonly clock: StreamClock;
  private seenSignal = false;
  /** Absolute index where the current zero run began, or -1. */
  private runStart = -1;
  private runStartSeconds = 0;

  constructor(options: DropoutOptions = {}) {
    this.sampleRate = options.sampleRate ?? TARGET_SAMPLE_RATE;
    this.minSeconds = (options.minMs ?? 100) / 1000;
    this.minSamples = Math.max(1, Math.round(this.minSeconds * this.sampleRate));
    this.silenceLevel = options.silenceLevel ?? 1e-6;
    this.clock = new StreamClock(this.sampleRate);
  }

  /** Feeds samples; `timeSeconds` is the stream time of the first one, if known. Returns spans completed now. */
  push(samples: Float32Array, timeSeconds?: number): DropoutSpan[] {
    const spans: DropoutSpan[] = [];
    const expected = this.clock.expectedSeconds;
    const first = this.clock.advance(samples.length, timeSeconds);
    if (timeSeconds !== undefined && this.seenSignal && first > 0 && timeSeconds - expected >= this.minSeconds) {
      spans.push({ start: expected, end: timeSeconds, kind: 'gap' });
    }
    const level = this.silenceLevel;
    for (let index = 0; index < samples.length; index++) {
      const value = samples[index]!;
      if (value < level && value > -level) {
        if (this.runStart < 0) {
          this.runStart = first + index;
          this.runStartSeconds = this.clock.timeOf(this.runStart);
        }
        continue;
      }
      if (this.runStart >= 0) {
        if (this.seenSignal && first + index - this.runStart >= this.minSamples) {
          spans.push({ start: this.runStartSeconds, end: this.clock.timeOf(first + index), kind: 'digital-silence' });
        }
        this.runStart = -1;
      }
      this.seenSignal = true;
    }
    return spans;
  }

  /** Start (seconds) of digital silence that has lasted at least minMs after sound and is still going, else null. */
  get silentSince(): number | null {
    if (!this.seenSignal || this.runStart < 0) return null;
    return this.clock.totalSamples - this.runStart >= this.minSamples ? this.runStartSeconds : null;
  }

  /** Forgets the stream. */
  reset(): void {
    this.clock.reset();
    this.seenSignal = false;
    this.runStart = -1;
  }
}
