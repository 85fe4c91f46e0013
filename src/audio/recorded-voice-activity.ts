/**
 * A detector that answers from what a detector already said of the same audio:
 * the call's Silero probabilities, kept with the recording (the store's speech
 * track). The pass after the interview cuts an hour of stored audio per channel;
 * running Silero over it again costs a core for a minute or more, beside the
 * transcription that needs it. Where nothing was kept for a frame (an imported
 * file, a crash that lost the last seconds, a call whose detector fell back to
 * the energy one, a restored backup) the fallback detector answers instead.
 *
 * The recorded probabilities came from the call's own audio, before Opus: the
 * same model on a cleaner signal than the pass decodes from the store.
 */
import type { FrameProbabilities } from './utterance-segmenter';
import type { VoiceActivityDetector } from './voice-activity';

export interface RecordedVoiceActivityOptions {
  /** Consecutive frames as the call's detector answered them, in the track's time, sorted by start. */
  track: readonly FrameProbabilities[];
  /** Seconds of the audio being cut at its first frame (the cut may start mid-recording). */
  startSeconds: number;
  /** A time in the audio being cut → the track's time (the pass: decoded seconds → session seconds). */
  trackTime: (seconds: number) => number;
  /**
   * Answers where the track has nothing. Its frame, if it has one (Silero), is
   * this detector's frame; one that takes any length (the energy detector, where
   * Silero could not be loaded) is given the track's.
   */
  fallback: VoiceActivityDetector;
  sampleRate: number;
}

/** The track's answer for each frame where it has one (by the frame's middle), else the fallback's. */
export class RecordedVoiceActivityDetector implements VoiceActivityDetector {
  readonly frameSize: number | undefined;
  /** Frames answered from the track and by the fallback, for the benchmark and tests. */
  readonly counts = { recorded: 0, detected: 0 };
  private readonly track: readonly FrameProbabilities[];
  private frame = 0;

  constructor(private readonly options: RecordedVoiceActivityOptions) {
    const trackFrame = options.track[0] && Math.round(options.track[0].frameSeconds * options.sampleRate);
    const frameSize = options.fallback.frameSize ?? trackFrame;
    this.frameSize = frameSize;
    // A track of another frame length (the energy detector's 30 ms) is another detector's judgement.
    this.track =
      frameSize === undefined ? [] : options.track.filter((stretch) => Math.abs(stretch.frameSeconds - frameSize / options.sampleRate) < 1e-6);
  }

  process(frame: Float32Array): number | Promise<number> {
    const { startSeconds, sampleRate, trackTime } = this.options;
    // Without a frame length there is no track to answer from (filtered out above).
    const recorded = this.frameSize === undefined ? null : this.recordedAt(trackTime(startSeconds + ((this.frame + 0.5) * this.frameSize) / sampleRate));
    this.frame++;
    if (recorded !== null) {
      this.counts.recorded++;
      return recorded;
    }
    this.counts.detected++;
    return this.options.fallback.process(frame);
  }

  /** Forgets the stream: the next frame is the first again. */
  reset(): void {
    this.frame = 0;
    this.options.fallback.reset();
  }

  /** The probability of the recorded frame that holds `time`, or null where none does. */
  private recordedAt(time: number): number | null {
    // The last stretch that starts at or before `time` (binary search: an hour is about a thousand stretches).
    let low = 0;
    let high = this.track.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.track[middle]!.start <= time) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (found < 0) return null;
    const stretch = this.track[found]!;
    const index = Math.floor((time - stretch.start) / stretch.frameSeconds);
    return index < stretch.probabilities.length ? stretch.probabilities[index]! : null;
  }
}
