/**
 * Gathers a detector's answers, push by push, into stretches of consecutive
 * frames to be stored (the store's speech track): a stretch closes once it holds
 * `maxSeconds`, so a crash loses at most that much of it, and wherever the next
 * frames do not follow on (a pause, the clock re-anchored across lost audio).
 */
import type { FrameProbabilities } from './utterance-segmenter';

/** Default stretch length: about 312 of Silero's frames, 1.2 KB of probabilities. */
export const SPEECH_STRETCH_SECONDS = 10;

export class FrameStretchCollector {
  private open: { start: number; frameSeconds: number; values: number[] } | null = null;

  constructor(private readonly maxSeconds = SPEECH_STRETCH_SECONDS) {}

  /** Adds one push's frames; returns the stretches this closed. */
  add(frames: FrameProbabilities): FrameProbabilities[] {
    const closed: FrameProbabilities[] = [];
    const open = this.open;
    const followsOn =
      open !== null &&
      open.frameSeconds === frames.frameSeconds &&
      Math.abs(open.start + open.values.length * open.frameSeconds - frames.start) < frames.frameSeconds / 2;
    if (!followsOn) {
      const finished = this.finish();
      if (finished) closed.push(finished);
      this.open = { start: frames.start, frameSeconds: frames.frameSeconds, values: [] };
    }
    for (const probability of frames.probabilities) {
      const current = this.open!;
      current.values.push(probability);
      if (current.values.length * current.frameSeconds >= this.maxSeconds - 1e-9) {
        closed.push(this.finish()!);
        this.open = { start: current.start + current.values.length * current.frameSeconds, frameSeconds: current.frameSeconds, values: [] };
      }
    }
    return closed;
  }

  /** Closes the stretch under way, if it holds any frame. */
  finish(): FrameProbabilities | null {
    const open = this.open;
    this.open = null;
    if (!open || open.values.length === 0) return null;
    return { start: open.start, frameSeconds: open.frameSeconds, probabilities: Float32Array.from(open.values) };
  }
}
