/**
 * Which model folders the build ships (modules/runtime-assets.ts, `bundledModels`):
 * a model whose weights are ONNX external data ships its `.onnx_data` files,
 * and one whose config.json asks transformers.js for a data file its manifest
 * does not list is left out with a warning (it would fail to load in the worker).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledModels } from '../../modules/runtime-assets';

const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Writes models/<name>/ with these files and a manifest listing `listed` of them. */
function modelFolder(root: string, name: string, files: Record<string, string>, listed: string[]): void {
  const folder = path.join(root, name);
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    writeFileSync(path.join(folder, relative), text);
  }
  const entries = listed.map((relative) => ({
    path: relative,
    sha256: createHash('sha256').update(files[relative]!).digest('hex'),
    bytes: Buffer.byteLength(files[relative]!),
  }));
  const manifest = {
    name, displayName: name, kind: 'real', languages: 'multilingual', dtype: 'q8', wordTimestamps: false, source: 'test',
    files: entries, sizeBytes: entries.reduce((sum, entry) => sum + entry.bytes, 0),
  };
  writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest));
}

const CONFIG = JSON.stringify({
  model_type: 'whisper',
  'transformers.js_config': {
    dtype: 'q8',
    use_external_data_format: { 'encoder_model_quantized.onnx': 1, 'decoder_model_merged_quantized.onnx': 1 },
  },
});
const FILES = {
  'config.json': CONFIG,
  'tokenizer.json': '{}',
  'onnx/encoder_model_quantized.onnx': 'graph',
  'onnx/encoder_model_quantized.onnx_data': 'weights',
  'onnx/decoder_model_merged_quantized.onnx': 'graph',
  'onnx/decoder_model_merged_quantized.onnx_data': 'weights',
};

describe('bundledModels', () => {
  it('ships the .onnx_data files of a model whose weights are external data', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'intervju-bundled-'));
    roots.push(root);
    modelFolder(root, 'external', FILES, Object.keys(FILES));
    const warnings: string[] = [];
    const models = bundledModels(root, (message) => warnings.push(message));
    expect(warnings).toEqual([]);
    expect(models.map(({ manifest }) => manifest.files.map((file) => file.path))).toEqual([Object.keys(FILES)]);
  });

  it("leaves out a model whose config asks for a data file the manifest does not list, naming it", () => {
    const root = mkdtempSync(path.join(tmpdir(), 'intervju-bundled-'));
    roots.push(root);
    modelFolder(root, 'unlisted', FILES, Object.keys(FILES).filter((file) => !file.startsWith('onnx/decoder_model_merged_quantized.onnx_')));
    const warnings: string[] = [];
    expect(bundledModels(root, (message) => warnings.push(message))).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('onnx/decoder_model_merged_quantized.onnx_data')]);
  });
});
