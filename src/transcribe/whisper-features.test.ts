import { WhisperFeatureExtractor } from '@huggingface/transformers';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS_FOLDER, TEST_MODEL } from './offline-test-support';
import { windowFeatures, type WhisperFeatureExtractorLike } from './whisper-features';

const config = JSON.parse(readFileSync(path.join(MODELS_FOLDER, TEST_MODEL, 'preprocessor_config.json'), 'utf8')) as Record<string, unknown>;
const extractor = new WhisperFeatureExtractor(config) as unknown as WhisperFeatureExtractorLike & {
  _call(audio: Float32Array): Promise<{ input_features: { data: Float32Array; dims: number[] } }>;
};

/** Speech-band tones with a changing envelope, so the loudest frame is somewhere inside. */
function audio(seconds: number): Float32Array {
  const samples = new Float32Array(Math.round(seconds * 16_000));
  for (let index = 0; index < samples.length; index++) {
    const time = index / 16_000;
    samples[index] = 0.4 * Math.sin(2 * Math.PI * (220 + 40 * time) * time) * Math.sin(Math.PI * 1.3 * time) + 0.05 * Math.sin(2 * Math.PI * 1900 * time);
  }
  return samples;
}

describe("Whisper's input features without the padding's frames", () => {
  it('equal transformers.js computing the whole 30 s window, for short and long audio and silence', async () => {
    for (const samples of [audio(0.3), audio(5), audio(12.345), audio(29.9), audio(30), new Float32Array(16_000)]) {
      const expected = (await extractor._call(samples)).input_features;
      const ours = await windowFeatures(extractor, samples);
      expect(ours.dims).toEqual(expected.dims);
      let largest = 0;
      for (let index = 0; index < ours.data.length; index++) {
        largest = Math.max(largest, Math.abs((ours.data[index] as number) - (expected.data[index] as number)));
      }
      // Not bit for bit: the mel product runs through onnxruntime's MatMul, whose blocking depends on the width.
      expect(largest).toBeLessThan(1e-6);
    }
  });

  it('for a short context, are the full window cut after its frames', async () => {
    for (const [samples, frames] of [[audio(5), 564], [audio(0.3), 320], [audio(2.9), 292], [audio(28), 2864]] as const) {
      const full = await windowFeatures(extractor, samples);
      const short = await windowFeatures(extractor, samples, frames);
      expect(short.dims).toEqual([1, 80, frames]);
      let largest = 0;
      for (let bin = 0; bin < 80; bin++) {
        for (let frame = 0; frame < frames; frame++) {
          const difference = Math.abs((short.data[bin * frames + frame] as number) - (full.data[bin * 3000 + frame] as number));
          largest = Math.max(largest, difference);
        }
      }
      expect(largest).toBeLessThan(1e-6);
    }
    // Fewer frames than the audio needs would drop speech.
    await expect(windowFeatures(extractor, audio(5), 400)).rejects.toThrow(RangeError);
  });

  it('refuses more than one window of audio', async () => {
    await expect(windowFeatures(extractor, new Float32Array(480_001))).rejects.toThrow(RangeError);
  });
});
