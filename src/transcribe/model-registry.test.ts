import { describe, it, expect } from 'vitest';
import {
  KNOWN_MODELS,
  ModelManifestError,
  externalDataFiles,
  findKnownModel,
  isTestModel,
  parseKnownModels,
  parseModelManifest,
  requiredOnnxFiles,
  sha256Hex,
  verifyModelFiles,
  type ModelManifest,
} from './model-registry';

const encoder = new TextEncoder();

/** A small model folder held in memory: path -> bytes. */
function folder(): Map<string, Uint8Array> {
  return new Map([
    ['config.json', encoder.encode('{"model_type":"whisper"}')],
    ['tokenizer.json', encoder.encode('{"model":{}}')],
    ['onnx/encoder_model_quantized.onnx', new Uint8Array([1, 2, 3, 4, 5])],
    ['onnx/decoder_model_merged_quantized.onnx', new Uint8Array([9, 8, 7])],
  ]);
}

async function manifestFor(files: Map<string, Uint8Array>, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const entries = [];
  for (const [path, bytes] of files) entries.push({ path, sha256: await sha256Hex(bytes), bytes: bytes.byteLength });
  return {
    name: 'whisper-base',
    displayName: 'Whisper base',
    kind: 'real',
    sizeBytes: entries.reduce((sum, entry) => sum + entry.bytes, 0),
    languages: 'multilingual',
    dtype: 'q8',
    wordTimestamps: false,
    files: entries,
    source: 'https://huggingface.co/onnx-community/whisper-base (main)',
    ...overrides,
  };
}

function reader(files: Map<string, Uint8Array>) {
  return async (path: string) => {
    const bytes = files.get(path);
    if (!bytes) throw new Error(`ENOENT: ${path}`);
    return bytes;
  };
}

