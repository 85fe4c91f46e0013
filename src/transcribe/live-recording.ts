/**
 * A recording transcribed the way a live call is: fed block by block through
 * the capture chain of one channel (`ChannelProcessor`: dropout checks on the
 * captured signal, resampling, the live voice detector's cutting), and each
 * utterance transcribed as the offscreen document's final text is
 * (`shortContext`, so a model trained for a short audio context gets it, with
 * its full-window fallback), through the same `buildLiveSegment` and [uklart]
 * policy. For `npm run eval -- --live`; the default evaluation scores the
 * full-quality pass (final-pass-transcription.ts) instead.
 *
 * Early finals and provisional texts are left out: an early final transcribes
 * the very audio of the utterance it is used for (early-finals.ts), so it
 * changes when the text comes, not what it says, and provisional texts are
 * never kept.
 */
import { ChannelProcessor, type VoiceActivityDetector } from '../audio';
import type { RawTranscription, WhisperLanguage } from '../messages';
import type { Channel, Segment } from '../store';
import { transcribeUtterances } from './file-transcription';

/** Frames per block the capture worklet posts (public/capture-worklet.js), at the recording's own rate. */
export const CAPTURE_BLOCK_FRAMES = 2048;

export interface LiveRecordingOptions {
  sessionId: string;
  /** Mono samples at `sampleRate` (the live chain resamples to 16 kHz itself). */
  samples: Float32Array;
  sampleRate: number;
  language: WhisperLanguage;
  channel?: Channel;
  /** The live voice detector (liveVoiceActivityDetector); default the energy detector. */
  detector?: VoiceActivityDetector;
  transcribe: (request: { id: string; samples: Float32Array; offset: number; shortContext: true }) => Promise<RawTranscription>;
  idSource?: () => string;
}

/** Transcribes a recording as a live call would; resolves with the segments in time order. */
export async function transcribeAsLive(options: LiveRecordingOptions): Promise<Segment[]> {
  const { samples, sampleRate } = options;
  const idSource = options.idSource ?? (() => crypto.randomUUID());
  const processor = new ChannelProcessor({ inputRate: sampleRate, segmenter: { detector: options.detector } });
  const utterances = [];
  const dropouts: { start: number; end: number }[] = [];
  for (let offset = 0; offset < samples.length; offset += CAPTURE_BLOCK_FRAMES) {
    const update = await processor.push(samples.subarray(offset, Math.min(samples.length, offset + CAPTURE_BLOCK_FRAMES)));
    utterances.push(...update.utterances);
    dropouts.push(...update.dropouts.map(({ start, end }) => ({ start, end })));
  }
  const last = await processor.flush();
  utterances.push(...last.utterances);
  dropouts.push(...last.dropouts.map(({ start, end }) => ({ start, end })));

  // The live path passes the dropouts heard by then; all of them differ only by one
  // starting in the pause right after the utterance, which the policy reads as lost speech of it.
  return transcribeUtterances(utterances, {
    ...options,
    dropouts,
    idSource,
    transcribe: (request) => options.transcribe({ ...request, shortContext: true }),
  });
}
