import type { RawTranscription, RecordingChannel, WhisperLanguage } from '../messages';

/** What EarlyFinals needs of the transcription worker's client. */
export interface EarlyTranscriber {
  transcribe(request: {
    id: string;
    samples: Float32Array;
    offset: number;
    language: WhisperLanguage;
    wordTimestamps: boolean;
    shortContext?: boolean;
  }): Promise<RawTranscription>;
  cancel(id: string): void;
}

/** What EarlyFinals needs of a captured channel (the offscreen document's ChannelCapture). */
export interface SettlingChannel {
  readonly channel: RecordingChannel;
  /** UtteranceSegmenter.settledUtterance of the channel's stream. */
  settledUtterance(): { start: number; samples: Float32Array } | null;
}

export interface EarlyFinalsContext {
  sessionId: string;
  language: WhisperLanguage;
  transcriber: EarlyTranscriber;
  /** An early final started: provisional work must make way. */
  onStart(): void;
}

/**
 * Starts an utterance's final transcription as soon as its audio is settled (the
 * pause has lasted the padding, 192 ms) rather than when the segmenter emits it
 * (the pause has lasted 600 ms), so the final text comes about 400 ms sooner.
 * If speech resumes, the early start is cancelled at once; its result is used
 * only for an emitted utterance with the same start and length
 * (UtteranceSegmenter.settledUtterance).
 */
/**
 * The same audio, read twice from the segmenter: its start time may move by the
 * stream clock's re-anchoring between the two reads (capture blocks carry their
 * own timestamps), but by far less than a frame; the length is exact.
 */
const SAME_START_SECONDS = 0.01;

const sameAudio = (a: { start: number; length: number }, b: { start: number; length: number }) =>
  Math.abs(a.start - b.start) < SAME_START_SECONDS && a.length === b.length;

export class EarlyFinals {
  private readonly started = new Map<RecordingChannel, { id: string; start: number; length: number; result: Promise<RawTranscription> }>();
  private sequence = 0;

  constructor(private readonly context: EarlyFinalsContext) {}

  /** Early finals running or waiting for their utterance. */
  get count(): number {
    return this.started.size;
  }

  /** After each captured block of `capture`: start, keep or drop its early final. */
  consider(capture: SettlingChannel): void {
    const { channel } = capture;
    const settled = capture.settledUtterance();
    const current = this.started.get(channel);
    if (current && (!settled || !sameAudio(current, { start: settled.start, length: settled.samples.length }))) {
      // Speech resumed: this audio will not be the utterance.
      this.context.transcriber.cancel(current.id);
      this.started.delete(channel);
    }
    if (!settled || this.started.has(channel)) return;
    const id = `${this.context.sessionId}:${channel}:early:${this.sequence++}`;
    const length = settled.samples.length;
    const result = this.context.transcriber.transcribe({
      id,
      samples: settled.samples,
      offset: settled.start,
      language: this.context.language,
      wordTimestamps: true,
      // The live path: a short encoder context where the model was trained for it.
      shortContext: true,
    });
    // Observed here so a cancelled one is not an unhandled rejection; `take` hands the promise on.
    result.catch(() => undefined);
    this.started.set(channel, { id, start: settled.start, length, result });
    this.context.onStart();
  }

  /** The early transcription of the emitted `utterance`, if one matches it; any other is cancelled. */
  take(utterance: { channel: RecordingChannel; start: number; samples: Float32Array }): Promise<RawTranscription> | null {
    const current = this.started.get(utterance.channel);
    this.started.delete(utterance.channel);
    if (!current) return null;
    if (sameAudio(current, { start: utterance.start, length: utterance.samples.length })) return current.result;
    this.context.transcriber.cancel(current.id);
    return null;
  }
}
