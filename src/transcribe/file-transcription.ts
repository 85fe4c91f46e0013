/**
 * Transcribing a recording made elsewhere: cut the whole file into utterances
 * with the same segmenter as a live call, transcribe them one by one, and apply
 * the same [uklart] policy, with progress and cancellation. The detector is the
 * energy one unless the caller passes another (the workspace passes Silero, as
 * live recording uses).
 */
import { detectDropouts, TARGET_SAMPLE_RATE, UtteranceSegmenter, type Utterance, type VoiceActivityDetector } from '../audio';
import type { RawTranscription, WhisperLanguage } from '../messages';
import type { Channel, Segment } from '../store';
import { buildLiveSegment } from './live-segment';
import { segmentLanguage } from './segment-language';

export interface FileTranscriptionProgress {
  /** 0..1 over the whole job (cutting into utterances the first tenth, transcribing the rest). */
  fraction: number;
  done: number;
  total: number;
}

export interface FileTranscriptionOptions {
  sessionId: string;
  /** 16 kHz mono. */
  samples: Float32Array;
  language: WhisperLanguage;
  channel?: Channel;
  /** Voice activity detector for cutting the file (default: the energy detector, which needs no model). */
  detector?: VoiceActivityDetector;
  transcribe: (request: { id: string; samples: Float32Array; offset: number }) => Promise<RawTranscription>;
  onProgress?: (progress: FileTranscriptionProgress) => void;
  /** Called with each segment as soon as it is ready, so nothing done is lost on cancel. */
  onSegment?: (segment: Segment) => Promise<void> | void;
  signal?: AbortSignal;
  idSource?: () => string;
}

const CHUNK = TARGET_SAMPLE_RATE * 10;
/** Share of the progress bar for cutting: a model detector takes minutes over an hour of audio. */
const CUTTING_SHARE = 0.1;

/** Transcribes a whole recording; resolves with its segments in time order. Rejects with AbortError when cancelled. */
export async function transcribeRecording(options: FileTranscriptionOptions): Promise<Segment[]> {
  const { samples, signal } = options;
  const idSource = options.idSource ?? (() => crypto.randomUUID());
  const segmenter = new UtteranceSegmenter({ sampleRate: TARGET_SAMPLE_RATE, detector: options.detector });
  const utterances = [];
  for (let offset = 0; offset < samples.length; offset += CHUNK) {
    signal?.throwIfAborted();
    utterances.push(...(await segmenter.push(samples.subarray(offset, Math.min(samples.length, offset + CHUNK)))));
    options.onProgress?.({ fraction: (CUTTING_SHARE * Math.min(samples.length, offset + CHUNK)) / samples.length, done: 0, total: 0 });
  }
  utterances.push(...(await segmenter.flush()));
  const dropouts = detectDropouts(samples, TARGET_SAMPLE_RATE).map(({ start, end }) => ({ start, end }));
  const total = utterances.length;
  options.onProgress?.({ fraction: total === 0 ? 1 : CUTTING_SHARE, done: 0, total });

  return transcribeUtterances(utterances, {
    ...options,
    dropouts,
    idSource,
    onTranscribed: (done) => options.onProgress?.({ fraction: CUTTING_SHARE + ((1 - CUTTING_SHARE) * done) / total, done, total }),
  });
}

export interface UtteranceTranscriptionOptions {
  sessionId: string;
  channel?: Channel;
  language: WhisperLanguage;
  /** Signal losses found in the recording, for the [uklart] policy. */
  dropouts: { start: number; end: number }[];
  transcribe: (request: { id: string; samples: Float32Array; offset: number }) => Promise<RawTranscription>;
  idSource: () => string;
  signal?: AbortSignal;
  onSegment?: (segment: Segment) => Promise<void> | void;
  /** After each utterance, with how many are done. */
  onTranscribed?: (done: number) => void;
}

/** Transcribes cut utterances one by one into segments (live segment rules, [uklart] policy); a recording's and the live evaluation's shared last step. */
export async function transcribeUtterances(utterances: readonly Utterance[], options: UtteranceTranscriptionOptions): Promise<Segment[]> {
  const segments: Segment[] = [];
  for (const [index, utterance] of utterances.entries()) {
    options.signal?.throwIfAborted();
    const id = options.idSource();
    const transcription = await options.transcribe({ id, samples: utterance.samples, offset: utterance.start });
    const segment = buildLiveSegment({
      id,
      sessionId: options.sessionId,
      channel: options.channel ?? 'mixed',
      utterance,
      transcription,
      dropouts: options.dropouts,
      overlaps: [],
      language: segmentLanguage(options.language),
    });
    if (segment) {
      segments.push(segment);
      await options.onSegment?.(segment);
    }
    options.onTranscribed?.(index + 1);
  }
  return segments;
}
