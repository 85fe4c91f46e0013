/**
 * WhisperTranscriber on the committed test model (random weights) with
 * onnxruntime-node: the text means nothing, so these check what the product
 * relies on around it — times placed in the session, confidence numbers in
 * their ranges, audio reaching the model, cancellation, and no network.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goOffline, MODELS_FOLDER, TEST_MODEL } from './offline-test-support';
import { parseModelManifest } from './model-registry';
import { WhisperTranscriber } from './whisper-transcriber';
import { noiseAudio, toneAudio } from './test-audio';

const SAMPLE_RATE = 16_000;

let offline: ReturnType<typeof goOffline>;
let transcriber: WhisperTranscriber;
const progress: number[] = [];

beforeAll(async () => {
  offline = goOffline();
  const manifest = parseModelManifest(JSON.parse(await readFile(`${MODELS_FOLDER}${TEST_MODEL}/manifest.json`, 'utf8')));
  transcriber = await WhisperTranscriber.load({
    modelName: TEST_MODEL,
    device: 'cpu',
    manifest,
    onProgress: (fraction) => progress.push(fraction),
  });
});

afterAll(async () => {
  await transcriber?.dispose();
  offline.restore();
});

describe('loading', () => {
  it('names the model from its manifest, as the test model, with word timings and fp32', () => {
    expect(transcriber.info).toMatchObject({ name: TEST_MODEL, kind: 'test', dtype: 'fp32', wordTimestamps: true });
    expect(transcriber.info.displayName).toMatch(/random weights/i);
  });

  it('reports load progress rising to 1', () => {
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });
});

describe('transcribing an utterance', () => {
  it("reads the no-speech probability from generation's first step, as a separate start-of-transcript step gives it", async () => {
    // 'auto' runs the separate step (it must know the language first); a given language reads generation's first step.
    for (const audio of [toneAudio(4), noiseAudio(3)]) {
      const given = await transcriber.transcribe(audio, { offset: 0, language: 'no', wordTimestamps: false });
      const detected = await transcriber.transcribe(audio, { offset: 0, language: 'auto', wordTimestamps: false });
      expect(given.noSpeechProb).not.toBeNull();
      expect(given.noSpeechProb).toBeGreaterThan(0);
      // Relative: the test model's probabilities are small.
      expect(Math.abs((given.noSpeechProb ?? 0) / (detected.noSpeechProb ?? Number.NaN) - 1)).toBeLessThan(1e-5);
    }
  });

  it('returns words timed inside the utterance, with probabilities and segment confidence', async () => {
    const offset = 12.5;
    const seconds = 5;
    const result = await transcriber.transcribe(toneAudio(seconds), { offset, language: 'no', wordTimestamps: true });
    expect(result.text.trim().length).toBeGreaterThan(0);
    expect(result.words.length).toBeGreaterThan(0);
    for (const word of result.words) {
      expect(word.start).toBeGreaterThanOrEqual(offset);
      expect(word.end).toBeLessThanOrEqual(offset + seconds);
      expect(word.end).toBeGreaterThanOrEqual(word.start);
      expect(word.probability).not.toBeNull();
      expect(word.probability as number).toBeGreaterThan(0);
      expect(word.probability as number).toBeLessThanOrEqual(1);
    }
    expect(result.words.map((word) => word.text).join(' ')).toBe(result.text);
    expect(result.chunks.length).toBeGreaterThan(0);
    for (const chunk of result.chunks) {
      expect(chunk.start).toBeGreaterThanOrEqual(offset);
      expect(chunk.end).toBeLessThanOrEqual(offset + seconds);
    }
    expect(result.avgLogProb).toBeLessThanOrEqual(0);
    expect(result.compressionRatio).toBeGreaterThan(0);
    expect(result.tokenCount).toBeGreaterThan(0);
    expect(result.noSpeechProb).toBeGreaterThanOrEqual(0);
    expect(result.noSpeechProb).toBeLessThanOrEqual(1);
    expect(result.timing.totalMs).toBeGreaterThan(0);
    expect(result.timing.encoderMs).toBeGreaterThan(0);
    expect(result.timing.decoderMs).toBeGreaterThan(0);
  });

  it('shifts every time by the offset and nothing else', async () => {
    const audio = toneAudio(5);
    const atZero = await transcriber.transcribe(audio, { offset: 0, language: 'no', wordTimestamps: true });
    const later = await transcriber.transcribe(audio, { offset: 100, language: 'no', wordTimestamps: true });
    expect(later.text).toBe(atZero.text);
    expect(later.words.map((word) => word.start - 100)).toEqual(atZero.words.map((word) => expect.closeTo(word.start, 6)));
    expect(later.chunks.map((chunk) => chunk.end - 100)).toEqual(atZero.chunks.map((chunk) => expect.closeTo(chunk.end, 6)));
  });

  it('hears the audio: a tone, noise and silence are transcribed differently', async () => {
    // The test model's timestamp-mode text is fixed by its output-layer shaping
    // (make-test-model.py), so the audio shows in word timings and confidence.
    const options = { offset: 0, language: 'no', wordTimestamps: true } as const;
    const transcriptions = new Set<string>();
    for (const audio of [toneAudio(5), noiseAudio(5), new Float32Array(SAMPLE_RATE * 5)]) {
      const result = await transcriber.transcribe(audio, options);
      transcriptions.add(JSON.stringify([result.text, result.words, result.avgLogProb]));
    }
    expect(transcriptions.size).toBe(3);
  });

  it('still gives timed words with probabilities when word timings are not asked for', async () => {
    const result = await transcriber.transcribe(toneAudio(4), { offset: 3, language: 'nn', wordTimestamps: false });
    expect(result.words.length).toBeGreaterThan(0);
    const chunk = result.chunks[0];
    for (const word of result.words) {
      expect(word.start).toBeGreaterThanOrEqual(chunk?.start ?? 3);
      expect(word.end).toBeLessThanOrEqual(result.chunks.at(-1)?.end ?? 7);
      expect(word.probability).toBeGreaterThan(0);
    }
  });

  it('detects the language itself when asked for auto', async () => {
    const result = await transcriber.transcribe(toneAudio(5), { offset: 0, language: 'auto', wordTimestamps: true });
    expect(result.text.trim().length).toBeGreaterThan(0);
    expect(result.words.length).toBeGreaterThan(0);
  });

  it('transcribes audio longer than one 30 s window, with times running on', async () => {
    const result = await transcriber.transcribe(toneAudio(40), { offset: 0, language: 'no', wordTimestamps: true });
    expect(result.chunks.some((chunk) => chunk.start >= 30)).toBe(true);
    expect(result.words.every((word) => word.end <= 40)).toBe(true);
  });
});

describe('cancelling', () => {
  it('rejects with an AbortError when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      transcriber.transcribe(toneAudio(5), { offset: 0, language: 'no', wordTimestamps: true, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops a transcription under way, and the next one still works', async () => {
    const controller = new AbortController();
    const running = transcriber.transcribe(toneAudio(60), {
      offset: 0,
      language: 'no',
      wordTimestamps: true,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 0);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    const after = await transcriber.transcribe(toneAudio(5), { offset: 0, language: 'no', wordTimestamps: true });
    expect(after.words.length).toBeGreaterThan(0);
  });
});

describe('privacy', () => {
  it('never touched the network', () => {
    expect(offline.networkCalls).toEqual([]);
  });
});

describe('bounding the decoding', () => {
  it('decodes at most 12 tokens a second of audio (16 at least), and never past the cap', () => {
    expect(transcriber.tokenBound(0.5)).toBe(16);
    expect(transcriber.tokenBound(5)).toBe(60);
    expect(transcriber.tokenBound(30)).toBe(224);
  });
});