function parseError(json: unknown): ModelManifestError {
  try {
    parseModelManifest(json);
  } catch (error) {
    if (error instanceof ModelManifestError) return error;
    throw error;
  }
  throw new Error('manifest was accepted');
}

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vector for "abc"', async () => {
    expect(await sha256Hex(encoder.encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('parseModelManifest', () => {
  it('accepts a well-formed manifest and keeps its fields', async () => {
    const manifest = parseModelManifest(await manifestFor(folder()));
    expect(manifest.name).toBe('whisper-base');
    expect(manifest.dtype).toBe('q8');
    expect(manifest.files.map((file) => file.path)).toContain('onnx/decoder_model_merged_quantized.onnx');
    expect(isTestModel(manifest)).toBe(false);
  });

  it('names the field that is wrong', async () => {
    expect(parseError(null).field).toBe('manifest');
    expect(parseError(await manifestFor(folder(), { kind: 'demo' })).field).toBe('kind');
    expect(parseError(await manifestFor(folder(), { dtype: 'q3' })).field).toBe('dtype');
    expect(parseError(await manifestFor(folder(), { name: '../escape' })).field).toBe('name');
    expect(parseError(await manifestFor(folder(), { displayName: ' ' })).field).toBe('displayName');
  });

  it('rejects a checksum that is not lower-case hex SHA-256', async () => {
    const json = await manifestFor(folder());
    const files = json.files as { sha256: string }[];
    files[1]!.sha256 = files[1]!.sha256.toUpperCase();
    const error = parseError(json);
    expect(error.field).toBe('files[1].sha256');
    expect(error.message).toContain('hexadecimal');
  });

  it('rejects file paths that would leave the model folder', async () => {
    const files = folder();
    files.set('../../etc/passwd', new Uint8Array([0]));
    expect(parseError(await manifestFor(files)).field).toBe('files[4].path');
  });

  it('rejects a size that does not add up, so a truncated listing is caught', async () => {
    const error = parseError(await manifestFor(folder(), { sizeBytes: 1 }));
    expect(error.field).toBe('sizeBytes');
    expect(error.message).toMatch(/add up to \d+/);
  });

  it('rejects a manifest whose dtype needs ONNX files it does not list', async () => {
    const error = parseError(await manifestFor(folder(), { dtype: 'fp32' }));
    expect(error.message).toContain('onnx/encoder_model.onnx');
    expect(requiredOnnxFiles('fp32')).toEqual(['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx']);
  });

  it('explains that Whisper writes bokmål as "no", not "nb"', async () => {
    const error = parseError(await manifestFor(folder(), { languages: ['nb', 'nn'] }));
    expect(error.field).toBe('languages[0]');
    expect(error.message).toContain('"no"');
    expect(parseModelManifest(await manifestFor(folder(), { languages: ['no', 'nn'] })).languages).toEqual(['no', 'nn']);
  });

  it('reads the audio context a model was trained for: absent is the full window, "short" opts in', async () => {
    expect(parseModelManifest(await manifestFor(folder())).audioContext).toBeUndefined();
    expect(parseModelManifest(await manifestFor(folder(), { audioContext: 'short' })).audioContext).toBe('short');
    expect(parseModelManifest(await manifestFor(folder(), { audioContext: 'full' })).audioContext).toBe('full');
    for (const wrong of ['kort', 750, true, null]) {
      const error = parseError(await manifestFor(folder(), { audioContext: wrong }));
      expect(error.field).toBe('audioContext');
      expect(error.message).toMatch(/must be "full" or "short"/);
    }
  });
});

describe('externalDataFiles', () => {
  it("names the .onnx_data files transformers.js fetches, from the converter's per-file map", () => {
    const config = {
      'transformers.js_config': {
        dtype: 'q8',
        use_external_data_format: { 'encoder_model_quantized.onnx': 1, 'decoder_model_merged_quantized.onnx': 1, 'encoder_model.onnx': 1 },
      },
    };
    expect(externalDataFiles(config, 'q8')).toEqual([
      'onnx/encoder_model_quantized.onnx_data',
      'onnx/decoder_model_merged_quantized.onnx_data',
    ]);
    expect(externalDataFiles(config, 'fp32')).toEqual(['onnx/encoder_model.onnx_data']);
  });

  it('reads true, a chunk count and a stem as transformers.js does, and nothing when the setting is absent', () => {
    const withSetting = (value: unknown) => ({ 'transformers.js_config': { use_external_data_format: value } });
    expect(externalDataFiles(withSetting(true), 'fp32')).toEqual(['onnx/encoder_model.onnx_data', 'onnx/decoder_model_merged.onnx_data']);
    expect(externalDataFiles(withSetting({ decoder_model_merged: 2 }), 'q8')).toEqual([
      'onnx/decoder_model_merged_quantized.onnx_data',
      'onnx/decoder_model_merged_quantized.onnx_data_1',
    ]);
    expect(externalDataFiles(withSetting(false), 'q8')).toEqual([]);
    expect(externalDataFiles({ model_type: 'whisper' }, 'q8')).toEqual([]);
  });
});

describe('verifyModelFiles', () => {
  it('passes when every file matches', async () => {
    const files = folder();
    const manifest = parseModelManifest(await manifestFor(files));
    expect(await verifyModelFiles(manifest, reader(files))).toEqual({ ok: true, problems: [] });
  });

  it('reports a file whose bytes changed but whose size did not', async () => {
    const files = folder();
    const manifest: ModelManifest = parseModelManifest(await manifestFor(files));
    files.set('onnx/encoder_model_quantized.onnx', new Uint8Array([1, 2, 3, 4, 6]));
    const result = await verifyModelFiles(manifest, reader(files));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ path: 'onnx/encoder_model_quantized.onnx', problem: 'checksum' }),
    ]);
  });

  it('reports truncated and missing files, one problem each', async () => {
    const files = folder();
    const manifest = parseModelManifest(await manifestFor(files));
    files.set('onnx/decoder_model_merged_quantized.onnx', new Uint8Array([9, 8]));
    files.delete('tokenizer.json');
    const result = await verifyModelFiles(manifest, reader(files));
    expect(result.problems.map((problem) => [problem.path, problem.problem])).toEqual([
      ['tokenizer.json', 'unreadable'],
      ['onnx/decoder_model_merged_quantized.onnx', 'size'],
    ]);
  });
});

describe('KNOWN_MODELS', () => {
  it('lists the files transformers.js loads for each model and dtype', () => {
    expect(KNOWN_MODELS.length).toBeGreaterThan(0);
    for (const model of KNOWN_MODELS) {
      for (const required of ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', ...requiredOnnxFiles(model.dtype)]) {
        expect(model.files, `${model.name} lacks ${required}`).toContain(required);
      }
    }
  });

  it('offers a Norwegian model that takes "no" for bokmål and "nn" for nynorsk', () => {
    const norwegian = KNOWN_MODELS.filter((model) => Array.isArray(model.languages) && model.languages.includes('no'));
    expect(norwegian.length).toBeGreaterThan(0);
    expect(norwegian.every((model) => Array.isArray(model.languages) && model.languages.includes('nn'))).toBe(true);
  });

  it('marks word timestamps only on exports that carry cross-attentions', () => {
    expect(findKnownModel('whisper-base-timestamped')?.wordTimestamps).toBe(true);
    expect(findKnownModel('whisper-base')?.wordTimestamps).toBe(false);
    expect(findKnownModel('no-such-model')).toBeUndefined();
  });

  it('rejects an entry that would not load in transformers.js', () => {
    const entry = { ...KNOWN_MODELS[0], files: ['config.json', 'onnx/encoder_model_quantized.onnx'] };
    expect(() => parseKnownModels([entry])).toThrow(/decoder_model_merged_quantized/);
    expect(() => parseKnownModels([KNOWN_MODELS[0], KNOWN_MODELS[0]])).toThrow(/unique/);
  });
});
