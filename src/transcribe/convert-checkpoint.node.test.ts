/**
 * The model converter (scripts/models/convert-checkpoint.py) on checkpoints in
 * the formats researchers download: the test model's weights written as a
 * Hugging Face safetensors folder and as an NbAiLab-style ONNX folder
 * (scripts/models/write-test-checkpoint.py). Converted, each must transcribe
 * exactly as the committed test model does (same text, tokens, segment and
 * word times) through the product's WhisperTranscriber, and its encoder must
 * equal the standard fixed-length export at 3000 frames.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawTranscription } from '../messages/transcription-protocol';
import { goOffline, MODELS_FOLDER, readManifest, TEST_MODEL, transcribeWith, visible } from './offline-test-support';
import { verifyModelFiles } from './model-registry';
import { converterArguments } from '../../scripts/models/model-download.mjs';

const PYTHON = '/usr/bin/python3';
const SCRIPTS = fileURLToPath(new URL('../../scripts/models/', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

interface Converted {
  output: string;
  name: string;
  input: 'safetensors' | 'onnx';
  dtype: string;
  wordTimestamps: boolean;
  encoderMaxAbsDifference: number;
  shortShape: number[];
}

function python(
  script: string,
  args: string[],
  environment: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(PYTHON, [join(SCRIPTS, script), ...args], { encoding: 'utf8', env: { ...process.env, ...environment } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function convert(folder: string, args: string[], environment: Record<string, string> = {}): Converted {
  const result = python('convert-checkpoint.py', [folder, ...args], environment);
  if (result.status !== 0) throw new Error(`converter failed (${result.status}):\n${result.stderr}`);
  const line = result.stdout.split('\n').find((text) => text.startsWith('CONVERTED '));
  if (!line) throw new Error(`converter printed no result:\n${result.stdout}`);
  return JSON.parse(line.slice('CONVERTED '.length)) as Converted;
}

/**
 * The length of the cross-attention caches the merged decoder hands back from a
 * cached step (`use_cache_branch` true), per layer. Zero, as in Optimum's merged
 * decoders: transformers.js keeps the first step's, so a full copy handed back
 * every step is time for nothing (more than twice a step's cost at base size).
 */
async function cachedStepCrossCacheLengths(folder: string): Promise<number[]> {
  const config = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8')) as {
    d_model: number;
    decoder_attention_heads: number;
    decoder_layers: number;
  };
  const heads = config.decoder_attention_heads;
  const headSize = config.d_model / heads;
  const frames = 1500;
  const session = await ort.InferenceSession.create(join(folder, 'onnx', 'decoder_model_merged.onnx'));
  try {
    const floats = (dims: number[]) => new ort.Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(0.01), dims);
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from([5n]), [1, 1]),
      encoder_hidden_states: floats([1, frames, config.d_model]),
      use_cache_branch: new ort.Tensor('bool', Uint8Array.from([1]), [1]),
    };
    for (let layer = 0; layer < config.decoder_layers; layer++) {
      for (const part of ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value']) {
        feeds[`past_key_values.${layer}.${part}`] = floats([1, heads, part.startsWith('decoder') ? 3 : frames, headSize]);
      }
    }
    const outputs = await session.run(feeds);
    expect(outputs['present.0.decoder.key']?.dims).toEqual([1, heads, 4, headSize]);
    return Array.from({ length: config.decoder_layers }, (_, layer) => [
      outputs[`present.${layer}.encoder.key`]?.dims[2],
      outputs[`present.${layer}.encoder.value`]?.dims[2],
    ]).flat().map((length) => length ?? -1);
  } finally {
    await session.release();
  }
}

let scratch: string;
let offline: ReturnType<typeof goOffline>;
let fromSafetensors: Converted;
let fromOnnx: Converted;
let reference: RawTranscription;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'intervju-convert-'));
  for (const form of ['safetensors', 'onnx']) {
    const written = python('write-test-checkpoint.py', [form, join(scratch, form)]);
    if (written.status !== 0) throw new Error(`write-test-checkpoint.py ${form} failed:\n${written.stderr}`);
  }
  const out = join(scratch, 'models');
  fromSafetensors = convert(join(scratch, 'safetensors'), ['--name', 'converted-hf', '--dtype', 'both', '--out', join(out, 'converted-hf')]);
  fromOnnx = convert(join(scratch, 'onnx'), [
    '--name', 'converted-nb', '--dtype', 'both', '--audio-context', 'short', '--out', join(out, 'converted-nb'),
  ]);
  offline = goOffline();
  reference = await transcribeWith(MODELS_FOLDER, TEST_MODEL, 'fp32');
}, 90_000);

