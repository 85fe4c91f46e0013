/**
 * `npm run bench`: transcription speed of the built extension in headless
 * Chromium (WASM, with and without cross-origin isolation) and, for reference,
 * in Node (onnxruntime-node), on random-weight Whisper tiny and base models at
 * their real sizes, fp32 and 8-bit. Not a test: it prints figures (see
 * docs/transcription.md for what each column means).
 *
 *   npm run bench [-- --sizes tiny,base --dtypes fp32,q8 --contexts full,short --isolation both|on|off --no-node --no-browser --no-capture --repeat 1]
 *
 * `--repeat N` measures each row N times and keeps the fastest run: on a shared
 * machine, other work only ever adds time.
 *
 * Per model: 30 s of speech-like audio decoded to a fixed 100 tokens (one
 * 30 s window), and a 5 s utterance decoded to 30 tokens, each after a warm-up.
 * Each model in two encoder contexts: `full` (Whisper's 30 s window, what every
 * model gets today) and `short` (the same weights declared `audioContext: short`
 * and transcribed as the live path does: the utterance plus a margin,
 * src/transcribe/short-context.ts; a 30 s window is still a full one).
 * Then, unless `--no-capture`, the CPU share of capture + VAD during a recording
 * of a call (capture-cpu.mjs, transcription left out).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cappedModel, prepareModels } from './models.mjs';

const repository = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const here = path.join(repository, 'scripts/bench');
// INTERVJU_BENCH_DIR: another folder, so two benches on one machine do not share a snapshot.
const WORK = process.env.INTERVJU_BENCH_DIR ?? '/tmp/intervju-bench';
const WINDOW_TOKENS = 100;
const UTTERANCE_TOKENS = 30;

const options = parseArguments(process.argv.slice(2));
const log = (message) => process.stderr.write(`${message}\n`);

if (!existsSync(path.join(repository, '.output/chrome-mv3/manifest.json'))) {
  log('building the extension (npx wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: repository, stdio: 'ignore' });
}
// A snapshot of the build: a rebuild while the bench runs must not pull it away.
const build = path.join(WORK, 'build');
rmSync(build, { recursive: true, force: true });
cpSync(path.join(repository, '.output/chrome-mv3'), build, { recursive: true });
if (!existsSync(path.join(build, 'manifest.json'))) throw new Error('the build in .output/chrome-mv3 is incomplete: rebuild and retry');
const modelsFolder = path.join(WORK, 'models');
const models = prepareModels(repository, modelsFolder, options.sizes, log).filter((name) =>
  options.dtypes.includes(name.endsWith('-q8') ? 'q8' : 'fp32'),
);

// Each model twice, capped for the 30 s window and for the 5 s utterance.
const cappedFolder = path.join(WORK, 'capped');
rmSync(cappedFolder, { recursive: true, force: true });
mkdirSync(cappedFolder, { recursive: true });
const variants = models.flatMap((name) =>
  options.contexts.map((context) => ({
    name,
    context,
    window: cappedModel(modelsFolder, cappedFolder, name, WINDOW_TOKENS, context),
    utterance: cappedModel(modelsFolder, cappedFolder, name, UTTERANCE_TOKENS, context),
  })),
);

const rows = [];
if (options.node) {
  for (const variant of variants) {
    log(`node: ${variant.name}, ${variant.context} context…`);
    const result = fastest(() => runScript('node-run.mjs', [cappedFolder, variant.window, variant.utterance, variant.context], repository));
    report(row('node (onnxruntime-node)', variant, 'cpu', result));
  }
}
if (options.browser) {
  for (const isolated of options.isolation) {
    const root = extensionCopy(isolated);
    for (const variant of variants) {
      log(`chromium ${isolated ? 'isolated' : 'not isolated'}: ${variant.name}, ${variant.context} context…`);
      const result = fastest(() => runScript('browser-run.mjs', [repository, variant.window, variant.utterance, variant.context], root));
      const label = `chromium wasm, ${result.window.crossOriginIsolated ? 'cross-origin isolated' : 'not isolated'}`;
      report(row(label, variant, `${result.window.info.threads} thread(s)`, result));
    }
  }
}
printTable(rows);
if (options.capture) {
  log('capture + VAD during a recorded call (about 80 s)…');
  const capture = runScript('capture-cpu.mjs', ['--mode', 'call', '--no-transcription'], repository);
  console.log(
    `\nCapture + VAD + storage while recording a call (2 channels, ${capture.voiceDetector ?? 'unknown'} VAD, transcription off): ` +
      `${capture.capturePercentOfCore.toFixed(1)} % of one core (${capture.capturePercentPerChannel.toFixed(1)} % per channel), ` +
      `measured over ${capture.seconds} s by scripts/bench/capture-cpu.mjs.`,
  );
}

/** Each measurement's fastest out of `--repeat` runs (the 30 s window and the 5 s utterance apart). */
function fastest(measure) {
  let best = null;
  for (let attempt = 0; attempt < options.repeat; attempt++) {
    const result = measure();
    if (!best) {
      best = result;
      continue;
    }
    if (result.window.wallMs < best.window.wallMs) best = { ...best, window: result.window };
    if (result.utterance.wallMs < best.utterance.wallMs) best = { ...best, utterance: result.utterance };
    best.peakRssMb = Math.max(best.peakRssMb, result.peakRssMb);
  }
  return best;
}

