/**
 * Cuts a 16 kHz mono stream into utterances for transcription: speech between
 * pauses, padded so Whisper hears word onsets and endings, and never longer than
 * Whisper's 30 s window (the default cap of 25 s leaves room for the padding and
 * the prompt). Padding is counted in whole frames of the detector's length
 * (30 ms for the energy detector, 32 ms for Silero).
 */
import { FRAME_MS, FrameAccumulator, samplesFor } from './frames';
import { rms } from './levels';
import { TARGET_SAMPLE_RATE } from './resample';
import { StreamClock } from './stream-clock';
import { EnergyVoiceActivityDetector, type VoiceActivityDetector } from './voice-activity';

export interface Utterance {
  /** Seconds from stream start of the first sample (padding included). */
  start: number;
  /** Seconds from stream start just after the last sample. */
  end: number;
  /** The audio, 16 kHz mono (a fresh copy the caller owns). */
  samples: Float32Array;
  /** Share of frames the detector called speech, 0..1 (low values: likely noise, hallucination risk). */
  speechRatio: number;
}

/** The detector's answers for consecutive frames, as one push gave them. */
export interface FrameProbabilities {
  /** Stream seconds at the start of the first frame. */
  start: number;
  /** Length of each frame in seconds (32 ms for Silero). */
  frameSeconds: number;
  probabilities: Float32Array;
}

export interface UtteranceSegmenterOptions {
  sampleRate?: number;
  /** Frame length (default 30 ms); a detector with a fixed frameSize sets it, and a different value here is an error. */
  frameMs?: number;
  /** Probability at which a frame starts or continues speech (default 0.5). */
  speechThreshold?: number;
  /** Probability under which a frame counts as silence while speaking (default speechThreshold - 0.15). */
  silenceThreshold?: number;
  /** Shorter bursts (coughs, clicks, keyboard) are dropped (default 250 ms). */
  minSpeechMs?: number;
  /** Pause that ends an utterance (default 600 ms: longer than the gaps between words, shorter than between sentences). */
  minSilenceMs?: number;
  /** Audio kept before and after the speech (default 200 ms), so soft onsets and endings are not clipped. */
  padMs?: number;
  /** Longest utterance; longer speech is cut at the quietest recent frame (default 25 000 ms). */
  maxUtteranceMs?: number;
  /** How far back from the cap to look for the quietest frame (default 5000 ms). */
  cutSearchMs?: number;
  /** Voice activity detector (default: the model-free EnergyVoiceActivityDetector). */
  detector?: VoiceActivityDetector;
}

/**
 * Streaming utterance segmenter. push() resolves with the utterances completed by
 * that chunk; isSpeaking / currentUtteranceStart tell a caller that wants
 * provisional transcription what is happening now.
 *
 * push() and flush() must not interleave: await each before the next call (the
 * detector's state and the frame buffer belong to one position in the stream).
 * ChannelCapture in the offscreen document chains its calls for that reason.
 */
export class UtteranceSegmenter {
  readonly sampleRate: number;
  readonly frameSize: number;
  private readonly detector: VoiceActivityDetector;
  private readonly speechThreshold: number;
  private readonly silenceThreshold: number;
  private readonly minSpeechFrames: number;
  private readonly minSilenceFrames: number;
  private readonly padFrames: number;
  private readonly maxFrames: number;
  private readonly cutSearchFrames: number;
  private readonly accumulator: FrameAccumulator;
  /** Frames of the current utterance (or, when idle, the pre-roll), with their level and probability. */
  private readonly audio: Float32Array;
  private readonly frameLevels: Float32Array;
  private readonly frameProbabilities: Float32Array;
  private frameCount = 0;
  /** Absolute sample index of the first buffered frame. */
  private firstSample = 0;
  private triggered = false;
  /** The utterance under way continues one cut at maxUtteranceMs: it needs no minimum speech. */
  private continued = false;
  private speechStartFrame = 0;
  private lastSpeechFrame = 0;
  private silenceRun = 0;
  private readonly clock: StreamClock;
  private probability = 0;
  private completed: Utterance[] = [];
  /** The frames of the latest push: their first sample and their probabilities. */
  private pushedFrom = 0;
  private pushed: number[] = [];