afterAll(async () => {
  offline?.restore();
  env.localModelPath = MODELS_FOLDER;
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('a Hugging Face safetensors checkpoint (sharded, F32/F16/BF16)', () => {
  it('gets an encoder that takes short inputs and equals the fixed-length export at 3000 frames', () => {
    expect(fromSafetensors.input).toBe('safetensors');
    expect(fromSafetensors.encoderMaxAbsDifference).toBeLessThanOrEqual(1e-4);
    expect(fromSafetensors.shortShape).toEqual([1, 500, 64]);
  });

  it('transcribes as the committed test model does: text, tokens, segment and word times', async () => {
    const converted = await transcribeWith(join(scratch, 'models'), 'converted-hf', 'fp32');
    expect(reference.text.trim().length).toBeGreaterThan(0);
    expect(reference.words.length).toBeGreaterThan(0);
    expect(visible(converted)).toEqual(visible(reference));
  });

  it('writes q8 and fp32 files, all listed with their SHA-256 in a manifest of a real model', async () => {
    const folder = join(scratch, 'models', 'converted-hf');
    const manifest = await readManifest(folder);
    expect(manifest).toMatchObject({ kind: 'real', dtype: 'q8', wordTimestamps: true });
    expect(manifest.files.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        'onnx/encoder_model.onnx',
        'onnx/encoder_model_quantized.onnx',
        'onnx/decoder_model_merged.onnx',
        'onnx/decoder_model_merged_quantized.onnx',
        'tokenizer.json',
        'generation_config.json',
      ]),
    );
    const checked = await verifyModelFiles(manifest, async (path) => new Uint8Array(await readFile(join(folder, path))));
    expect(checked.problems).toEqual([]);
    const generation = JSON.parse(await readFile(join(folder, 'generation_config.json'), 'utf8')) as { alignment_heads?: unknown };
    expect(generation.alignment_heads).toEqual([[1, 0], [1, 1], [1, 2], [1, 3]]);
    const q8 = await transcribeWith(join(scratch, 'models'), 'converted-hf', 'q8');
    expect(q8.chunks.length).toBeGreaterThan(0);
  });

  it("gets a decoder whose cached steps hand back empty cross-attention caches, as Optimum's do", async () => {
    const lengths = await cachedStepCrossCacheLengths(join(scratch, 'models', 'converted-hf'));
    expect(lengths.length).toBeGreaterThan(0);
    expect(lengths.every((length) => length === 0)).toBe(true);
  });
});

