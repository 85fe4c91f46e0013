/**
 * The full-quality pass's cutting and transcription of one recording, apart from
 * the store: cut with `FINAL_PASS_CUTTING`, packed (`WindowPacker`), each window
 * transcribed and given back to its stretches (`stretchSegments`). The offscreen
 * document runs these steps in its lanes and writes each stretch as it goes
 * (entrypoints/offscreen/final-pass.ts); `npm run eval` runs them one window
 * after another, so what it scores is what a researcher keeps after the call.
 */
import { detectDropouts, TARGET_SAMPLE_RATE, UtteranceSegmenter, type VoiceActivityDetector } from '../audio';
import type { RawTranscription, WhisperLanguage } from '../messages';
import type { Channel, Segment } from '../store';
import { FINAL_PASS_CUTTING } from './final-pass';
import { stretchSegments, windowSamples, WindowPacker, type CutUtterance, type PackedWindow, type PackOptions } from './packed-windows';
import { segmentLanguage } from './segment-language';

/** Audio fed to the voice detector per call. */
const CUT_CHUNK = TARGET_SAMPLE_RATE * 10;

/**
 * The pass's utterances of 16 kHz `samples` as they are cut, in seconds from
 * `startSeconds` at samples[0] (only their spans and speech: the audio is sliced
 * again per window).
 */
export async function* cutStream(
  samples: Float32Array,
  detector: VoiceActivityDetector,
  { signal, startSeconds = 0 }: { signal?: AbortSignal; startSeconds?: number } = {},
): AsyncGenerator<CutUtterance> {
  const segmenter = new UtteranceSegmenter({ sampleRate: TARGET_SAMPLE_RATE, detector, ...FINAL_PASS_CUTTING });
  const spans = (cut: readonly CutUtterance[]) => cut.map(({ start, end, speechRatio }) => ({ start, end, speechRatio }));
  for (let offset = 0; offset < samples.length; offset += CUT_CHUNK) {
    signal?.throwIfAborted();
    const chunk = samples.subarray(offset, Math.min(samples.length, offset + CUT_CHUNK));
    yield* spans(await segmenter.push(chunk, startSeconds + offset / TARGET_SAMPLE_RATE));
  }
  yield* spans(await segmenter.flush());
}

/**
 * The windows of `utterances` as they are cut (`WindowPacker`), each once it is
 * closed; every utterance is also kept in `seen`, for the stretches' share of
 * speech (`stretchSegments`).
 */
export async function* packedWindowStream(utterances: AsyncIterable<CutUtterance>, options: PackOptions, seen: CutUtterance[]): AsyncGenerator<PackedWindow> {
  const packer = new WindowPacker(options);
  for await (const utterance of utterances) {
    seen.push(utterance);
    const closed = packer.add(utterance);
    if (closed) yield closed;
  }
  const last = packer.finish();
  if (last) yield last;
}

export interface FinalPassTranscriptionOptions {
  sessionId: string;
  channel?: Channel;
  /** 16 kHz mono, from the session's (or file's) start. */
  samples: Float32Array;
  language: WhisperLanguage;
  detector: VoiceActivityDetector;
  /** The model gives word times (`ModelInfo.wordTimestamps`): only then are windows packed across long pauses. */
  wordTimestamps: boolean;
  /** One window's audio, its times back in seconds of that audio (offset 0). */
  transcribe: (request: { id: string; samples: Float32Array; offset: number }) => Promise<RawTranscription>;
  idSource?: () => string;
}

/** Transcribes a whole recording as the pass does; resolves with its segments in time order. */
export async function transcribeAsFinalPass(options: FinalPassTranscriptionOptions): Promise<Segment[]> {
  const { samples } = options;
  const idSource = options.idSource ?? (() => crypto.randomUUID());
  const dropouts = detectDropouts(samples, TARGET_SAMPLE_RATE).map(({ start, end }) => ({ start, end }));
  const utterances: CutUtterance[] = [];
  const segments: Segment[] = [];
  for await (const window of packedWindowStream(cutStream(samples, options.detector), { pack: options.wordTimestamps }, utterances)) {
    const transcription = await options.transcribe({ id: idSource(), samples: windowSamples(samples, window, TARGET_SAMPLE_RATE), offset: 0 });
    const stretches = stretchSegments({
      transcription,
      window,
      utterances,
      sessionAt: (seconds) => seconds,
      makeId: idSource,
      sessionId: options.sessionId,
      channel: options.channel ?? 'mixed',
      dropouts,
      language: segmentLanguage(options.language),
    });
    for (const { segment } of stretches) if (segment) segments.push(segment);
  }
  return segments;
}
