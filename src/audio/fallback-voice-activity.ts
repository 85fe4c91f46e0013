/**
 * A detector that falls back to another when it fails. Live recording runs
 * Silero in onnxruntime-web; if a run ever throws (the WASM instance out of
 * memory, a lost runtime), the rest of the interview must still be cut into
 * utterances, so from that frame on the energy detector answers instead.
 */
import type { VoiceActivityDetector } from './voice-activity';

/** `primary` until it fails once, then `fallback` for good (`onFailure` is told once). */
export class FallbackVoiceActivityDetector implements VoiceActivityDetector {
  private failed = false;

  constructor(
    private readonly primary: VoiceActivityDetector,
    private readonly fallback: VoiceActivityDetector,
    private readonly onFailure: (cause: unknown) => void = () => undefined,
  ) {}

  /** The primary's frame: the fallback must accept it (the energy detector takes any length). */
  get frameSize(): number | undefined {
    return this.primary.frameSize;
  }

  process(frame: Float32Array): number | Promise<number> {
    if (this.failed) return this.fallback.process(frame);
    try {
      const answer = this.primary.process(frame);
      if (typeof answer === 'number') return answer;
      return answer.catch((cause: unknown) => this.fail(cause, frame));
    } catch (cause) {
      return this.fail(cause, frame);
    }
  }

  reset(): void {
    if (!this.failed) this.primary.reset();
    this.fallback.reset();
  }

  private fail(cause: unknown, frame: Float32Array): number | Promise<number> {
    if (!this.failed) this.onFailure(cause);
    this.failed = true;
    return this.fallback.process(frame);
  }
}
