/**
 * Runs the real transformers.js Whisper pipeline, offline, on the committed
 * test model (models/intervju-test-tiny, made by scripts/models/make-test-model.py).
 *
 * The model has random weights: its text means nothing, so nothing here checks
 * words. What is checked is everything around them that the product relies on:
 * the model folder loads from disk with no network, audio reaches the model,
 * language and task tokens are accepted, and timestamps and word timestamps
 * come back in the shape the transcript code reads.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goOffline, MODELS_FOLDER, TEST_MODEL } from './offline-test-support';
import { pipeline, type AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import { parseModelManifest, verifyModelFiles } from './model-registry';
import { toneAudio } from './test-audio';

const SAMPLE_RATE = 16_000;

interface Chunk {
  text: string;
  timestamp: [number | null, number | null];
}
interface Transcript {
  text: string;
  chunks?: Chunk[];
}

let offline: ReturnType<typeof goOffline>;
let transcriber: AutomaticSpeechRecognitionPipeline;

async function transcribe(audio: Float32Array, options: Record<string, unknown>): Promise<Transcript> {
  return (await transcriber(audio, options)) as Transcript;
}

beforeAll(async () => {
  offline = goOffline();
  transcriber = (await pipeline('automatic-speech-recognition', TEST_MODEL, {
    dtype: 'fp32',
    device: 'cpu',
  })) as AutomaticSpeechRecognitionPipeline;
});

afterAll(async () => {
  await transcriber?.dispose();
  offline.restore();
});

describe('the committed test model', () => {
  it('matches its manifest, byte for byte', async () => {
    const folder = `${MODELS_FOLDER}${TEST_MODEL}/`;
    const manifest = parseModelManifest(JSON.parse(await readFile(`${folder}manifest.json`, 'utf8')));
    expect(manifest.kind).toBe('test');
    const result = await verifyModelFiles(manifest, async (path) => new Uint8Array(await readFile(folder + path)));
    expect(result.problems).toEqual([]);
  });
});

describe('transformers.js Whisper pipeline on the test model', () => {
  it('transcribes Norwegian audio to text, the same text each time', async () => {
    const audio = toneAudio(5);
    const first = await transcribe(audio, { language: 'no', task: 'transcribe' });
    expect(typeof first.text).toBe('string');
    expect(first.text.trim().length).toBeGreaterThan(0);
    expect(await transcribe(audio, { language: 'no', task: 'transcribe' })).toEqual(first);
  });

  it('hears the audio: a tone and silence give different text', async () => {
    const tone = await transcribe(toneAudio(5), { language: 'no', task: 'transcribe' });
    const silence = await transcribe(new Float32Array(SAMPLE_RATE * 5), { language: 'no', task: 'transcribe' });
    expect(tone.text).not.toBe(silence.text);
  });

  it('returns segments with numeric start and end times within the window', async () => {
    const result = await transcribe(toneAudio(5), { language: 'no', task: 'transcribe', return_timestamps: true });
    expect(result.chunks?.length).toBeGreaterThan(0);
    for (const chunk of result.chunks ?? []) {
      const [start, end] = chunk.timestamp;
      expect(typeof start).toBe('number');
      expect(typeof end).toBe('number');
      expect(start as number).toBeGreaterThanOrEqual(0);
      expect(end as number).toBeGreaterThan(start as number);
      expect(end as number).toBeLessThanOrEqual(30);
    }
    expect(result.chunks?.map((chunk) => chunk.text).join('')).toBe(result.text);
  });

  it('returns words with numeric times for word timestamps', async () => {
    const result = await transcribe(toneAudio(5), { language: 'nn', task: 'transcribe', return_timestamps: 'word' });
    const words = result.chunks ?? [];
    expect(words.length).toBeGreaterThan(0);
    for (const word of words) {
      const [start, end] = word.timestamp;
      expect(typeof start).toBe('number');
      expect(typeof end).toBe('number');
      expect(end as number).toBeGreaterThanOrEqual(start as number);
    }
    expect(words.map((word) => word.text).join('').trim()).toBe(result.text.trim());
  });

  it('accepts bokmål as "no" and rejects "nb", which Whisper does not know', async () => {
    await expect(transcribe(toneAudio(1), { language: 'nb' })).rejects.toThrow(/not supported/);
  });

  it('never touched the network', () => {
    expect(offline.networkCalls).toEqual([]);
  });
});
