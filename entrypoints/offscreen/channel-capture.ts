import { ChannelProcessor, type ChannelUpdate } from '../../src/audio';
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
}

/**
 * One speaker's audio: a MediaStream through an AudioWorklet into the pure DSP
 * chain of src/audio (resampling, VAD, dropouts, levels). Times are seconds from
 * the session's start, so both channels share one clock.
 */
export class ChannelCapture {
  private processor: ChannelProcessor;
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
  ) {
    this.processor = new ChannelProcessor({ inputRate: context.sampleRate });
    this.source = context.createMediaStreamSource(stream);
    this.node = new AudioWorkletNode(context, 'intervju-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
    this.node.port.onmessage = (message: MessageEvent<{ samples: Float32Array; time: number }>) => {
      if (this.paused) return;
      const start = this.sessionOffset + message.data.time;
      this.handle(this.processor.push(message.data.samples, start), start + message.data.samples.length / this.context.sampleRate);
    };
    this.source.connect(this.node);
  }

  /** A copy of the utterance under way at 16 kHz (for a provisional text), or null when nobody speaks. */
  utteranceSoFar(): Float32Array | null {
    return this.processor.segmenter.currentUtteranceSamples();
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

  /** Ends the utterance under way, so nothing said before a pause waits for after it. */
  pause(): void {
    this.paused = true;
    this.flush();
  }

  /** A fresh chain after a pause: the gap is deliberate, not a dropout. */
  resume(): void {
    this.processor = new ChannelProcessor({ inputRate: this.context.sampleRate });
    this.paused = false;
  }

  private flush(): void {
    const update = this.processor.flush();
    this.handle(update, update.utterances.at(-1)?.end ?? 0);
  }

  stop(): void {
    if (!this.paused) this.flush();
    this.paused = true;
    this.source.disconnect();
    this.node.port.onmessage = null;
  }
}
