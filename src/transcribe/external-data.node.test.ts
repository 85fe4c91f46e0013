/**
 * Models whose weights are ONNX external data (`<file>.onnx_data` beside each
 * `.onnx`), as the converter (scripts/models/convert-checkpoint.py) writes them
 * by default so onnxruntime-web copies the weights once (docs/transcription.md,
 * "Memory"). The test model's weights (write-test-checkpoint.py) converted with
 * and without external data must transcribe alike, and as the committed
 * `intervju-test-tiny` does; the manifest must cover the data files, so one
 * changed byte in them fails its check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalDataFiles, verifyModelFiles } from './model-registry';
import { goOffline, MODELS_FOLDER, readManifest, TEST_MODEL, transcribeWith, visible } from './offline-test-support';

const PYTHON = '/usr/bin/python3';
const SCRIPTS = fileURLToPath(new URL('../../scripts/models/', import.meta.url));
const ONNX_FILES = [
  'onnx/decoder_model_merged.onnx',
  'onnx/decoder_model_merged_quantized.onnx',
  'onnx/encoder_model.onnx',
  'onnx/encoder_model_quantized.onnx',
];

function python(script: string, args: string[]): string {
  const result = spawnSync(PYTHON, [join(SCRIPTS, script), ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${script} failed (${result.status}):\n${result.stderr}`);
  return result.stdout;
}

let scratch: string;
let models: string;
let offline: ReturnType<typeof goOffline>;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'intervju-external-data-'));
  models = join(scratch, 'models');
  python('write-test-checkpoint.py', ['safetensors', join(scratch, 'checkpoint')]);
  python('convert-checkpoint.py', [join(scratch, 'checkpoint'), '--name', 'external', '--dtype', 'both', '--out', join(models, 'external')]);
  python('convert-checkpoint.py', [
    join(scratch, 'checkpoint'), '--name', 'whole', '--dtype', 'both', '--no-external-data', '--out', join(models, 'whole'),
  ]);
  offline = goOffline();
}, 60_000);

afterAll(async () => {
  offline?.restore();
  env.localModelPath = MODELS_FOLDER;
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('a model converted with its weights as external data (the default)', () => {
  it('keeps the weights beside each graph, lists every data file, and tells transformers.js to fetch them', async () => {
    const folder = join(models, 'external');
    const manifest = await readManifest(folder);
    const paths = manifest.files.map((file) => file.path);
    for (const onnxFile of ONNX_FILES) {
      expect(paths).toContain(onnxFile);
      expect(paths).toContain(`${onnxFile}_data`);
      // The graph alone is a small part: the weights are in the data file.
      expect((await stat(join(folder, onnxFile))).size).toBeLessThan((await stat(join(folder, `${onnxFile}_data`))).size);
    }
    const config = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config['transformers.js_config']).toEqual({
      dtype: 'q8',
      use_external_data_format: Object.fromEntries(ONNX_FILES.map((file) => [file.slice('onnx/'.length), 1])),
    });
    expect(externalDataFiles(config, 'q8')).toEqual([
      'onnx/encoder_model_quantized.onnx_data',
      'onnx/decoder_model_merged_quantized.onnx_data',
    ]);
    expect((await verifyModelFiles(manifest, async (path) => new Uint8Array(await readFile(join(folder, path))))).problems).toEqual([]);
  });

  it('transcribes as the committed test model does (fp32) and as the single-file conversion does (q8)', async () => {
    const reference = await transcribeWith(MODELS_FOLDER, TEST_MODEL, 'fp32');
    const external = await transcribeWith(models, 'external', 'fp32');
    expect(reference.text.trim().length).toBeGreaterThan(0);
    expect(reference.words.length).toBeGreaterThan(0);
    expect(visible(external)).toEqual(visible(reference));

    const externalQ8 = await transcribeWith(models, 'external', 'q8');
    const wholeQ8 = await transcribeWith(models, 'whole', 'q8');
    expect(externalQ8.chunks.length).toBeGreaterThan(0);
    expect(visible(externalQ8)).toEqual(visible(wholeQ8));
    expect(offline.networkCalls).toEqual([]);
  });

  it('fails its manifest check when one byte of a data file changes', async () => {
    const folder = join(models, 'external');
    const manifest = await readManifest(folder);
    const target = 'onnx/decoder_model_merged_quantized.onnx_data';
    const bytes = new Uint8Array(await readFile(join(folder, target)));
    bytes[Math.floor(bytes.length / 2)]! ^= 1;
    await writeFile(join(folder, target), bytes);
    const checked = await verifyModelFiles(manifest, async (path) => new Uint8Array(await readFile(join(folder, path))));
    expect(checked.ok).toBe(false);
    expect(checked.problems).toEqual([expect.objectContaining({ path: target, problem: 'checksum' })]);
  });
});

describe('a model converted with --no-external-data', () => {
  it('writes each ONNX file whole, the fp32 pair byte for byte the committed test model', async () => {
    const folder = join(models, 'whole');
    const manifest = await readManifest(folder);
    expect(manifest.files.filter((file) => file.path.startsWith('onnx/')).map((file) => file.path)).toEqual(ONNX_FILES);
    const config = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config['transformers.js_config']).toEqual({ dtype: 'q8' });
    for (const fp32 of ['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx']) {
      expect(Buffer.compare(await readFile(join(folder, fp32)), await readFile(join(MODELS_FOLDER, TEST_MODEL, fp32)))).toBe(0);
    }
  });
});
