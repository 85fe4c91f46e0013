/**
 * `npm run eval -- --browser`: the transcription runs in the built extension's
 * own worker (onnxruntime-web's WASM, its threads) in headless Chromium, driven
 * with the worker's real message contract as scripts/bench/browser-run.mjs
 * does. Cutting, the [uklart] policy and scoring stay in Node (the same code
 * the extension bundles), so only the model's part is the browser's.
 *
 * The extension is the build in .output/chrome-mv3 (`npx wxt build`), copied
 * under .output/eval-browser with the model folder linked in (in place of the
 * build's copy, if it has one), so the model need not have been in models/
 * when the extension was built.
 */
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Starts Chromium with the extension and loads `model` into its worker; resolves with a transcriber. */
export async function startBrowserTranscriber({ repository, modelsFolder, model, jiti, log }) {
  const build = path.join(repository, '.output/chrome-mv3');
  if (!existsSync(path.join(build, 'manifest.json'))) {
    throw new Error('no built extension in .output/chrome-mv3: run `npx wxt build` first');
  }
  const root = path.join(repository, '.output/eval-browser');
  const extension = path.join(root, '.output/chrome-mv3');
  rmSync(root, { recursive: true, force: true });
  cpSync(build, extension, { recursive: true });
  // The model as the evaluation read it (its manifest decides, e.g., the audio context), not as the build may carry it.
  rmSync(path.join(extension, 'models', model), { recursive: true, force: true });
  linkTree(path.join(modelsFolder, model), path.join(extension, 'models', model));
  const workerFile = readdirSync(path.join(extension, 'assets')).find((file) => /^transcription\.worker-.*\.js$/.test(file));
  if (!workerFile) throw new Error('no transcription worker in the build');

  // tests/e2e/fixtures.ts loads the extension from the working directory's .output/chrome-mv3.
  const previous = process.cwd();
  process.chdir(root);
  const { launchWithExtension, extensionIdOf } = await jiti.import(path.join(repository, 'tests/e2e/fixtures.ts'));
  process.chdir(previous);

  const profile = mkdtempSync(path.join(tmpdir(), 'intervju-eval-profile-'));
  const context = await launchWithExtension(profile);
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const extensionId = await extensionIdOf(context);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/workspace.html`);
    log(`Chromium: loading ${model} into the extension's transcription worker…`);
    const info = await page.evaluate(
      async ({ workerPath, model }) => {
        const worker = new Worker(chrome.runtime.getURL(workerPath), { type: 'module' });
        const waiting = new Map();
        let loading = null;
        worker.addEventListener('message', (event) => {
          const message = event.data;
          if (message.status === 'ready') loading?.resolve(message.model);
          else if (message.status === 'error' && message.id === null) loading?.reject(new Error(message.message));
          else if (message.status === 'final') waiting.get(message.id)?.resolve(message.result);
          else if (message.status === 'error' || message.status === 'cancelled') waiting.get(message.id)?.reject(new Error(message.message ?? 'cancelled'));
          if (message.id !== undefined && message.status !== 'partial') waiting.delete(message.id);
        });
        globalThis.intervjuEvaluation = {
          transcribe(request) {
            return new Promise((resolve, reject) => {
              waiting.set(request.id, { resolve, reject });
              const samples = new Float32Array(request.samples);
              worker.postMessage({ type: 'transcribe', ...request, samples }, [samples.buffer]);
            });
          },
        };
        return new Promise((resolve, reject) => {
          loading = { resolve, reject };
          worker.postMessage({ type: 'load', model, device: 'wasm' });
        });
      },
      { workerPath: `assets/${workerFile}`, model },
    );
    return {
      info,
      /** One utterance through the extension's worker; resolves with its RawTranscription. */
      transcribe: (request) =>
        page.evaluate((request) => globalThis.intervjuEvaluation.transcribe(request), { ...request, samples: Array.from(request.samples) }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Hard links when the model lies on the same disk (no copy of hundreds of MB), a copy otherwise. */
function linkTree(source, target) {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    const from = path.join(source, entry);
    const to = path.join(target, entry);
    if (statSync(from).isDirectory()) {
      linkTree(from, to);
      continue;
    }
    try {
      linkSync(from, to);
    } catch {
      cpSync(from, to);
    }
  }
}
