/**
 * One measurement in the built extension in headless Chromium (WASM), in its
 * own browser so peak memory is its own. Run with the working directory set to
 * a folder whose `.output/chrome-mv3` is the extension to test (run.mjs makes
 * it: the build plus the bench models), because tests/e2e/fixtures.ts loads
 * the extension from there:
 *
 *   node browser-run.mjs <repository> <window model> <utterance model> [short]
 *
 * `short`: the requests carry `shortContext`, as the live path's do (a model
 * whose manifest says `audioContext: short` then encodes only the audio plus a margin).
 *
 * Drives the built transcription worker from the workspace page with the real
 * message contract, as the offscreen document does. Prints one JSON line.
 */
import { createJiti } from 'jiti';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { speechLikeAudio } from './audio.mjs';
import { installWorkerStarter } from './page-worker.mjs';

const [repository, windowModel, utteranceModel, audioContext] = process.argv.slice(2);
const shortContext = audioContext === 'short';
const jiti = createJiti(import.meta.url);
const { launchWithExtension, extensionIdOf } = await jiti.import(path.join(repository, 'tests/e2e/fixtures.ts'));

const assets = path.resolve('.output/chrome-mv3/assets');
const workerFile = readdirSync(assets).find((file) => /^transcription\.worker-.*\.js$/.test(file));
if (!workerFile) throw new Error('no transcription worker in the build');

const profile = mkdtempSync(path.join(tmpdir(), 'intervju-bench-profile-'));
const context = await launchWithExtension(profile);
try {
  const extensionId = await extensionIdOf(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/workspace.html`);
  await installWorkerStarter(page);
  const run = (model, seconds) =>
    page.evaluate(
      async ({ workerPath, model, warmUp, audio, shortContext }) => {
        const { worker, next } = startBenchWorker(workerPath);
        const loadStarted = performance.now();
        worker.postMessage({ type: 'load', model, device: 'wasm' });
        const ready = await next('ready');
        const loadMs = performance.now() - loadStarted;
        const transcribe = async (samples, id) => {
          const posted = performance.now();
          worker.postMessage({ type: 'transcribe', id, samples, offset: 0, language: 'no', wordTimestamps: true, shortContext }, [samples.buffer]);
          const final = await next('final');
          return { result: final.result, wallMs: performance.now() - posted };
        };
        await transcribe(new Float32Array(warmUp), 'warm-up');
        const measured = await transcribe(new Float32Array(audio), 'measured');
        worker.terminate();
        return {
          loadMs,
          info: ready.model,
          crossOriginIsolated: self.crossOriginIsolated,
          tokenCount: measured.result.tokenCount,
          timing: measured.result.timing,
          encoderContext: measured.result.encoderContext,
          wallMs: measured.wallMs,
        };
      },
      { workerPath: `assets/${workerFile}`, model, warmUp: Array.from(speechLikeAudio(5)), audio: Array.from(speechLikeAudio(seconds)), shortContext },
    );
  const window = await run(windowModel, 30);
  const utterance = await run(utteranceModel, 5);
  console.log(JSON.stringify({ window, utterance, peakRssMb: peakRendererMegabytes(profile) }));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

/** Largest peak resident size (VmHWM) among the browser's processes: the renderer running the worker. */
function peakRendererMegabytes(profileFolder) {
  const processes = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  const parentOf = new Map();
  let browser = null;
  for (const pid of processes) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parentOf.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (command.includes(`--user-data-dir=${profileFolder}`) && !command.includes('--type=')) browser = pid;
    } catch {
      // the process ended while we looked
    }
  }
  let peak = 0;
  for (const pid of processes) {
    let ancestor = pid;
    while (ancestor && ancestor !== browser && ancestor !== '0' && ancestor !== '1') ancestor = parentOf.get(ancestor);
    if (ancestor !== browser) continue;
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peak = Math.max(peak, Number(match[1]) / 1024);
    } catch {
      // ended
    }
  }
  return peak;
}
