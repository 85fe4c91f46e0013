/**
 * `npm run bench:memory`: what the extension renderer holds while the built
 * transcription worker loads a random-weight Whisper at a real size (default
 * base, 8-bit, as scripts/bench/models.mjs makes it) and transcribes utterances
 * in headless Chromium, and what it gives back when the model is replaced or the
 * worker is ended. Not a test: it prints figures (docs/transcription.md,
 * "Memory").
 *
 *   npm run bench:memory [-- --size base|tiny --dtype q8|fp32 --utterances 6 --max-tokens 100 --model NAME --quick --single-file]
 *
 * The q8 model's weights are ONNX external data (bench-<size>-q8-ext, as
 * `npm run models:convert` writes them); `--single-file` measures the same
 * weights inside the `.onnx` files (bench-<size>-q8), the layout before.
 * The fp32 bench model is single-file.
 * `--model NAME` measures another model folder under /tmp/intervju-bench/models instead.
 * `--quick` stops after the first model's utterances (no replacement, no second worker).
 *
 * The worker is driven from the workspace page with the real message contract,
 * as the offscreen document drives it during a call: both are pages of the one
 * extension renderer process, which also runs the worker's thread. Each phase
 * reads, for that process: its resident size (VmRSS) and its peak (VmHWM, reset
 * with /proc/<pid>/clear_refs before the phase so each phase has its own peak);
 * over the DevTools protocol the V8 heap and the ArrayBuffer backing stores of
 * the page's isolate and of the worker's (tests/soak/renderer-heaps.ts); and the
 * worker's WebAssembly memory (onnxruntime's linear memory, reported with each
 * transcription). "Native" is the rest: Chromium itself, compiled WebAssembly and
 * JavaScript code, thread stacks, allocator pages.
 *
 * Transcripts are printed as a hash, so a change meant to save memory can be
 * checked not to change what the model writes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { speechLikeAudio } from './audio.mjs';
import { cappedModel, prepareModels } from './models.mjs';
import { installWorkerStarter } from './page-worker.mjs';

const repository = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const WORK = '/tmp/intervju-bench';
const MB = 1024 * 1024;
/** Utterance lengths in seconds, cycled: short turns and one full 30 s window. */
const UTTERANCE_SECONDS = [5, 12, 30, 3, 8, 20];

const options = parseArguments(process.argv.slice(2));
const log = (message) => process.stderr.write(`${message}\n`);

