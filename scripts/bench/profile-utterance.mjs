/**
 * Where a 5 s utterance's time goes in the built transcription worker: the
 * DevTools protocol's sampling Profiler on the worker's thread while one
 * utterance is transcribed (after a warm-up), as browser-run.mjs drives it.
 * Prints the figures, a hash of the result (text, times, confidences: equal
 * before and after a speed-up), the profile's totals (inclusive and self time
 * of named functions), and writes the .cpuprofile for DevTools. Names are only readable in a build
 * made without minification (see docs/transcription.md, "Benchmark").
 *
 *   node --experimental-websocket profile-utterance.mjs <repository> <utterance model> [short] [out.cpuprofile]
 *
 * Run with the working directory set to a folder whose `.output/chrome-mv3` is
 * the extension with the bench models in it (as run.mjs prepares, e.g.
 * /tmp/intervju-bench/extension-plain).
 */
import { createJiti } from 'jiti';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { speechLikeAudio } from './audio.mjs';
import { installWorkerStarter } from './page-worker.mjs';

const [repository, model, audioContext, outFile] = process.argv.slice(2);
const shortContext = audioContext === 'short';
const PORT = 9333 + Math.floor(Math.random() * 500);
const jiti = createJiti(import.meta.url);
const { launchWithExtension, extensionIdOf } = await jiti.import(path.join(repository, 'tests/e2e/fixtures.ts'));

const assets = path.resolve('.output/chrome-mv3/assets');
const workerFile = readdirSync(assets).find((file) => /^transcription\.worker-.*\.js$/.test(file));
if (!workerFile) throw new Error('no transcription worker in the build');

const profile = mkdtempSync(path.join(tmpdir(), 'intervju-profile-'));
const context = await launchWithExtension(profile, [`--remote-debugging-port=${PORT}`]);
try {
  const extensionId = await extensionIdOf(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/workspace.html`);
  await installWorkerStarter(page);
  const cdp = await connect(PORT);
  const pageTarget = (await cdp.send('Target.getTargets')).targetInfos.find((target) => target.url.includes('workspace.html'));
  const { sessionId: pageSession } = await cdp.send('Target.attachToTarget', { targetId: pageTarget.targetId, flatten: true });
  const workerAttached = cdp.waitFor('Target.attachedToTarget', (params) => params.targetInfo.url.includes('transcription.worker'));
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, pageSession);

  await page.evaluate(
    async ({ workerPath, model, warmUp }) => {
      const { worker, next } = startBenchWorker(workerPath);
      window.benchWorker = { worker, next };
      worker.postMessage({ type: 'load', model, device: 'wasm' });
      await next('ready');
      worker.postMessage({ type: 'transcribe', id: 'warm-up', samples: new Float32Array(warmUp), offset: 0, language: 'no', wordTimestamps: true, shortContext: true });
      await next('final');
      worker.postMessage({ type: 'transcribe', id: 'warm-up-2', samples: new Float32Array(warmUp), offset: 0, language: 'no', wordTimestamps: true, shortContext: true });
      await next('final');
    },
    { workerPath: `assets/${workerFile}`, model, warmUp: Array.from(speechLikeAudio(5)) },
  );
  const { sessionId: workerSession } = await workerAttached;
  await cdp.send('Profiler.enable', {}, workerSession);
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 }, workerSession);
  await cdp.send('Profiler.start', {}, workerSession);
  const measured = await page.evaluate(
    async ({ audio, shortContext }) => {
      const { worker, next } = window.benchWorker;
      const samples = new Float32Array(audio);
      const posted = performance.now();
      worker.postMessage({ type: 'transcribe', id: 'measured', samples, offset: 0, language: 'no', wordTimestamps: true, shortContext }, [samples.buffer]);
      const final = await next('final');
      const { timing, encoderContext, wasmMemoryBytes, ...content } = final.result;
      return { wallMs: performance.now() - posted, timing, tokenCount: content.tokenCount, frames: encoderContext, content: JSON.stringify(content) };
    },
    { audio: Array.from(speechLikeAudio(5)), shortContext },
  );
  const { profile: cpuProfile } = await cdp.send('Profiler.stop', {}, workerSession);
  if (outFile) writeFileSync(outFile, JSON.stringify(cpuProfile));
  const { content, ...figures } = measured;
  // What the model wrote (text, times, confidences): a speed-up must leave it the same.
  console.log(JSON.stringify({ ...figures, resultSha256: createHash('sha256').update(content).digest('hex') }));
  summarise(cpuProfile);
  cdp.close();
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

/** A browser-level DevTools protocol connection (flat sessions). */
async function connect(port) {
  const version = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
  const socket = new WebSocket(version.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let nextId = 1;
  const pending = new Map();
  const waiters = [];
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.id !== undefined) {
      const entry = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) entry?.reject(new Error(`${message.error.message}`));
      else entry?.resolve(message.result);
      return;
    }
    for (const waiter of [...waiters]) {
      if (waiter.method === message.method && waiter.match(message.params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message.params);
      }
    }
  };
  return {
    send(method, params = {}, sessionId = undefined) {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    waitFor(method, match) {
      return new Promise((resolve) => waiters.push({ method, match, resolve }));
    },
    close() {
      socket.close();
    },
  };
}

/** Inclusive and self milliseconds per function (name, file:line), largest first. */
function summarise(cpuProfile) {
  const byId = new Map(cpuProfile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of cpuProfile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  const inclusive = new Map();
  const deltas = cpuProfile.timeDeltas;
  cpuProfile.samples.forEach((sample, index) => {
    const ms = (deltas[index + 1] ?? 0) / 1000;
    const seen = new Set();
    let id = sample;
    const leaf = label(byId.get(id));
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    while (id !== undefined) {
      const name = label(byId.get(id));
      if (!seen.has(name)) {
        inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
        seen.add(name);
      }
      id = parent.get(id);
    }
  });
  const total = (cpuProfile.endTime - cpuProfile.startTime) / 1000;
  console.log(`profile: ${total.toFixed(0)} ms`);
  const top = (map, count) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${name}`).join('\n');
  console.log(`--- inclusive ---\n${top(inclusive, 70)}\n--- self ---\n${top(self, 40)}`);
}

function label(node) {
  const frame = node.callFrame;
  const file = frame.url ? frame.url.split('/').pop() : '';
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}