  constructor(options: UtteranceSegmenterOptions = {}) {
    this.sampleRate = options.sampleRate ?? TARGET_SAMPLE_RATE;
    this.detector = options.detector ?? new EnergyVoiceActivityDetector({ sampleRate: this.sampleRate });
    const frameMs = frameMsFor(this.detector, options.frameMs, this.sampleRate);
    this.frameSize = this.detector.frameSize ?? samplesFor(frameMs, this.sampleRate);
    this.speechThreshold = options.speechThreshold ?? 0.5;
    this.silenceThreshold = options.silenceThreshold ?? Math.max(0.01, this.speechThreshold - 0.15);
    this.minSpeechFrames = Math.max(1, Math.ceil((options.minSpeechMs ?? 250) / frameMs));
    this.minSilenceFrames = Math.max(1, Math.ceil((options.minSilenceMs ?? 600) / frameMs));
    this.padFrames = Math.min(Math.round((options.padMs ?? 200) / frameMs), this.minSilenceFrames);
    this.maxFrames = Math.max(this.padFrames + 2, Math.floor((options.maxUtteranceMs ?? 25_000) / frameMs));
    this.cutSearchFrames = Math.max(1, Math.min(this.maxFrames - 1, Math.round((options.cutSearchMs ?? 5000) / frameMs)));
    this.accumulator = new FrameAccumulator(this.frameSize);
    this.clock = new StreamClock(this.sampleRate);
    // One spare frame for the flushed tail of a stream.
    this.audio = new Float32Array((this.maxFrames + 1) * this.frameSize);
    this.frameLevels = new Float32Array(this.maxFrames + 1);
    this.frameProbabilities = new Float32Array(this.maxFrames + 1);
  }

  /**
   * Feeds samples; `timeSeconds`, if given, is the stream time of the first one
   * (otherwise time follows the sample count). Resolves with the utterances
   * completed now. Awaits the detector only when it answers with a promise.
   */
  async push(samples: Float32Array, timeSeconds?: number): Promise<Utterance[]> {
    this.clock.advance(samples.length, timeSeconds);
    const completed: Utterance[] = [];
    this.completed = completed;
    this.pushed = [];
    for (const { frame, startSample } of this.accumulator.frames(samples)) {
      const answer = this.detector.process(frame);
      const probability = typeof answer === 'number' ? answer : await answer;
      if (this.pushed.length === 0) this.pushedFrom = startSample;
      this.pushed.push(probability);
      this.onFrame(frame, startSample, probability);
    }
    return completed;
  }

  /**
   * What the detector said of each frame the latest push completed (none: null).
   * Kept with a recording, it lets the pass after the interview cut without
   * running the detector again (docs/final-pass.md, "The call's voice detection").
   */
  lastPushFrames(): FrameProbabilities | null {
    if (this.pushed.length === 0) return null;
    return { start: this.timeOf(this.pushedFrom), frameSeconds: this.frameSize / this.sampleRate, probabilities: Float32Array.from(this.pushed) };
  }

  /** Ends the stream: resolves with the utterance in progress, if it holds enough speech, and starts afresh. */
  async flush(): Promise<Utterance[]> {
    this.completed = [];
    if (this.triggered) {
      const tail = this.accumulator.pendingSamples();
      const tailFits = this.lastSpeechFrame + this.padFrames >= this.frameCount;
      if (tailFits) this.audio.set(tail, this.frameCount * this.frameSize);
      if (this.hasEnoughSpeech()) {
        const frames = Math.min(this.frameCount, this.lastSpeechFrame + 1 + this.padFrames);
        this.emit(frames, frames === this.frameCount && tailFits ? tail.length : 0);
      }
    }
    const result = this.completed;
    this.completed = [];
    this.pushed = [];
    this.frameCount = 0;
    this.triggered = false;
    this.continued = false;
    this.clock.reset();
    this.accumulator.reset();
    this.detector.reset();
    return result;
  }

  /** True while an utterance with at least minSpeechMs of speech is under way. */
  get isSpeaking(): boolean {
    return this.triggered && (this.continued || this.hasEnoughSpeech());
  }

  /** Stream time where the utterance under way starts (padding included), or null when not speaking. */
  get currentUtteranceStart(): number | null {
    return this.isSpeaking ? this.timeOf(this.firstSample) : null;
  }

  /** A copy of the audio of the utterance under way (for provisional transcription), or null. */
  currentUtteranceSamples(): Float32Array | null {
    return this.isSpeaking ? this.audio.slice(0, this.frameCount * this.frameSize) : null;
  }

  /**
   * The utterance as it will be emitted if the pause under way lasts to
   * minSilenceMs, or null. Its audio is settled once the pause has lasted the
   * padding: the utterance ends at the last speech frame plus padMs. A caller may
   * start transcribing it then instead of minSilenceMs later, and keep the result
   * if the emitted utterance has the same start and length.
   */
  settledUtterance(): { start: number; samples: Float32Array } | null {
    if (!this.triggered || this.silenceRun < this.padFrames || !this.hasEnoughSpeech()) return null;
    const length = (this.lastSpeechFrame + 1 + this.padFrames) * this.frameSize;
    return { start: this.timeOf(this.firstSample), samples: this.audio.slice(0, length) };
  }

