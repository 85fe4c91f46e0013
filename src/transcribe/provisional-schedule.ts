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
 */

export interface ProvisionalScheduleOptions {
  /** Seconds of an utterance before its first provisional text. */
  firstAfterSeconds?: number;
  /** Seconds between provisional texts of one utterance. */
  everySeconds?: number;
}

export const DEFAULT_PROVISIONAL_FIRST_AFTER_SECONDS = 3;
export const DEFAULT_PROVISIONAL_EVERY_SECONDS = 3;

/** Per channel: which utterance had a provisional text, and until when it covered it. */
export class ProvisionalSchedule<Channel extends string> {
  private readonly firstAfter: number;
  private readonly every: number;
  private readonly covered = new Map<Channel, { utteranceStart: number; until: number }>();

  constructor(options: ProvisionalScheduleOptions = {}) {
    this.firstAfter = options.firstAfterSeconds ?? DEFAULT_PROVISIONAL_FIRST_AFTER_SECONDS;
    this.every = options.everySeconds ?? DEFAULT_PROVISIONAL_EVERY_SECONDS;
  }

  /**
   * Whether to transcribe `channel`'s utterance under way now. `utteranceStart` and
   * `now` are stream seconds (null start: nobody speaking); `busy`: a transcription runs or waits.
   */
  due(channel: Channel, utteranceStart: number | null, now: number, busy: boolean): boolean {
    if (utteranceStart === null || busy) return false;
    const previous = this.covered.get(channel);
    const sameUtterance = previous !== undefined && previous.utteranceStart === utteranceStart;
    if (!sameUtterance) return now - utteranceStart >= this.firstAfter;
    return now - previous.until >= this.every;
  }

  /** Records a provisional transcription of `channel`'s utterance from `utteranceStart` up to `until`. */
  started(channel: Channel, utteranceStart: number, until: number): void {
    this.covered.set(channel, { utteranceStart, until });
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
