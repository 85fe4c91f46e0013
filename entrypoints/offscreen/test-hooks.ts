import type { RawTranscription } from '../../src/messages';
import type { Channel } from '../../src/store';

/** What an end-to-end test says a speaker said: a channel of the running recording, session seconds, the words. */
export interface GivenUtterance {
  channel: Channel;
  start: number;
  end: number;
  text: string;
}

/**
 * A transcription of `text` as Whisper reports one: words spread evenly over the
 * utterance, heard with confidence. The test model has random weights and writes
 * noise, so an end-to-end test that needs chosen words (coverage suggestions)
 * gives them here, downstream of the model; everything after it — the
 * transcription queue, the [uklart] policy, the store, the panels' notice — is
 * the recorder's own path (docs/testing.md).
 */
export function givenTranscription({ start, end, text }: GivenUtterance): RawTranscription {
  const words = text.split(/\s+/).filter((word) => word !== '');
  const step = (end - start) / Math.max(1, words.length);
  return {
    text,
    words: words.map((word, index) => ({ text: ` ${word}`, start: start + index * step, end: start + (index + 1) * step, probability: 0.99 })),
    chunks: [{ text, start, end }],
    avgLogProb: -0.1,
    compressionRatio: 1.2,
    noSpeechProb: null,
    tokenCount: words.length,
    timing: { encoderMs: null, decoderMs: null, totalMs: 0 },
  };
}
