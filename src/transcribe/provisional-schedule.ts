/**
 * When to transcribe the utterance still under way, for a provisional text.
 *
 * A final text comes only when the speaker pauses; a participant telling a long
 * story may talk for the whole 25 s an utterance may last before the cut. A
 * provisional text of what was said so far lets the interviewer follow, and is
 * replaced by the final one. It costs a transcription the final repeats, so it
 * runs only where it helps: once the utterance has gone on for a while, again
 * only after as long again, and never while a final waits (finals come first:
 * they are what is kept). The [uklart] policy applies to it as to a final.
 *
 * It also keeps to a duty cycle: after a provisional transcription that took
 * t seconds, the next waits at least `restFactor` × t. A long monologue would
 * otherwise keep the worker busy without pause, on a 2-core machine that also
 * runs the video call (finals are never held back by this).
 */

export interface ProvisionalScheduleOptions {
  /** Seconds of an utterance before its first provisional text. */
  firstAfterSeconds?: number;
  /** Seconds between provisional texts of one utterance. */
  everySeconds?: number;
  /** After a provisional transcription that took t seconds, none for restFactor × t (default 2: at most a third of the time). */
  restFactor?: number;
}

export const DEFAULT_PROVISIONAL_FIRST_AFTER_SECONDS = 3;
export const DEFAULT_PROVISIONAL_EVERY_SECONDS = 3;
export const DEFAULT_PROVISIONAL_REST_FACTOR = 2;

/** Per channel: which utterance had a provisional text, and until when it covered it. */
export class ProvisionalSchedule<Channel extends string> {
  private readonly firstAfter: number;
  private readonly every: number;
  private readonly restFactor: number;
  private readonly covered = new Map<Channel, { utteranceStart: number; until: number }>();
  /** Stream time before which no provisional transcription starts (the duty cycle). */
  private restUntil = -Infinity;

  constructor(options: ProvisionalScheduleOptions = {}) {
    this.firstAfter = options.firstAfterSeconds ?? DEFAULT_PROVISIONAL_FIRST_AFTER_SECONDS;
    this.every = options.everySeconds ?? DEFAULT_PROVISIONAL_EVERY_SECONDS;
    this.restFactor = options.restFactor ?? DEFAULT_PROVISIONAL_REST_FACTOR;
  }

  /**
   * Whether to transcribe `channel`'s utterance under way now. `utteranceStart` and
   * `now` are stream seconds (null start: nobody speaking); `busy`: a transcription runs or waits.
   */
  due(channel: Channel, utteranceStart: number | null, now: number, busy: boolean): boolean {
    if (utteranceStart === null || busy || now < this.restUntil) return false;
    const previous = this.covered.get(channel);
    const sameUtterance = previous !== undefined && previous.utteranceStart === utteranceStart;
    if (!sameUtterance) return now - utteranceStart >= this.firstAfter;
    return now - previous.until >= this.every;
  }

  /** Records a provisional transcription of `channel`'s utterance from `utteranceStart` up to `until`. */
  started(channel: Channel, utteranceStart: number, until: number): void {
    this.covered.set(channel, { utteranceStart, until });
  }

  /** A provisional transcription ended at stream time `now` after `tookSeconds` (done, failed or cancelled). */
  finished(now: number, tookSeconds: number): void {
    this.restUntil = now + this.restFactor * tookSeconds;
  }

  /** Whether a provisional result for the utterance from `utteranceStart` is still worth showing. */
  isCurrent(channel: Channel, utteranceStart: number): boolean {
    return this.covered.get(channel)?.utteranceStart === utteranceStart;
  }

  /** The channel's utterance ended (its final text is on the way): later provisional results are stale. */
  ended(channel: Channel): void {
    this.covered.delete(channel);
  }
}
