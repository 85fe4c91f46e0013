/**
 * Short-context decoding on the committed test model (random weights; its
 * encoder takes fewer than 3000 feature frames, scripts/models/test_model_network.py),
 * through the real transformers.js and onnxruntime-node. The text means nothing;
 * what is checked is which encoder context runs when, and that a short context
 * keeps the times, word times, no-speech probability and token bound right.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawTranscription } from '../messages';
import { parseModelManifest, type ModelManifest } from './model-registry';
import { goOffline, MODELS_FOLDER, TEST_MODEL } from './offline-test-support';
import { needsFullContext, type ContextCheckInput } from './short-context';
import { WhisperTranscriber, type WhisperLoadOptions } from './whisper-transcriber';
import { toneAudio } from './test-audio';

const SAMPLE_RATE = 16_000;

let offline: ReturnType<typeof goOffline>;
let manifest: ModelManifest;
const loaded: WhisperTranscriber[] = [];
const fallbackChecks: ContextCheckInput[] = [];

async function load(audioContext: ModelManifest['audioContext'], options: Partial<WhisperLoadOptions> = {}): Promise<WhisperTranscriber> {
  const transcriber = await WhisperTranscriber.load({
    modelName: TEST_MODEL,
    device: 'cpu',
    manifest: { ...manifest, ...(audioContext ? { audioContext } : {}) },
    ...options,
  });
  loaded.push(transcriber);
  return transcriber;
}

/** The transcription without its timings and diagnostics, which differ from run to run. */
function content(result: RawTranscription) {
  const { timing: _timing, encoderContext: _context, ...rest } = result;
  return rest;
}

let full: WhisperTranscriber;
let short: WhisperTranscriber;

beforeAll(async () => {
  offline = goOffline();
  manifest = parseModelManifest(JSON.parse(await readFile(`${MODELS_FOLDER}${TEST_MODEL}/manifest.json`, 'utf8')));
  full = await load(undefined);
  // The default decision, watched: the test model's nonsense must not decide this test's path.
  short = await load('short', { needsFullContext: (result) => (fallbackChecks.push(result), false) });
}, 60_000);

afterAll(async () => {
  for (const transcriber of loaded) await transcriber.dispose();
  offline.restore();
});

const live = { offset: 0, language: 'no', wordTimestamps: true, shortContext: true } as const;

describe("the manifest's audioContext decides which encoder context runs", () => {
  it('reports what the model was trained for', () => {
    expect(full.info.audioContext).toBe('full');
    expect(short.info.audioContext).toBe('short');
  });

  it('a model without it always reads the full 30 s window, even when the live path asks for a short one', async () => {
    const result = await full.transcribe(toneAudio(5), live);
    expect(result.encoderContext).toEqual({ inputFrames: [3000], fullWindowFallback: false });
  });

  it("a short-context model reads the utterance plus the margin on the live path, and the full window elsewhere", async () => {
    const liveResult = await short.transcribe(toneAudio(5), live);
    // 5 s: 250 encoder positions + 32, two feature frames each.
    expect(liveResult.encoderContext).toEqual({ inputFrames: [564], fullWindowFallback: false });
    const imported = await short.transcribe(toneAudio(5), { ...live, shortContext: false });
    expect(imported.encoderContext?.inputFrames).toEqual([3000]);
    // The shortest context is 3.2 s.
    expect((await short.transcribe(toneAudio(1), live)).encoderContext?.inputFrames).toEqual([320]);
  });
});

describe('a short context', () => {
  it('of 3000 frames gives exactly the full window result', async () => {
    const wholeWindow = await load('short', { shortContextFrames: () => 1500 });
    const audio = toneAudio(5);
    const shortPath = await wholeWindow.transcribe(audio, { ...live, offset: 7 });
    const fullPath = await full.transcribe(audio, { ...live, offset: 7 });
    expect(shortPath.encoderContext?.inputFrames).toEqual([3000]);
    expect(content(shortPath)).toEqual(content(fullPath));
  });

  it('keeps segment and word times inside the utterance, the no-speech probability and the token bound', async () => {
    const offset = 42;
    for (const seconds of [1.3, 5, 12]) {
      const result = await short.transcribe(toneAudio(seconds), { ...live, offset });
      expect(result.encoderContext?.inputFrames[0]).toBeLessThan(3000);
      expect(result.words.length).toBeGreaterThan(0);
      for (const span of [...result.chunks, ...result.words]) {
        expect(span.start).toBeGreaterThanOrEqual(offset);
        expect(span.end).toBeLessThanOrEqual(offset + seconds);
        expect(span.end).toBeGreaterThanOrEqual(span.start);
      }
      expect(result.noSpeechProb).toBeGreaterThan(0);
      expect(result.noSpeechProb).toBeLessThan(1);
      expect(result.tokenCount).toBeLessThanOrEqual(short.tokenBound(seconds));
    }
  });

  it('hears the audio: a tone and silence are decoded differently', async () => {
    const tone = await short.transcribe(toneAudio(4), live);
    const silence = await short.transcribe(new Float32Array(4 * SAMPLE_RATE), live);
    expect(JSON.stringify([tone.words, tone.avgLogProb])).not.toBe(JSON.stringify([silence.words, silence.avgLogProb]));
  });

  it('asks the fallback decision with what the [uklart] checks read', () => {
    expect(fallbackChecks.length).toBeGreaterThan(0);
    for (const check of fallbackChecks) {
      expect(typeof check.text).toBe('string');
      expect(check.avgLogProb).toBeLessThanOrEqual(0);
      expect(check.compressionRatio).toBeGreaterThan(0);
    }
  });
});

describe('falling back to the full window', () => {
  it('replaces a doubted short-context result with the full window result', async () => {
    const doubting = await load('short', { needsFullContext: () => true });
    const audio = toneAudio(5);
    const result = await doubting.transcribe(audio, { ...live, offset: 3 });
    expect(result.encoderContext).toEqual({ inputFrames: [564, 3000], fullWindowFallback: true });
    expect(content(result)).toEqual(content(await full.transcribe(audio, { ...live, offset: 3 })));
  });

  it('by default when the hallucination checks fire on the short result', async () => {
    const standard = await load('short');
    const result = await standard.transcribe(toneAudio(5), live);
    const shortOnly = await short.transcribe(toneAudio(5), live);
    expect(result.encoderContext?.fullWindowFallback).toBe(needsFullContext(shortOnly));
    expect(result.encoderContext?.inputFrames).toEqual(needsFullContext(shortOnly) ? [564, 3000] : [564]);
  });

  it('never touched the network', () => {
    expect(offline.networkCalls).toEqual([]);
  });
});
