/**
 * Benchmark models: random weights at Whisper tiny's, base's and small's real sizes
 * (vocabulary included), made once into a temporary folder (not committed) by
 * scripts/models/make-test-model.py, 8-bit copies by quantize-dynamic.py.
 * `--never-end` makes every transcription decode up to its token bound, so the
 * number of decoded tokens is fixed by the bench, not by chance;
 * The decoder returns empty cross-attention caches after the first step, as
 * Optimum's merged decoders (the real models) do.
 * The encoder takes fewer than 3000 feature frames (its positional embedding
 * sliced to the input), so the same models measure short-context decoding.
 * With `{ externalData: true }` there is also bench-<size>-q8-ext: the same
 * 8-bit weights as ONNX external data (`<file>.onnx_data`), the layout
 * `npm run models:convert` writes by default.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PYTHON = '/usr/bin/python3'; // Debian's, which has torch and onnx (see docs/models.md)

export const SIZES = {
  tiny: ['--width', '384', '--layers', '4', '--heads', '6', '--feed-forward', '1536'],
  base: ['--width', '512', '--layers', '6', '--heads', '8', '--feed-forward', '2048'],
  small: ['--width', '768', '--layers', '12', '--heads', '12', '--feed-forward', '3072'],
};

/**
 * Makes (once) bench-<size> and bench-<size>-q8 under `folder`, and with
 * `externalData` bench-<size>-q8-ext; returns their folder names.
 */
export function prepareModels(repository, folder, sizes, log, { externalData = false } = {}) {
  mkdirSync(folder, { recursive: true });
  const names = [];
  for (const size of sizes) {
    const name = `bench-${size}`;
    const target = path.join(folder, name);
    if (existsSync(path.join(target, 'manifest.json')) && !hasDynamicEncoder(target)) {
      log(`${name} was made before the encoder took short inputs: making it again`);
      rmSync(target, { recursive: true, force: true });
      rmSync(path.join(folder, `${name}-q8`), { recursive: true, force: true });
      rmSync(path.join(folder, `${name}-q8-ext`), { recursive: true, force: true });
    }
    if (!existsSync(path.join(target, 'manifest.json'))) {
      log(`making ${name} (random weights, Whisper ${size} dimensions)…`);
      execFileSync(PYTHON, [
        path.join(repository, 'scripts/models/make-test-model.py'), target, '--name', name, ...SIZES[size],
        '--text-vocabulary', '50257', '--never-end',
      ], { stdio: 'ignore' });
    }
    const quantized = path.join(folder, `${name}-q8`);
    if (!existsSync(path.join(quantized, 'manifest.json'))) {
      log(`quantizing ${name} to 8 bits…`);
      execFileSync(PYTHON, [path.join(repository, 'scripts/bench/quantize-dynamic.py'), target, quantized], { stdio: 'ignore' });
    }
    names.push(name, `${name}-q8`);
    if (!externalData) continue;
    const external = path.join(folder, `${name}-q8-ext`);
    if (!existsSync(path.join(external, 'manifest.json'))) {
      log(`quantizing ${name} to 8 bits, weights as external data…`);
      execFileSync(PYTHON, [path.join(repository, 'scripts/bench/quantize-dynamic.py'), target, external, '--external-data'], {
        stdio: 'ignore',
      });
    }
    names.push(`${name}-q8-ext`);
  }
  return names;
}

/** Whether the model's encoder takes any number of feature frames (checked once, then stamped). */
function hasDynamicEncoder(folder) {
  const stamp = path.join(folder, '.dynamic-encoder');
  if (existsSync(stamp)) return true;
  const script = [
    'import onnx, sys',
    'model = onnx.load(sys.argv[1], load_external_data=False)',
    'frames = model.graph.input[0].type.tensor_type.shape.dim[2]',
    "print('dynamic' if frames.dim_param else 'fixed')",
  ].join('\n');
  const answer = execFileSync(PYTHON, ['-c', script, path.join(folder, 'onnx/encoder_model.onnx')], { encoding: 'utf8' }).trim();
  if (answer !== 'dynamic') return false;
  writeFileSync(stamp, 'the encoder takes fewer than 3000 feature frames\n');
  return true;
}

/**
 * A copy of model `name` as `<name>-cap<tokens>` whose generation_config caps
 * decoding at `tokens` (the worker's only knob; the message contract has none).
 * With `audioContext: 'short'` the copy's manifest declares a short-context
 * model (`<name>-cap<tokens>-short`), as an ACFT model's would, so the live
 * path's requests encode only the audio plus a margin.
 * Weights are hard links, so this costs no disk.
 */
export function cappedModel(sourceFolder, targetRoot, name, tokens, audioContext = 'full') {
  const cappedName = `${name}-cap${tokens}${audioContext === 'short' ? '-short' : ''}`;
  const target = path.join(targetRoot, cappedName);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.join(target, 'onnx'), { recursive: true });
  const source = path.join(sourceFolder, name);
  for (const file of readdirSync(path.join(source, 'onnx'))) {
    linkSync(path.join(source, 'onnx', file), path.join(target, 'onnx', file));
  }
  for (const file of readdirSync(source)) {
    if (!file.endsWith('.json') || file === 'manifest.json') continue;
    let text = readFileSync(path.join(source, file), 'utf8');
    if (file === 'generation_config.json') {
      text = `${JSON.stringify({ ...JSON.parse(text), max_new_tokens: tokens }, null, 2)}\n`;
    }
    writeFileSync(path.join(target, file), text);
  }
  const manifest = JSON.parse(readFileSync(path.join(source, 'manifest.json'), 'utf8'));
  manifest.name = cappedName;
  if (audioContext === 'short') manifest.audioContext = 'short';
  manifest.files = manifest.files.map((file) => {
    const full = path.join(target, file.path);
    const bytes = readFileSync(full);
    return { path: file.path, bytes: statSync(full).size, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  manifest.sizeBytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
  writeFileSync(path.join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return cappedName;
}
