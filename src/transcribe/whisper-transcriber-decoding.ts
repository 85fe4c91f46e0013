/**
 * Pure helpers for `WhisperTranscriber`: turning transformers.js's decoded
 * chunks and our collected token log-probabilities into the word and segment
 * shapes of `RawTranscription`. No transformers.js import here, so these run
 * and test without a model.
 */
import { logSumExp, type TokenLogProb } from './confidence';

/** A chunk as the Whisper tokenizer's `_decode_asr` returns it: times relative to the window. */
export interface DecodedChunk {
  text: string;
  timestamp: [number | null, number | null] | number[];
}

/** A span of text with absolute times in seconds. */
export interface TimedText {
  text: string;
  start: number;
  end: number;
}

/** Whisper reads 30 s windows; longer input is cut into consecutive windows of this many samples. */
export const WINDOW_SECONDS = 30;

/** [start, end) sample ranges of consecutive windows covering `length` samples. */
export function windowRanges(length: number, windowSamples: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = 0; start < length; start += windowSamples) {
    ranges.push([start, Math.min(length, start + windowSamples)]);
  }
  return ranges;
}

/**
 * Window-relative chunks to absolute, trimmed spans inside [windowStart, windowEnd].
 * A missing end (generation stopped mid-segment) becomes the window's end; times
 * the model put past the audio are clamped, since no speech lies outside it.
 */
export function placeChunks(chunks: readonly DecodedChunk[], windowStart: number, windowEnd: number): TimedText[] {
  const placed: TimedText[] = [];
  for (const chunk of chunks) {
    const text = chunk.text.trim();
    if (text === '') continue;
    const relativeStart = chunk.timestamp[0] ?? 0;
    const relativeEnd = chunk.timestamp[1] ?? windowEnd - windowStart;
    const start = clamp(windowStart + relativeStart, windowStart, windowEnd);
    const end = clamp(windowStart + relativeEnd, start, windowEnd);
    placed.push({ text, start, end });
  }
  return placed;
}

/**
 * Words with times spread over their segment by character count, for models
 * without word timestamps: per-word confidence still reaches the [uklart]
 * policy, and a jump lands near the word. Documented as approximate.
 */
export function interpolateWords(segments: readonly TimedText[]): TimedText[] {
  const words: TimedText[] = [];
  for (const segment of segments) {
    const pieces = segment.text.split(/\s+/u).filter((piece) => piece !== '');
    const characters = pieces.reduce((sum, piece) => sum + piece.length, 0);
    let position = 0;
    for (const piece of pieces) {
      const duration = segment.end - segment.start;
      const start = segment.start + (duration * position) / characters;
      position += piece.length;
      words.push({ text: piece, start, end: segment.start + (duration * position) / characters });
    }
  }
  return words;
}

/**
 * Each generated token's own text, as a streamer would emit it: the growth of
 * the decoded text tokens so far. A byte sequence split over tokens shows as
 * U+FFFD until complete, which `wordProbabilities` expects. Non-text tokens get ''.
 */
export function incrementalTokenTexts(
  ids: readonly number[],
  isTextToken: (id: number) => boolean,
  decode: (ids: number[]) => string,
): string[] {
  const textIds: number[] = [];
  let previous = '';
  return ids.map((id) => {
    if (!isTextToken(id)) return '';
    textIds.push(id);
    const current = decode(textIds);
    let common = 0;
    while (common < previous.length && common < current.length && previous[common] === current[common]) common++;
    // When an incomplete character (U+FFFD) completes, the shared prefix is shorter
    // than the previous text: the new token carries the completed character.
    const piece = current.slice(common);
    previous = current;
    return piece;
  });
}

/** Tokens with their text, for `wordProbabilities`; text-normalised log-probs where known (timing.py). */
export function tokensWithText(
  collected: readonly { id: number; logprob: number; textLogprob: number | null }[],
  texts: readonly string[],
): TokenLogProb[] {
  return collected.map((token, index) => ({
    id: token.id,
    text: texts[index] ?? '',
    logprob: token.textLogprob ?? token.logprob,
  }));
}

/** What the first decoder step (after `<|startoftranscript|>` alone) tells: language and no-speech. */
export interface ProbeResult {
  /** Whisper language code of the most probable language token, e.g. `no`. */
  language: string | null;
  /** Probability of `<|nospeech|>` / `<|nocaptions|>`, as openai-whisper's `no_speech_prob`; null without that token. */
  noSpeechProb: number | null;
}

/**
 * Reads openai-whisper's two numbers from the logits at the start-of-transcript
 * position (whisper/decoding.py `detect_language` and `no_speech_probs`):
 * the most probable language among `languageTokens`, and softmax mass on the no-speech token.
 */
export function readProbeLogits(
  logits: Float32Array,
  languageTokens: ReadonlyMap<number, string>,
  noSpeechToken: number | null,
): ProbeResult {
  let language: string | null = null;
  let best = -Infinity;
  for (const [id, code] of languageTokens) {
    const value = logits[id];
    if (value !== undefined && value > best) {
      best = value;
      language = code;
    }
  }
  let noSpeechProb: number | null = null;
  if (noSpeechToken !== null && logits[noSpeechToken] !== undefined) {
    noSpeechProb = Math.exp((logits[noSpeechToken] as number) - logSumExp(logits));
  }
  return { language, noSpeechProb };
}

/** An AbortError as fetch and DOM APIs throw it, so callers can test `error.name`. */
export function abortError(): DOMException {
  return new DOMException('Transcription cancelled', 'AbortError');
}

function clamp(value: number, minimum: number, maximum: number): number {
  return Math.min(maximum, Math.max(minimum, value));
}
