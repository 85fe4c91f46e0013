import { ChannelProcessor, type ChannelUpdate, type VoiceActivityDetector } from '../../src/audio';
import type { Channel } from '../../src/store';

export interface CapturedUtterance {
  channel: Channel;
  /** Seconds from session start. */
  start: number;
  end: number;
  samples: Float32Array;
  speechRatio: number;
}

export interface ChannelCaptureEvents {
  onUtterance(utterance: CapturedUtterance): void;
  /** After each captured block; `now` is the session time of its end. */
  onUpdate(capture: ChannelCapture, update: ChannelUpdate, now: number): void;
  /** A block or flush could not be processed; capture goes on with the next block. */
  onFailure(cause: unknown): void;
}

/**
 * One speaker's audio: a MediaStream through an AudioWorklet into the pure DSP
 * chain of src/audio (resampling, VAD, dropouts, levels). Times are seconds from
 * the session's start, so both channels share one clock.
 *
 * The chain is asynchronous (Silero runs in onnxruntime) and must see one block
 * at a time, in order: every push and flush goes through one promise chain.
 */
export class ChannelCapture {
  /** The chain for blocks captured now (a new one after a pause); ready once the detector is. */
  private processor: Promise<ChannelProcessor>;
  /** The same chain once ready, for the synchronous looks at the utterance under way. */
  private ready: ChannelProcessor | null = null;
  /** The last queued push or flush; the next one starts when it has settled. */
  private pending: Promise<void> = Promise.resolve();
  private readonly source: MediaStreamAudioSourceNode;
  private readonly node: AudioWorkletNode;
  private paused = false;
  /** Dropouts seen on this channel (seconds from session start), for the [uklart] policy. */
  readonly dropouts: { start: number; end: number }[] = [];
  /** Where this channel's speaker talked (VAD utterances), to find crosstalk. */
  readonly heard: { start: number; end: number }[] = [];

  constructor(
    readonly channel: Channel,
    readonly stream: MediaStream,
    private readonly context: AudioContext,
    /** Session seconds at the context's time zero. */
    private readonly sessionOffset: number,
    private readonly events: ChannelCaptureEvents,
    /**
     * This channel's own detector (it keeps state; reused after a pause), or undefined
     * for the energy detector. Blocks captured while it loads wait in the queue.
     */
    private readonly detector: Promise<VoiceActivityDetector | undefined>,
  ) {
    this.processor = this.newProcessor();
    this.source = context.createMediaStreamSource(stream);
    this.node = new AudioWorkletNode(context, 'intervju-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
    this.node.port.onmessage = (message: MessageEvent<{ samples: Float32Array; time: number }>) => {
      if (this.paused) return;
      const { samples } = message.data;
      const start = this.sessionOffset + message.data.time;
      const end = start + samples.length / this.context.sampleRate;
      // The processor of now: after a pause and resume, blocks still queued belong to the old one.
      const processor = this.processor;
      void this.serially(async () => this.handle(await (await processor).push(samples, start), end));
    };
    this.source.connect(this.node);
  }

  /** The utterance under way as it will be emitted if the pause under way goes on (see UtteranceSegmenter), or null. */
  settledUtterance(): { start: number; samples: Float32Array } | null {
    return this.ready?.segmenter.settledUtterance() ?? null;
  }

  /** A copy of the utterance under way at 16 kHz (for a provisional text), or null when nobody speaks. */
  utteranceSoFar(): Float32Array | null {
    return this.ready?.segmenter.currentUtteranceSamples() ?? null;
  }

  private handle(update: ChannelUpdate, now: number): void {
    for (const dropout of update.dropouts) this.dropouts.push({ start: dropout.start, end: dropout.end });
    for (const utterance of update.utterances) {
      this.heard.push({ start: utterance.start, end: utterance.end });
      this.events.onUtterance({
        channel: this.channel,
        start: utterance.start,
        end: utterance.end,
        samples: utterance.samples,
        speechRatio: utterance.speechRatio,
      });
    }
    this.events.onUpdate(this, update, now);
  }

  /**
   * Ends the utterance under way, so nothing said before a pause waits for after
   * it. Blocks captured from now on are dropped; resolves once the blocks already
   * queued and the flush are processed (the last utterance has gone to onUtterance).
   */
  pause(): Promise<void> {
    this.paused = true;
    return this.flush();
  }

  /** A fresh chain after a pause: the gap is deliberate, not a dropout. */
  resume(): void {
    this.processor = this.newProcessor();
    this.paused = false;
  }

  /** Stops capturing at once; resolves when everything captured before has been processed and flushed. */
  stop(): Promise<void> {
    const flushed = this.paused ? this.pending : this.flush();
    this.paused = true;
    this.source.disconnect();
    this.node.port.onmessage = null;
    return flushed;
  }

  private flush(): Promise<void> {
    const processor = this.processor;
    return this.serially(async () => {
      const update = await (await processor).flush();
      this.handle(update, update.utterances.at(-1)?.end ?? 0);
    });
  }

  private newProcessor(): Promise<ChannelProcessor> {
    const processor = this.detector.then((detector) => new ChannelProcessor({ inputRate: this.context.sampleRate, segmenter: { detector } }));
    void processor.then((ready) => (this.ready = ready), () => undefined);
    return processor;
  }

  /** Runs `step` after every step queued before it; a failed step is reported and does not stop the next. */
  private serially(step: () => Promise<void>): Promise<void> {
    this.pending = this.pending.then(step).catch((cause: unknown) => this.events.onFailure(cause));
    return this.pending;
  }
}