describe("an NbAiLab-style ONNX folder (fixed-length encoder, decoders not merged)", () => {
  it("gets an encoder that takes short inputs and equals NbAiLab's own at 3000 frames", () => {
    expect(fromOnnx.input).toBe('onnx');
    expect(fromOnnx.encoderMaxAbsDifference).toBeLessThanOrEqual(1e-4);
    expect(fromOnnx.shortShape).toEqual([1, 500, 64]);
  });

  it('transcribes as the committed test model does: text, tokens, segment and word times', async () => {
    const converted = await transcribeWith(join(scratch, 'models'), 'converted-nb', 'fp32');
    expect(visible(converted)).toEqual(visible(reference));
  });

  it("gets a decoder whose cached steps hand back empty cross-attention caches, as Optimum's do", async () => {
    const lengths = await cachedStepCrossCacheLengths(join(scratch, 'models', 'converted-nb'));
    expect(lengths.length).toBeGreaterThan(0);
    expect(lengths.every((length) => length === 0)).toBe(true);
  });

  it('says in its manifest that the model was trained for a short audio context when told so', async () => {
    const raw = JSON.parse(await readFile(join(scratch, 'models', 'converted-nb', 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(raw).toMatchObject({ kind: 'real', dtype: 'q8', audioContext: 'short' });
    expect(JSON.parse(await readFile(join(scratch, 'models', 'converted-hf', 'manifest.json'), 'utf8'))).not.toHaveProperty('audioContext');
  });
});

describe('checkpoints fetched or assembled by hand', () => {
  it('converts a checkpoint downloaded by models:fetch with the command its plan gives', async () => {
    const modelsFolder = join(scratch, 'fetched');
    await cp(join(scratch, 'safetensors'), join(modelsFolder, '.checkpoints', 'nb-test'), { recursive: true });
    const entry = {
      name: 'nb-test', displayName: 'NB test (converted here)', repository: 'NbAiLab/nb-test', revision: 'main',
      dtype: 'q8', languages: ['no', 'nn', 'en'], wordTimestamps: true, files: [], approximateBytes: 1,
      checkpoint: { format: 'safetensors', files: [] },
    };
    const [script, ...args] = converterArguments(entry, REPOSITORY, modelsFolder, 'abc123');
    const result = spawnSync(PYTHON, [script!, ...args], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const manifest = await readManifest(join(modelsFolder, 'nb-test'));
    expect(manifest).toMatchObject({
      name: 'nb-test', displayName: 'NB test (converted here)', kind: 'real', dtype: 'q8', languages: ['no', 'nn', 'en'],
      wordTimestamps: true,
    });
    expect(manifest.source).toContain('https://huggingface.co/NbAiLab/nb-test at abc123');
  });

  it("takes the tokenizer and configs a checkpoint lacks (FUTO's acft-whisper) from --configs-from", async () => {
    const folder = await mkdtemp(join(scratch, 'weights-only-'));
    await cp(join(scratch, 'safetensors'), folder, { recursive: true });
    for (const name of ['tokenizer.json', 'tokenizer_config.json', 'generation_config.json', 'preprocessor_config.json']) {
      await rm(join(folder, name));
    }
    const converted = convert(folder, ['--dtype', 'fp32', '--configs-from', join(scratch, 'onnx'), '--audio-context', 'short', '--out', join(folder, 'out')]);
    expect(converted.wordTimestamps).toBe(true);
    expect(await readFile(join(folder, 'out', 'tokenizer.json'), 'utf8')).toBe(await readFile(join(scratch, 'onnx', 'tokenizer.json'), 'utf8'));
  });
});

describe("a model over ONNX's 2 GB limit for one file (Whisper large)", () => {
  it('goes through external data files to the same q8 model, and is refused as fp32', async () => {
    // A limit of 100 kB sends the test model down the path large's 3.9 GB fp32 decoder takes.
    const small = { INTERVJU_ONNX_FILE_LIMIT: '100000' };
    const out = join(scratch, 'models', 'converted-nb-large-path');
    convert(join(scratch, 'onnx'), ['--name', 'converted-nb-large-path', '--dtype', 'q8', '--out', out], small);
    const manifest = await readManifest(out);
    expect(manifest.files.map((file) => file.path).filter((path) => path.startsWith('onnx/'))).toEqual([
      'onnx/decoder_model_merged_quantized.onnx',
      'onnx/decoder_model_merged_quantized.onnx_data',
      'onnx/encoder_model_quantized.onnx',
      'onnx/encoder_model_quantized.onnx_data',
    ]);
    const viaExternalData = await transcribeWith(join(scratch, 'models'), 'converted-nb-large-path', 'q8');
    const direct = await transcribeWith(join(scratch, 'models'), 'converted-nb', 'q8');
    expect(visible(viaExternalData)).toEqual(visible(direct));

    const refused = python('convert-checkpoint.py', [join(scratch, 'onnx'), '--dtype', 'both', '--out', join(scratch, 'refused')], small);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/over ONNX's 2 GB limit for one file.*--dtype q8/);
  });
});

describe('folders the converter refuses', () => {
  async function refusal(prepare: (folder: string) => Promise<void>): Promise<string> {
    const folder = await mkdtemp(join(scratch, 'bad-'));
    await cp(join(scratch, 'safetensors'), folder, { recursive: true });
    await prepare(folder);
    const result = python('convert-checkpoint.py', [folder, '--out', join(folder, 'out')]);
    expect(result.status).toBe(2);
    return result.stderr;
  }

  it('names the missing weights', async () => {
    const message = await refusal(async (folder) => {
      for (const name of ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors', 'model.safetensors.index.json']) {
        await rm(join(folder, name));
      }
    });
    expect(message).toMatch(/has no weights: neither model\.safetensors/);
  });

  it('names a missing tokenizer', async () => {
    const message = await refusal((folder) => rm(join(folder, 'tokenizer.json')));
    expect(message).toMatch(/lacks tokenizer\.json/);
  });

  it('names a missing config', async () => {
    const message = await refusal((folder) => rm(join(folder, 'config.json')));
    expect(message).toMatch(/lacks config\.json/);
  });

  it('refuses an architecture that is not Whisper', async () => {
    const message = await refusal(async (folder) => {
      const config = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
      await writeFile(join(folder, 'config.json'), JSON.stringify({ ...config, model_type: 'wav2vec2', architectures: ['Wav2Vec2ForCTC'] }));
    });
    expect(message).toMatch(/unknown architecture: config\.json says model_type 'wav2vec2'/);
  });
});
