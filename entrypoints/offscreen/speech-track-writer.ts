import { FrameStretchCollector, type FrameProbabilities } from '../../src/audio';
import { appendSpeechTrack, type Channel, type IntervjuDatabase, type Vault } from '../../src/store';

/**
 * Keeps one channel's voice detection with its audio (the store's speech track),
 * ten seconds at a time, so the pass after the interview can cut the recording
 * without running Silero again (docs/final-pass.md). Only Silero's answers are
 * kept: once the call's detector falls back to the energy one, `abandon` stops
 * the writing, and the pass runs Silero over what is missing.
 */
export class SpeechTrackWriter {
  private readonly collector = new FrameStretchCollector();
  private writes: Promise<void> = Promise.resolve();
  private abandoned = false;

  constructor(private readonly target: { db: IntervjuDatabase; vault: Vault; sessionId: string; channel: Channel }) {}

  /** One push's frames, in session seconds. */
  add(frames: FrameProbabilities): void {
    if (this.abandoned) return;
    for (const stretch of this.collector.add(frames)) this.write(stretch);
  }

  /** Writes the stretch under way (at a pause, and at the end); resolves once everything is stored. */
  flush(): Promise<void> {
    const last = this.abandoned ? null : this.collector.finish();
    if (last) this.write(last);
    return this.writes;
  }

  /** The detector is no longer Silero: nothing more is kept, nor what was not yet written. */
  abandon(): void {
    this.abandoned = true;
    this.collector.finish();
  }

  private write(stretch: FrameProbabilities): void {
    const { db, vault, sessionId, channel } = this.target;
    // Chained, so a slow write never overlaps the next and a stop can wait for all of them.
    this.writes = this.writes.then(async () => {
      try {
        await appendSpeechTrack(db, vault, { sessionId, channel, ...stretch });
      } catch (cause) {
        // Not a problem for the researcher: the pass runs Silero over what is missing (a full
        // store is reported by the audio writer, which needs the space far more).
        console.warn('Intervju: voice detection not kept for the pass after the interview', cause);
      }
    });
  }
}
