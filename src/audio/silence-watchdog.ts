/**
 * Warns when a channel has carried no sound for a long while: a muted
 * microphone, a tab whose call audio was lost, a headset that fell off. An
 * interview must not quietly record nothing for ten minutes.
 *
 * Note for the caller: a participant channel is legitimately quiet while the
 * interviewer talks, but it still carries room noise or comfort noise above
 * -60 dBFS from most call apps; pure digital silence for 20 s is the signal.
 */

export type SilenceState = 'ok' | 'silent';

export interface SilenceWatchdogOptions {
  /** Frames quieter than this count as silence (default -60 dBFS: below ordinary room noise through a microphone). */
  thresholdDbfs?: number;
  /** Continuous silence before the state turns 'silent' (default 20 000 ms: longer than any natural pause in a conversation). */
  warnAfterMs?: number;
  /** Sound must last this long to end a silence (default 200 ms), so a single click does not hide a muted microphone. */
  recoverAfterMs?: number;
}

export interface SilenceReport {
  state: SilenceState;
  /** Stream seconds when the current silence began, or null while there is sound. */
  silentSince: number | null;
  /** True when this update changed `state` (notify the UI once, not every frame). */
  changed: boolean;
}

/** Tracks frame levels over time and says when a channel has been silent for too long. */
export class SilenceWatchdog {
  private readonly thresholdDbfs: number;
  private readonly warnAfterSeconds: number;
  private readonly recoverAfterSeconds: number;
  private currentState: SilenceState = 'ok';
  private silenceStart: number | null = null;
  private soundStart: number | null = null;

  constructor(options: SilenceWatchdogOptions = {}) {
    this.thresholdDbfs = options.thresholdDbfs ?? -60;
    this.warnAfterSeconds = (options.warnAfterMs ?? 20_000) / 1000;
    this.recoverAfterSeconds = (options.recoverAfterMs ?? 200) / 1000;
  }

  /** Feeds the level of one frame (dBFS) and its stream time (seconds, non-decreasing). */
  update(levelDbfs: number, timeSeconds: number): SilenceReport {
    const before = this.currentState;
    if (levelDbfs < this.thresholdDbfs) {
      this.soundStart = null;
      if (this.silenceStart === null) this.silenceStart = timeSeconds;
      if (timeSeconds - this.silenceStart >= this.warnAfterSeconds) this.currentState = 'silent';
    } else if (this.silenceStart !== null) {
      this.soundStart ??= timeSeconds;
      // Only sound that lasts ends a silence: a single click must not hide a muted microphone.
      if (timeSeconds - this.soundStart >= this.recoverAfterSeconds) {
        this.currentState = 'ok';
        this.silenceStart = null;
        this.soundStart = null;
      }
    }
    return { state: this.currentState, silentSince: this.silenceStart, changed: this.currentState !== before };
  }

  get state(): SilenceState {
    return this.currentState;
  }

  /** Stream seconds when the current silence began, or null. */
  get silentSince(): number | null {
    return this.silenceStart;
  }

  reset(): void {
    this.currentState = 'ok';
    this.silenceStart = null;
    this.soundStart = null;
  }
}
