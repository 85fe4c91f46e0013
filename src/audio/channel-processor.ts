/**
 * Everything one captured channel goes through, in one object: downmix,
 * clipping and dropout checks on the captured signal, resampling to 16 kHz, the
 * level meter and silence watchdog per 30 ms frame, and utterance segmentation
 * in the voice activity detector's frames (32 ms for Silero). The offscreen
 * document keeps one per channel (microphone = interviewer, tab = participant)
 * and feeds it the AudioWorklet's blocks.
 *
 * push() and flush() are asynchronous because a model-based detector is; they
 * must not interleave (await each before the next call).
 */
import { ClippingDetector, type ClippingSpan } from './clipping';
import { DropoutDetector, type DropoutOptions, type DropoutSpan } from './dropouts';
import { FRAME_SIZE, FrameAccumulator } from './frames';
import { LevelMeter, type LevelMeterOptions, type MeterReading, rmsDbfs } from './levels';
import { downmixToMono, type ResamplerOptions, StreamingResampler, TARGET_SAMPLE_RATE } from './resample';
import { SilenceWatchdog, type SilenceReport, type SilenceWatchdogOptions } from './silence-watchdog';
import { type FrameProbabilities, type Utterance, UtteranceSegmenter, type UtteranceSegmenterOptions } from './utterance-segmenter';

export interface ChannelProcessorOptions {
  /** Rate of the captured audio (an AudioContext's sampleRate, or a file's). */
  inputRate: number;
  resampler?: ResamplerOptions;
  segmenter?: Omit<UtteranceSegmenterOptions, 'sampleRate'>;
  dropouts?: Omit<DropoutOptions, 'sampleRate'>;
  meter?: Omit<LevelMeterOptions, 'sampleRate'>;
  watchdog?: SilenceWatchdogOptions;
}

export interface ChannelUpdate {
  /** Utterances completed by this chunk, times in stream seconds, audio at 16 kHz. */
  utterances: Utterance[];
  /** Dropouts completed by this chunk (stream seconds). */
  dropouts: DropoutSpan[];
  /** Clipped runs completed by this chunk (stream seconds). */
  clipping: ClippingSpan[];
  /** Level meter after the last full frame. */
  meter: MeterReading;
  /** Silence watchdog after the last full frame. */
  silence: SilenceReport;
  isSpeaking: boolean;
  currentUtteranceStart: number | null;
  /** The voice detector's answer for each frame this chunk completed (stream seconds), or null when it completed none. */
  speech: FrameProbabilities | null;
}

/** The per-channel pipeline: push captured blocks, get utterances, levels and warnings (one call at a time). */
export class ChannelProcessor {
  readonly inputRate: number;
  readonly resampler: StreamingResampler;
  readonly segmenter: UtteranceSegmenter;
  readonly dropouts: DropoutDetector;
  readonly clipping: ClippingDetector;
  readonly meter: LevelMeter;
  readonly watchdog: SilenceWatchdog;
  private readonly frames = new FrameAccumulator(FRAME_SIZE);
  private mono = new Float32Array(4096);
  private inputSamples = 0;
  private outputSamples = 0;
  /** Stream seconds of input sample 0 after the latest re-anchoring, and that sample's index. */
  private anchorSeconds = 0;
  private anchorSample = 0;
  private silence: SilenceReport = { state: 'ok', silentSince: null, changed: false };

  constructor(options: ChannelProcessorOptions) {
    this.inputRate = options.inputRate;
    this.resampler = new StreamingResampler(options.inputRate, TARGET_SAMPLE_RATE, options.resampler);
    this.segmenter = new UtteranceSegmenter({ ...options.segmenter, sampleRate: TARGET_SAMPLE_RATE });
    this.dropouts = new DropoutDetector({ ...options.dropouts, sampleRate: options.inputRate });
    this.clipping = new ClippingDetector(options.inputRate);
    this.meter = new LevelMeter({ ...options.meter, sampleRate: TARGET_SAMPLE_RATE });
    this.watchdog = new SilenceWatchdog(options.watchdog);
  }

  /**
   * Feeds one captured block: the channels of the block (or one mono array) and,
   * if known, the stream time of its first sample in seconds. Await it before the
   * next push or flush.
   */
  async push(block: Float32Array[] | Float32Array, timeSeconds?: number): Promise<ChannelUpdate> {
    const channels = block instanceof Float32Array ? [block] : block;
    const longest = Math.max(0, ...channels.map((channel) => channel.length));
    if (this.mono.length < longest) this.mono = new Float32Array(longest);
    const mono = channels.length === 1 ? (channels[0] as Float32Array) : downmixToMono(channels, this.mono);
    if (timeSeconds !== undefined) {
      this.anchorSeconds = timeSeconds;
      this.anchorSample = this.inputSamples;
    }
    const dropouts = this.dropouts.push(mono, timeSeconds);
    const clipping = this.clipping.push(mono, timeSeconds);
    this.inputSamples += mono.length;
    return this.process(this.resampler.push(mono), dropouts, clipping);
  }

  /** Ends the stream: returns the last utterance and clipping run, and resets for a new stream. */
  async flush(): Promise<ChannelUpdate> {
    const clipping = this.clipping.flush();
    const update = await this.process(this.resampler.flush(), [], clipping);
    update.utterances.push(...(await this.segmenter.flush()));
    this.frames.reset();
    this.dropouts.reset();
    this.meter.reset();
    this.watchdog.reset();
    this.inputSamples = 0;
    this.outputSamples = 0;
    this.anchorSeconds = 0;
    this.anchorSample = 0;
    return update;
  }

  private async process(resampled: Float32Array, dropouts: DropoutSpan[], clipping: ClippingSpan[]): Promise<ChannelUpdate> {
    // Output sample n sits at input sample n * inputRate / 16000: time it from the latest anchor.
    const firstInputPosition = (this.outputSamples * this.inputRate) / TARGET_SAMPLE_RATE;
    const firstSeconds = this.anchorSeconds + (firstInputPosition - this.anchorSample) / this.inputRate;
    this.silence = { ...this.silence, changed: false };
    this.frames.push(resampled, (frame, startSample) => {
      this.meter.update(frame);
      // startSample counts 16 kHz samples from the stream start; outputSamples is still the count before this block.
      const time = firstSeconds + (startSample - this.outputSamples) / TARGET_SAMPLE_RATE;
      const report = this.watchdog.update(rmsDbfs(frame), time);
      this.silence = { ...report, changed: this.silence.changed || report.changed };
    });
    this.outputSamples += resampled.length;
    const utterances = await this.segmenter.push(resampled, firstSeconds);
    return {
      utterances,
      dropouts,
      clipping,
      meter: this.meter.reading,
      silence: this.silence,
      isSpeaking: this.segmenter.isSpeaking,
      currentUtteranceStart: this.segmenter.currentUtteranceStart,
      speech: this.segmenter.lastPushFrames(),
    };
  }
}