/** Keeps a row for the table and shows it at once: a long run should not hide its progress. */
function report(entry) {
  rows.push(entry);
  log(`  ${JSON.stringify(entry)}`);
}

/** The built extension plus the bench models, with or without cross-origin isolation in its manifest. */
function extensionCopy(isolated) {
  const root = path.join(WORK, isolated ? 'extension-isolated' : 'extension-plain');
  const target = path.join(root, '.output/chrome-mv3');
  rmSync(root, { recursive: true, force: true });
  cpSync(build, target, { recursive: true });
  const manifestPath = path.join(target, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (isolated) {
    manifest.cross_origin_embedder_policy = { value: 'require-corp' };
    manifest.cross_origin_opener_policy = { value: 'same-origin' };
  } else {
    delete manifest.cross_origin_embedder_policy;
    delete manifest.cross_origin_opener_policy;
  }
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  for (const folder of readdirSync(cappedFolder)) linkTree(path.join(cappedFolder, folder), path.join(target, 'models', folder));
  return root;
}

function linkTree(source, target) {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    const from = path.join(source, entry);
    if (statSync(from).isDirectory()) linkTree(from, path.join(target, entry));
    else linkSync(from, path.join(target, entry));
  }
}

function row(runtime, variant, threads, result) {
  const { window, utterance } = result;
  const frames = utterance.encoderContext?.inputFrames ?? [];
  return {
    runtime,
    model: variant.name,
    context: variant.context,
    threads,
    rtf: window.wallMs / 30_000,
    encoderMs: window.timing.encoderMs,
    decoderPerTokenMs: window.timing.decoderMs / window.tokenCount,
    tokens: `${window.tokenCount}/${utterance.tokenCount}`,
    utteranceMs: utterance.wallMs,
    utteranceEncoderMs: utterance.timing.encoderMs,
    // Log-mel frames the 5 s utterance's encoder read (3000: full window); two runs when the result fell back.
    utteranceFrames: `${frames.join('+')}${utterance.encoderContext?.fullWindowFallback ? ' (fell back)' : ''}`,
    peakRssMb: result.peakRssMb,
  };
}

function printTable(table) {
  const headers = ['runtime', 'model', 'context', 'threads', 'RTF (30 s)', 'encoder / 30 s window', 'decoder / token', '5 s utterance → final', '5 s encoder', '5 s frames', 'tokens (30 s/5 s)', 'peak RSS'];
  const lines = table.map((entry) => [
    entry.runtime,
    entry.model,
    entry.context,
    entry.threads,
    entry.rtf.toFixed(3),
    `${Math.round(entry.encoderMs)} ms`,
    `${entry.decoderPerTokenMs.toFixed(1)} ms`,
    `${Math.round(entry.utteranceMs)} ms`,
    `${Math.round(entry.utteranceEncoderMs)} ms`,
    entry.utteranceFrames,
    entry.tokens,
    `${Math.round(entry.peakRssMb)} MB`,
  ]);
  const widths = headers.map((header, column) => Math.max(header.length, ...lines.map((line) => line[column].length)));
  const format = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(`\n${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}); random weights at real sizes; 30 s window decoded to ${WINDOW_TOKENS} tokens, 5 s utterance to ${UTTERANCE_TOKENS}.\n`);
  console.log(format(headers));
  console.log(format(widths.map((width) => '-'.repeat(width))));
  for (const line of lines) console.log(format(line));
}

/** Runs one of the bench's scripts in its own process and returns the JSON line it prints last. */
function runScript(script, scriptArguments, cwd) {
  return lastJson(execFileSync('node', [path.join(here, script), ...scriptArguments], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
}

function lastJson(output) {
  const line = output.trim().split('\n').filter((entry) => entry.startsWith('{')).at(-1);
  if (!line) throw new Error(`no result in:\n${output}`);
  return JSON.parse(line);
}

function parseArguments(argumentsList) {
  const value = (name, fallback) => {
    const index = argumentsList.indexOf(name);
    return index >= 0 && argumentsList[index + 1] ? argumentsList[index + 1] : fallback;
  };
  const isolation = value('--isolation', 'both');
  return {
    sizes: value('--sizes', 'tiny,base').split(','),
    dtypes: value('--dtypes', 'fp32,q8').split(','),
    contexts: value('--contexts', 'full,short').split(','),
    isolation: isolation === 'both' ? [false, true] : [isolation === 'on'],
    node: !argumentsList.includes('--no-node'),
    browser: !argumentsList.includes('--no-browser'),
    capture: !argumentsList.includes('--no-capture'),
    repeat: Math.max(1, Number(value('--repeat', '1'))),
  };
}
