/**
 * Fixed-length analysis frames. 30 ms at 16 kHz (480 samples) is the frame
 * WebRTC's VAD uses, and what the level meter, the silence watchdog and the
 * energy detector work on: short enough to place an utterance boundary within one
 * frame, long enough for a stable energy estimate. A detector with a frame of its
 * own (Silero: 512 samples, 32 ms) sets the segmenter's frame instead.
 */
import { TARGET_SAMPLE_RATE } from './resample';

/** Default analysis frame length in milliseconds. */
export const FRAME_MS = 30;

/** Default analysis frame length in samples at 16 kHz (480). */
export const FRAME_SIZE = (TARGET_SAMPLE_RATE * FRAME_MS) / 1000;

/** Number of samples in `milliseconds` at `sampleRate`, rounded. */
export function samplesFor(milliseconds: number, sampleRate: number = TARGET_SAMPLE_RATE): number {
  return Math.round((milliseconds * sampleRate) / 1000);
}

/** Splits a whole signal into full frames (views, not copies) every `hopSize` samples. */
export function splitIntoFrames(samples: Float32Array, frameSize: number = FRAME_SIZE, hopSize: number = frameSize): Float32Array[] {
  if (frameSize <= 0 || hopSize <= 0) throw new Error('Frame and hop sizes must be positive');
  const frames: Float32Array[] = [];
  for (let start = 0; start + frameSize <= samples.length; start += hopSize) frames.push(samples.subarray(start, start + frameSize));
  return frames;
}

/**
 * Re-blocks a stream of arbitrary chunks into frames of `frameSize` samples every
 * `hopSize` samples. The frame passed to the callback is a reused buffer: copy it
 * if you keep it (avoids one allocation per frame on a live, hour-long stream).
 */
export class FrameAccumulator {
  readonly frameSize: number;
  readonly hopSize: number;
  private readonly frame: Float32Array;
  private filled = 0;
  /** Samples still to skip before filling, when the hop is longer than the frame. */
  private skip = 0;
  /** Samples at the frame's start that an earlier frame already covered (overlap). */
  private carried = 0;
  /** Index (in samples since the start) of the first sample of the frame being filled. */
  private frameStart = 0;

  constructor(frameSize: number = FRAME_SIZE, hopSize: number = frameSize) {
    if (frameSize <= 0 || hopSize <= 0) throw new Error('Frame and hop sizes must be positive');
    this.frameSize = frameSize;
    this.hopSize = hopSize;
    this.frame = new Float32Array(frameSize);
  }

  /** Adds samples; calls `onFrame(frame, startSample)` for each frame completed. */
  push(samples: Float32Array, onFrame: (frame: Float32Array, startSample: number) => void): void {
    for (const { frame, startSample } of this.frames(samples)) onFrame(frame, startSample);
  }

  /**
   * Adds samples and yields each frame completed, one at a time, so a consumer can
   * await an asynchronous detector between frames (the frame buffer is not touched
   * while the generator is suspended). Leaving the loop early still moves on past
   * the frame last yielded; the samples after it are dropped.
   */
  *frames(samples: Float32Array): Generator<{ frame: Float32Array; startSample: number }, void, undefined> {
    let offset = 0;
    while (offset < samples.length) {
      if (this.skip > 0) {
        const skipped = Math.min(this.skip, samples.length - offset);
        this.skip -= skipped;
        offset += skipped;
        continue;
      }
      const take = Math.min(this.frameSize - this.filled, samples.length - offset);
      this.frame.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.frameSize) {
        try {
          yield { frame: this.frame, startSample: this.frameStart };
        } finally {
          this.advance();
        }
      }
    }
  }

  /** Samples received that no frame has covered yet. */
  get pending(): number {
    return this.filled - this.carried;
  }

  /** A copy of the samples no frame has covered yet (for flushing the tail of a stream). */
  pendingSamples(): Float32Array {
    return this.frame.slice(this.carried, this.filled);
  }

  /** After a full frame: the next one starts a hop later, keeping the overlap or skipping the gap. */
  private advance(): void {
    this.frameStart += this.hopSize;
    if (this.hopSize < this.frameSize) {
      // Overlap: keep the tail as the start of the next frame.
      this.frame.copyWithin(0, this.hopSize, this.frameSize);
      this.filled = this.frameSize - this.hopSize;
      this.carried = this.filled;
    } else {
      this.filled = 0;
      this.carried = 0;
      this.skip = this.hopSize - this.frameSize;
    }
  }

  /** Forgets pending samples and restarts sample counting at 0. */
  reset(): void {
    this.filled = 0;
    this.carried = 0;
    this.skip = 0;
    this.frameStart = 0;
  }
}
