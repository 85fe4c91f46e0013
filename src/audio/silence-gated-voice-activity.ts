/**
 * Skips the speech model on frames too quiet to hold speech. Silero costs about
 * a millisecond of the offscreen document's main thread per 32 ms frame in
 * Chromium (scripts/bench/capture-cpu.mjs), most of it onnxruntime-web's fixed
 * cost per run; the call tab is digitally silent whenever the participant is
 * (Zoom's and Teams' noise suppression), and a muted or idle microphone near
 * it. Below the floor the answer is "no speech" without running the model.
 *
 * The floor, -60 dBFS RMS, is far under any voice a microphone picks up
 * (conversational speech sits around -30 to -15 dBFS) and above digital
 * silence and a quiet room's self-noise. After a run of gated frames the model
 * starts again from a fresh state, as at the start of a stream: skipped frames
 * would otherwise leave it with a state from before the silence.
 */
import { rmsDbfs } from './levels';
import type { VoiceActivityDetector } from './voice-activity';

export interface SilenceGateOptions {
  /** RMS level (dBFS) under which a frame is not given to the model (default -60). */
  floorDbfs?: number;
  /** Gated frames after which the model's state is reset (default 10, 320 ms of Silero frames). */
  resetAfterFrames?: number;
}

/** `inner`, except on frames quieter than the floor, which get probability 0. */
export class SilenceGatedVoiceActivityDetector implements VoiceActivityDetector {
  private readonly floorDbfs: number;
  private readonly resetAfterFrames: number;
  private gatedRun = 0;
  /** Frames given to the model and frames skipped, for the benchmark and tests. */
  readonly counts = { modelled: 0, gated: 0 };

  constructor(
    private readonly inner: VoiceActivityDetector,
    options: SilenceGateOptions = {},
  ) {
    this.floorDbfs = options.floorDbfs ?? -60;
    this.resetAfterFrames = options.resetAfterFrames ?? 10;
  }

  get frameSize(): number | undefined {
    return this.inner.frameSize;
  }

  process(frame: Float32Array): number | Promise<number> {
    if (rmsDbfs(frame) < this.floorDbfs) {
      this.gatedRun++;
      this.counts.gated++;
      if (this.gatedRun === this.resetAfterFrames) this.inner.reset();
      return 0;
    }
    this.gatedRun = 0;
    this.counts.modelled++;
    return this.inner.process(frame);
  }

  reset(): void {
    this.gatedRun = 0;
    this.inner.reset();
  }
}
