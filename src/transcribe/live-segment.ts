/**
 * Turns one transcribed utterance into a transcript segment, applying the
 * [uklart] policy with what the capture side knows: the utterance's speech ratio,
 * dropouts on its channel, and times when both channels spoke at once.
 */
import type { RawTranscription } from '../messages';
import type { Channel, Segment } from '../store';
import { applyUnclearPolicy, DEFAULT_UNCLEAR_THRESHOLDS, type TimeSpan, type UnclearThresholds } from './unclear-policy';

export interface LiveSegmentInput {
  id: string;
  sessionId: string;
  channel: Channel;
  /** The VAD utterance, in seconds from session start. */
  utterance: { start: number; end: number; speechRatio: number };
  transcription: RawTranscription;
  dropouts: readonly TimeSpan[];
  overlaps: readonly TimeSpan[];
  language: string;
  keepGuesses?: boolean;
  thresholds?: UnclearThresholds;
}

/**
 * How close a dropout must be to an utterance to count as lost speech of it. The
 * VAD hears digital silence as a pause, so lost audio often ends an utterance
 * (or starts the next) instead of lying inside it.
 */
const ADJACENT_DROPOUT_SECONDS = 0.8;

/** The utterance's span, widened over dropouts that touch its edges. */
export function spanWithAdjacentDropouts(
  utterance: { start: number; end: number },
  dropouts: readonly TimeSpan[],
): { start: number; end: number } {
  let { start, end } = utterance;
  for (const dropout of dropouts) {
    // Running on past the end (or starting within reach of it): the rest was lost speech of this utterance.
    if (dropout.end > end && dropout.start - end <= ADJACENT_DROPOUT_SECONDS) end = dropout.end;
    if (dropout.start < start && start - dropout.end <= ADJACENT_DROPOUT_SECONDS) start = dropout.start;
  }
  return { start, end };
}

/** The segment to store, or null when there is nothing to show (no speech heard, no text, no lost audio). */
export function buildLiveSegment(input: LiveSegmentInput): Segment | null {
  const { transcription } = input;
  const utterance = { ...input.utterance, ...spanWithAdjacentDropouts(input.utterance, input.dropouts) };
  const policy = applyUnclearPolicy(
    {
      words: transcription.words,
      segment: {
        start: utterance.start,
        end: utterance.end,
        text: transcription.text,
        avgLogProb: transcription.avgLogProb,
        noSpeechProb: transcription.noSpeechProb,
        compressionRatio: transcription.compressionRatio,
      },
      speechRatio: utterance.speechRatio,
      dropouts: input.dropouts,
      overlaps: input.overlaps,
      keepGuesses: input.keepGuesses ?? false,
      language: input.language,
    },
    input.thresholds ?? DEFAULT_UNCLEAR_THRESHOLDS,
  );
  if (policy.text.trim() === '') return null;
  return {
    id: input.id,
    sessionId: input.sessionId,
    channel: input.channel,
    start: utterance.start,
    end: utterance.end,
    text: policy.text,
    words: policy.words.map((word) => ({
      text: word.text,
      start: word.start,
      end: word.end,
      probability: word.probability ?? 0,
    })),
    unclear: policy.unclear.map((span) => ({ start: span.start, end: span.end, guess: span.guess })),
    source: 'live',
  };
}