if (!existsSync(path.join(repository, '.output/chrome-mv3/manifest.json'))) {
  log('building the extension (npx wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: repository, stdio: 'ignore' });
}
const modelsFolder = path.join(WORK, 'models');
prepareModels(repository, modelsFolder, [options.size], log, { externalData: options.dtype === 'q8' && !options.singleFile });
const source = options.model ?? `bench-${options.size}${options.dtype === 'q8' ? (options.singleFile ? '-q8' : '-q8-ext') : ''}`;
const modelFolder = path.join(WORK, 'memory-models');
rmSync(modelFolder, { recursive: true, force: true });
mkdirSync(modelFolder, { recursive: true });
// Two names for the same weights (hard links): loading the second makes the worker dispose the first.
const first = cappedModel(modelsFolder, modelFolder, source, options.maxTokens);
const second = cappedModel(modelsFolder, modelFolder, source, options.maxTokens + 1);
const modelBytes = readdirSync(path.join(modelsFolder, source, 'onnx')).reduce(
  (sum, file) => sum + statSync(path.join(modelsFolder, source, 'onnx', file)).size,
  0,
);

const root = path.join(WORK, 'extension-memory');
const extension = path.join(root, '.output/chrome-mv3');
rmSync(root, { recursive: true, force: true });
cpSync(path.join(repository, '.output/chrome-mv3'), extension, { recursive: true });
for (const folder of readdirSync(modelFolder)) linkTree(path.join(modelFolder, folder), path.join(extension, 'models', folder));
const workerFile = readdirSync(path.join(extension, 'assets')).find((file) => /^transcription\.worker-.*\.js$/.test(file));
if (!workerFile) throw new Error('no transcription worker in the build');

// tests/e2e/fixtures.ts loads the extension from ./.output/chrome-mv3 of the working directory.
process.chdir(root);
const jiti = createJiti(import.meta.url);
const { launchWithExtension, extensionIdOf, watchForeignRequests } = await jiti.import(path.join(repository, 'tests/e2e/fixtures.ts'));
const { openRendererHeaps } = await jiti.import(path.join(repository, 'tests/soak/renderer-heaps.ts'));
const { processesOf } = await jiti.import(path.join(repository, 'tests/soak/chromium-processes.ts'));

const profile = mkdtempSync(path.join(tmpdir(), 'intervju-memory-profile-'));
const context = await launchWithExtension(profile);
const rows = [];
const transcripts = [];
// Model files are the extension's own (chrome-extension:// URLs); anything else would be a leak.
const foreignRequests = watchForeignRequests(context);
try { await (async () => {
  const extensionId = await extensionIdOf(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/workspace.html`);
  await installWorkerStarter(page);
  await page.evaluate(driverSource(`assets/${workerFile}`));
  const renderer = () => {
    const pid = rendererPid(profile);
    if (!pid) throw new Error('no extension renderer found');
    return pid;
  };
  let pid = renderer();

  const measure = async (phase, { wasmBytes = null, collect = false } = {}) => {
    // A session to a worker that is going away may never answer: every DevTools step is bounded.
    const heaps = await withinSeconds(10, openRendererHeaps(context, '/workspace.html'));
    if (collect && heaps) {
      await withinSeconds(20, heaps.collectGarbage());
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const usage = (heaps && (await withinSeconds(10, heaps.read()))) ?? { offscreen: null, worker: null };
    void heaps?.close();
    const status = processStatus(pid);
    const row = {
      phase,
      rssMb: status.rss / 1024,
      peakMb: status.hwm / 1024,
      wasmMb: wasmBytes === null ? null : wasmBytes / MB,
      workerHeapMb: usage.worker ? usage.worker.used / MB : null,
      workerBuffersMb: usage.worker ? usage.worker.backingStores / MB : null,
      pageHeapMb: usage.offscreen ? usage.offscreen.used / MB : null,
      pageBuffersMb: usage.offscreen ? usage.offscreen.backingStores / MB : null,
    };
    row.nativeMb = row.rssMb - (row.wasmMb ?? 0) - (row.workerHeapMb ?? 0) - (row.workerBuffersMb ?? 0) - (row.pageHeapMb ?? 0) - (row.pageBuffersMb ?? 0);
    rows.push(row);
    log(`  ${phase}: ${JSON.stringify(row, (key, value) => (typeof value === 'number' ? Math.round(value * 10) / 10 : value))}`);
    resetPeak(pid);
  };
  const transcribeAll = async (label) => {
    let wasmBytes = 0;
    let peak = 0;
    for (let index = 0; index < options.utterances; index++) {
      const seconds = UTTERANCE_SECONDS[index % UTTERANCE_SECONDS.length];
      const result = await page.evaluate(({ seconds, id }) => window.memoryDriver.transcribe(seconds, id), { seconds, id: `${label}-${index}` });
      wasmBytes = result.wasmMemoryBytes ?? 0;
      transcripts.push(`${label}:${seconds}:${result.text}`);
      peak = Math.max(peak, processStatus(pid).hwm);
    }
    return wasmBytes;
  };

  log(`model ${source}: ${(modelBytes / MB).toFixed(0)} MB of ONNX files; ${options.utterances} utterances per phase`);
  await page.evaluate(() => window.memoryDriver.start());
  pid = renderer();
  resetPeak(pid);
  await measure('worker started, no model', { collect: true });
  const timeline = [];
  const started = Date.now();
  const sampler = setInterval(() => timeline.push([Date.now() - started, processStatus(pid).rss / 1024]), 100);
  await page.evaluate((model) => window.memoryDriver.load(model), first);
  clearInterval(sampler);
  log(`  first load, resident MB every 0.5 s: ${timeline.filter((_, index) => index % 5 === 0).map(([, mb]) => Math.round(mb)).join(' ')}`);
  await measure('model loaded');
  let wasm = await transcribeAll('first');
  await measure(`after ${options.utterances} utterances`, { wasmBytes: wasm });
  await measure('  same, after a forced garbage collection', { wasmBytes: wasm, collect: true });
  if (options.quick) return;
  await page.evaluate((model) => window.memoryDriver.load(model), second);
  wasm = await transcribeAll('second');
  await measure('another model loaded in the same worker (first disposed), utterances', { wasmBytes: wasm, collect: true });
  await page.evaluate(() => window.memoryDriver.terminate());
  await measure('worker ended', { wasmBytes: 0, collect: true });
  await page.evaluate(() => window.memoryDriver.start());
  await page.evaluate((model) => window.memoryDriver.load(model), first);
  wasm = await transcribeAll('again');
  await measure('new worker, model loaded again, utterances', { wasmBytes: wasm, collect: true });
  await page.evaluate(() => window.memoryDriver.terminate());
})(); } finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

printTable(rows);
const firstTexts = transcripts.filter((entry) => entry.startsWith('first:')).map((entry) => entry.slice(6));
const againTexts = transcripts.filter((entry) => entry.startsWith('again:')).map((entry) => entry.slice(6));
console.log(`\ntranscripts: ${createHash('sha256').update(firstTexts.join('\n')).digest('hex').slice(0, 16)} (first load)` +
  (againTexts.length > 0 ? `, ${againTexts.join('\n') === firstTexts.join('\n') ? 'the same' : 'DIFFERENT'} after loading again` : ''));
console.log(`model files: ${(modelBytes / MB).toFixed(0)} MB (${source}); peak is VmHWM of the extension renderer within the phase`);
console.log(`requests outside the extension: ${foreignRequests.length === 0 ? 'none' : foreignRequests.map((request) => request.url()).join(', ')}`);

/** `promise`'s value, or null when it takes longer than `seconds`. */
function withinSeconds(seconds, promise) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(null), seconds * 1000))]);
}

/** Installs `window.memoryDriver` in the workspace page: one transcription worker driven with the real contract. */
function driverSource(workerPath) {
  return `(() => {
    const SAMPLE_RATE = 16000;
    ${speechLikeAudio.toString()}
    let worker = null;
    let next = null;
    window.memoryDriver = {
      start() { ({ worker, next } = startBenchWorker(${JSON.stringify(workerPath)})); },
      async load(model) {
        const ready = next('ready');
        worker.postMessage({ type: 'load', model, device: 'wasm' });
        return (await ready).model;
      },
      async transcribe(seconds, id) {
        const samples = speechLikeAudio(seconds);
        const final = next('final', id);
        worker.postMessage({ type: 'transcribe', id, samples, offset: 0, language: 'no', wordTimestamps: true }, [samples.buffer]);
        const result = (await final).result;
        return { text: result.text, wasmMemoryBytes: result.wasmMemoryBytes ?? null };
      },
      terminate() { worker.terminate(); worker = null; next = null; },
    };
  })()`;
}

/** The extension renderer: with the worker running, the one with a DedicatedWorker thread; else the only one. */
function rendererPid(profileFolder) {
  const renderers = processesOf(profileFolder).filter((entry) => entry.args.includes('--type=renderer') && entry.args.includes('--extension-process'));
  const withWorker = renderers.find(({ pid }) => {
    try {
      return readdirSync(`/proc/${pid}/task`).some((tid) => /^DedicatedWorker/.test(readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8')));
    } catch {
      return false;
    }
  });
  return withWorker?.pid ?? (renderers.length === 1 ? renderers[0].pid : null);
}

/** VmRSS and VmHWM in kB. */
function processStatus(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Starts a new peak (Linux: writing 5 to clear_refs resets VmHWM to the current VmRSS). */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not permitted here: peaks then run from the process's start
  }
}

function linkTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const source = path.join(from, entry);
    if (statSync(source).isDirectory()) linkTree(source, path.join(to, entry));
    else linkSync(source, path.join(to, entry));
  }
}

function printTable(table) {
  const figure = (value) => (value === null || value === undefined ? '–' : `${Math.round(value)}`);
  const headers = ['phase', 'RSS', 'peak (phase)', 'WASM memory', 'worker JS heap', 'worker ArrayBuffers', 'page JS heap', 'page ArrayBuffers', 'native (rest)'];
  const lines = table.map((row) => [
    row.phase.trim(),
    figure(row.rssMb),
    figure(row.peakMb),
    figure(row.wasmMb),
    figure(row.workerHeapMb),
    figure(row.workerBuffersMb),
    figure(row.pageHeapMb),
    figure(row.pageBuffersMb),
    figure(row.nativeMb),
  ]);
  console.log('\nExtension renderer, MB:\n');
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`| ${headers.map(() => '---').join(' | ')} |`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
}

function parseArguments(args) {
  const parsed = { size: 'base', dtype: 'q8', utterances: 6, maxTokens: 100, quick: false, singleFile: false };
  for (let index = 0; index < args.length; index++) {
    const value = args[index + 1];
    if (args[index] === '--size') parsed.size = value;
    else if (args[index] === '--dtype') parsed.dtype = value;
    else if (args[index] === '--model') parsed.model = value;
    else if (args[index] === '--utterances') parsed.utterances = Number(value);
    else if (args[index] === '--max-tokens') parsed.maxTokens = Number(value);
    else if (args[index] === '--quick') {
      parsed.quick = true;
      continue;
    } else if (args[index] === '--single-file') {
      parsed.singleFile = true;
      continue;
    } else continue;
    index++;
  }
  return parsed;
}