  /** Speech probability the detector gave the last frame. */
  get lastProbability(): number {
    return this.probability;
  }

  private onFrame(frame: Float32Array, startSample: number, probability: number): void {
    this.probability = probability;
    if (!this.triggered) {
      // Idle: the buffer is a rolling pre-roll of padFrames frames before this one.
      const keep = probability >= this.speechThreshold ? this.padFrames : this.padFrames - 1;
      if (this.frameCount > keep) this.dropFrames(this.frameCount - keep);
      if (this.frameCount === 0) this.firstSample = startSample;
      this.appendFrame(frame, probability);
      if (probability >= this.speechThreshold) {
        this.triggered = true;
        this.continued = false;
        this.speechStartFrame = this.frameCount - 1;
        this.lastSpeechFrame = this.frameCount - 1;
        this.silenceRun = 0;
      }
      return;
    }
    this.appendFrame(frame, probability);
    if (probability >= this.silenceThreshold) {
      this.lastSpeechFrame = this.frameCount - 1;
      this.silenceRun = 0;
    } else {
      this.silenceRun++;
    }
    if (this.silenceRun >= this.minSilenceFrames) {
      const frames = this.lastSpeechFrame + 1 + this.padFrames;
      if (this.hasEnoughSpeech()) this.emit(frames, 0);
      this.triggered = false;
      // What is left is silence: keep its last frames as pre-roll for the next utterance.
      this.dropFrames(Math.max(frames, this.frameCount - this.padFrames));
    } else if (this.frameCount >= this.maxFrames) {
      const cut = this.quietestRecentFrame() + 1;
      this.emit(cut, 0);
      this.dropFrames(cut);
      // The remainder continues the same speech: even a short end of a word in it must be kept.
      this.continued = true;
      this.speechStartFrame = 0;
      this.lastSpeechFrame -= cut; // negative when the remainder holds no speech yet
    }
  }

  /** Whether the utterance under way holds speech worth emitting. */
  private hasEnoughSpeech(): boolean {
    if (this.lastSpeechFrame < 0) return false;
    return this.continued || this.lastSpeechFrame - this.speechStartFrame + 1 >= this.minSpeechFrames;
  }

  private appendFrame(frame: Float32Array, probability: number): void {
    this.audio.set(frame, this.frameCount * this.frameSize);
    this.frameLevels[this.frameCount] = rms(frame);
    this.frameProbabilities[this.frameCount] = probability;
    this.frameCount++;
  }

  /** Removes the first `count` frames from the buffer. */
  private dropFrames(count: number): void {
    const drop = Math.min(count, this.frameCount);
    if (drop <= 0) return;
    this.audio.copyWithin(0, drop * this.frameSize, this.frameCount * this.frameSize);
    this.frameLevels.copyWithin(0, drop, this.frameCount);
    this.frameProbabilities.copyWithin(0, drop, this.frameCount);
    this.frameCount -= drop;
    this.firstSample += drop * this.frameSize;
  }

  /** Index of the quietest frame among the last cutSearchFrames (the latest wins a tie). */
  private quietestRecentFrame(): number {
    let best = this.frameCount - 1;
    for (let index = this.frameCount - 1; index >= this.frameCount - this.cutSearchFrames; index--) {
      if (this.frameLevels[index]! < this.frameLevels[best]!) best = index;
    }
    return best;
  }

  private emit(frames: number, extraSamples: number): void {
    const length = frames * this.frameSize + extraSamples;
    let speechFrames = 0;
    for (let index = 0; index < frames; index++) if (this.frameProbabilities[index]! >= this.speechThreshold) speechFrames++;
    this.completed.push({
      start: this.timeOf(this.firstSample),
      end: this.timeOf(this.firstSample + length),
      samples: this.audio.slice(0, length),
      speechRatio: frames > 0 ? speechFrames / frames : 0,
    });
  }

  private timeOf(sample: number): number {
    return this.clock.timeOf(sample);
  }
}

/** The frame length in ms: the detector's own frame if it has one, else `frameMs` (default 30 ms). */
function frameMsFor(detector: VoiceActivityDetector, frameMs: number | undefined, sampleRate: number): number {
  if (detector.frameSize === undefined) return frameMs ?? FRAME_MS;
  const detectorMs = (detector.frameSize * 1000) / sampleRate;
  if (frameMs !== undefined && samplesFor(frameMs, sampleRate) !== detector.frameSize) {
    throw new Error(`frameMs ${frameMs} does not match the detector's frame of ${detector.frameSize} samples (${detectorMs} ms)`);
  }
  return detectorMs;
}
