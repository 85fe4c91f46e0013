/**
 * Public API of the audio domain: pure signal processing on Float32Array, no DOM
 * and no Web Audio, so it runs in an AudioWorklet, a Worker and Node tests.
 * Pipeline and parameters: docs/audio.md.
 */
export { TARGET_SAMPLE_RATE, downmixToMono, resampleOnce, StreamingResampler, type ResamplerOptions } from './resample';
export { FRAME_MS, FRAME_SIZE, samplesFor, splitIntoFrames, FrameAccumulator } from './frames';
export {
  SILENCE_DBFS,
  rms,
  peak,
  amplitudeToDbfs,
  rmsDbfs,
  peakDbfs,
  LevelMeter,
  type LevelMeterOptions,
  type MeterReading,
} from './levels';
export {
  EnergyVoiceActivityDetector,
  type VoiceActivityDetector,
  type EnergyDetectorOptions,
  type EnergyDetectorFeatures,
} from './voice-activity';
export {
  SileroVoiceActivityDetector,
  oneRunAtATime,
  SILERO_FRAME_SIZE,
  SILERO_SAMPLE_RATE,
  type SileroModel,
  type SileroSession,
  type SileroTensor,
} from './silero-voice-activity';
export { FallbackVoiceActivityDetector } from './fallback-voice-activity';
export { liveVoiceActivityDetector } from './live-voice-activity';
export { UtteranceSegmenter, type FrameProbabilities, type Utterance, type UtteranceSegmenterOptions } from './utterance-segmenter';
export { RecordedVoiceActivityDetector, type RecordedVoiceActivityOptions } from './recorded-voice-activity';
export { detectDropouts, DropoutDetector, type DropoutSpan, type DropoutKind, type DropoutOptions } from './dropouts';
export { detectClipping, ClippingDetector, type ClippingSpan, type ClippingOptions } from './clipping';
export { SilenceWatchdog, type SilenceState, type SilenceReport, type SilenceWatchdogOptions } from './silence-watchdog';
export { StreamClock } from './stream-clock';
export { encodeWav16, decodeWav, type DecodedWav } from './wav';
export { ChannelProcessor, type ChannelProcessorOptions, type ChannelUpdate } from './channel-processor';
export { SilenceGatedVoiceActivityDetector, type SilenceGateOptions } from './silence-gated-voice-activity';
export { FrameStretchCollector } from './frame-stretches';
