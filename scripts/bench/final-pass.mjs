/**
 * `npm run bench:final-pass`: how long the full-quality pass after the interview
 * (docs/final-pass.md) takes for an interview of `--minutes` (default 60): two
 * channels of that length with about that many minutes of speech in all (turns
 * alternate: the interviewer 15 s, the participant 45 s, the other channel quiet
 * meanwhile), made by looping the repository's espeak recordings, which Silero
 * hears as speech (their lost stretch cut out and the silence at their ends
 * trimmed, so a turn is continuous talk). Not a test: it prints figures.
 *
 *   npm run bench:final-pass [-- --sizes base,small --minutes 60 --lanes 2 --threads 1 --no-pack --no-track]
 *
 * `--lanes` workers of `--threads` onnxruntime threads transcribe windows at once;
 * the defaults are the pass's own on this machine (`finalPassLanes`). The windows
 * are packed across long pauses as the pass packs them for a model with word
 * times (packed-windows.ts); `--no-pack` joins only across short pauses, as it
 * does for a model without.
 *
 * Two stages at once, as the offscreen document runs them:
 * 1. cutting: the pass's `FINAL_PASS_CUTTING` and window packing, in Node, with
 *    the call's Silero answers as a recorded call keeps them (the speech track,
 *    worked out before the clock starts, as the call did); `--no-track` runs
 *    Silero through onnxruntime-web (the runtime the document uses, one thread)
 *    instead, as the pass must for an imported file;
 * 2. transcription: each window, once cut, through the built extension's transcription
 *    workers in headless Chromium (WASM), on random-weight models at Whisper's real
 *    sizes, 8-bit. Random weights never end a text, so decoding is held to 5
 *    tokens per second of the window's audio (at least 16; the load message's
 *    `maxTokensPerSecond`): Norwegian speech at 2.5–3 words a second, a word one
 *    or two of Whisper's tokens, plus timestamps. A real transcript spends its
 *    tokens on speech, so packing less silence into more windows changes nothing
 *    of their number.
 * Not measured: decrypting and decoding the stored Opus (decodeAudioData), and the
 * store writes (one small transaction per window).
 */
import { cpSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { cappedModel, prepareModels } from './models.mjs';
import { installWorkerStarter } from './page-worker.mjs';

const repository = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const WORK = '/tmp/intervju-bench-final-pass';
const MODELS = '/tmp/intervju-bench/models'; // shared with `npm run bench`: made once
const TOKENS_PER_SECOND = 5;
const RATE = 16_000;
/** Silero's session, made once (voiceDetector). */
let sileroModel = null;

const options = parseArguments(process.argv.slice(2));
const log = (message) => process.stderr.write(`${message}\n`);
const jiti = createJiti(import.meta.url);
{
  // As the offscreen document spreads the pass (finalPassLanes), unless told otherwise.
  const { finalPassLanes } = await jiti.import(path.join(repository, 'src/transcribe/final-pass.ts'));
  const spread = finalPassLanes({ cores: (await import('node:os')).cpus().length });
  options.lanes ??= spread.lanes;
  options.threads ??= spread.threads;
}

if (!existsSync(path.join(repository, '.output/chrome-mv3/manifest.json'))) {
  log('building the extension (npx wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: repository, stdio: 'ignore' });
}
const loadAtStart = loadavg()[0];

// 1. The interview's audio, and what the call's Silero said of it.
const audio = interviewAudio(options.minutes);
const tracks = options.track ? await callTracks(audio) : null;

// 2. Cut and transcribed at once, as the pass does, per model.
const root = path.join(WORK, 'extension');
rmSync(root, { recursive: true, force: true });
cpSync(path.join(repository, '.output/chrome-mv3'), path.join(root, '.output/chrome-mv3'), { recursive: true });
const models = prepareModels(repository, MODELS, options.sizes, log).filter((name) => name.endsWith('-q8'));
const cappedFolder = path.join(WORK, 'capped');
rmSync(cappedFolder, { recursive: true, force: true });
mkdirSync(cappedFolder, { recursive: true });
// Whisper's own bound (openai-whisper's sample_len); the per-second bound is the one that holds.
const variants = models.map((name) => ({ name, capped: cappedModel(MODELS, cappedFolder, name, 224) }));
for (const variant of variants) linkTree(path.join(cappedFolder, variant.capped), path.join(root, '.output/chrome-mv3/models', variant.capped));

process.chdir(root); // tests/e2e/fixtures.ts loads the extension from ./.output/chrome-mv3
const { launchWithExtension, extensionIdOf } = await jiti.import(path.join(repository, 'tests/e2e/fixtures.ts'));
const workerFile = readdirSync('.output/chrome-mv3/assets').find((file) => /^transcription\.worker-.*\.js$/.test(file));
if (!workerFile) throw new Error('no transcription worker in the build');

const results = [];
for (const variant of variants) {
  const cutWith = options.track ? "the call's Silero answers" : 'Silero VAD';
  log(`cutting ${options.minutes} min × 2 channels with ${cutWith}, each window transcribed with ${variant.name} in Chromium as soon as it is cut…`);
  results.push({ model: variant.name, ...(await passInBrowser(variant.capped, audio, tracks)) });
}
const loadAtEnd = loadavg()[0];

console.log(
  `\nFull-quality pass, a ${options.minutes}-minute interview (2 channels, windows of up to 28 s, ${options.pack ? 'packed across long pauses' : 'not packed'}):`,
);
console.log(
  options.track
    ? "cutting: with the call's Silero answers (the speech track a recorded call keeps), in Node, beside the transcription as the document cuts beside its workers"
    : 'cutting: Silero VAD in Node (onnxruntime-web, 1 thread; no speech track, as for an imported file), beside the transcription as the document cuts beside its workers',
);
console.log(`transcription: ${options.lanes} worker(s) at once, at most ${options.threads} onnxruntime thread(s) each`);
console.log('| model | windows (stretches of speech, audio in them) | tokens | cutting, beside the transcription | cutting + transcription | RTF over the interview |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const result of results) {
  console.log(
    `| ${result.model} (${TOKENS_PER_SECOND} tokens/s of audio) | ${result.windows} (${result.stretches}, ${(result.windowSeconds / 60).toFixed(1)} min) | ${result.tokens} | ${(result.cutMs / 1000).toFixed(1)} s | ${minutes(result.totalMs)} | ${(result.totalMs / 1000 / (options.minutes * 60)).toFixed(3)} |`,
  );
}
console.log(`load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${loadAtEnd.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);

function minutes(ms) {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** Two channels of `minutes`: turns alternate (interviewer 15 s, participant 45 s), the other channel near-silent meanwhile. */
function interviewAudio(totalMinutes) {
  const length = Math.round(totalMinutes * 60 * RATE);
  const voice = (name) => continuousSpeech(wavSamples(path.join(repository, `tests/e2e/audio/${name}.wav`)));
  const sources = { interviewer: voice('interviewer'), participant: voice('participant-with-dropout') };
  const channels = { interviewer: new Float32Array(length), participant: new Float32Array(length) };
  let seed = 7;
  for (const samples of Object.values(channels)) {
    for (let index = 0; index < length; index++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      samples[index] = 0.002 * (seed / 2147483648 - 0.5);
    }
  }
  const turn = { interviewer: 15 * RATE, participant: 45 * RATE };
  let at = 0;
  for (let index = 0; at < length; index++) {
    const speaker = index % 2 === 0 ? 'interviewer' : 'participant';
    const source = sources[speaker];
    const end = Math.min(length, at + turn[speaker]);
    for (let sample = at; sample < end; sample++) channels[speaker][sample] = source[(sample - at) % source.length];
    at = end;
  }
  return channels;
}

/**
 * A recording as continuous speech when looped: the lost stretch (exact zeros) cut
 * out, and the silence before and after the voice trimmed to 0.2 s, so a turn has
 * the short pauses of talk, not a gap at each repeat.
 */
function continuousSpeech(samples) {
  const kept = [];
  let zeros = 0;
  for (const sample of samples) {
    zeros = sample === 0 ? zeros + 1 : 0;
    if (zeros < RATE / 10) kept.push(sample);
  }
  const loud = (sample) => Math.abs(sample) > 0.01;
  const first = Math.max(0, kept.findIndex(loud) - RATE / 5);
  let last = kept.length - 1;
  while (last > 0 && !loud(kept[last])) last--;
  return Float32Array.from(kept.slice(first, Math.min(kept.length, last + RATE / 5)));
}

function wavSamples(file) {
  const bytes = readFileSync(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  while (offset < bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = view.getUint32(offset + 4, true);
    if (id === 'data') {
      const samples = new Float32Array(size / 2);
      for (let index = 0; index < samples.length; index++) samples[index] = view.getInt16(offset + 8 + index * 2, true) / 32768;
      return samples;
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

/** Silero behind the silence gate, as the document cuts with it; the model made once. */
async function voiceDetector() {
  const audioModule = await jiti.import(path.join(repository, 'src/audio/index.ts'));
  if (!sileroModel) {
    const ort = await import('onnxruntime-web/webgpu');
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    const session = await ort.InferenceSession.create(readFileSync(path.join(repository, 'public/vad/silero-vad-v5-16k.onnx')), { executionProviders: ['wasm'] });
    sileroModel = audioModule.oneRunAtATime({ session, tensor: (type, data, dims) => new ort.Tensor(type, data, dims) });
  }
  return new audioModule.SilenceGatedVoiceActivityDetector(new audioModule.SileroVoiceActivityDetector(sileroModel));
}

/** What the call's detector said of each of its frames of each channel, as the speech track keeps it (not timed: the call did this). */
async function callTracks(channels) {
  log("working out the call's Silero answers (the speech track a recording keeps)…");
  const tracks = {};
  for (const [name, samples] of Object.entries(channels)) {
    const detector = await voiceDetector();
    const probabilities = new Float32Array(Math.floor(samples.length / detector.frameSize));
    for (let frame = 0; frame < probabilities.length; frame++) {
      probabilities[frame] = await detector.process(samples.subarray(frame * detector.frameSize, (frame + 1) * detector.frameSize));
    }
    tracks[name] = [{ start: 0, frameSeconds: detector.frameSize / RATE, probabilities }];
  }
  return tracks;
}

/**
 * The pass's cutting (entrypoints/offscreen/final-pass.ts): `FINAL_PASS_CUTTING`, windows up to 28 s, packed unless
 * `--no-pack`, each as soon as it is closed; with the call's answers where `track` has them (RecordedVoiceActivityDetector).
 */
async function* cutWindows(samples, track) {
  const { cutStream, packedWindowStream } = await jiti.import(path.join(repository, 'src/transcribe/final-pass-transcription.ts'));
  const { windowSamples } = await jiti.import(path.join(repository, 'src/transcribe/packed-windows.ts'));
  const { RecordedVoiceActivityDetector } = await jiti.import(path.join(repository, 'src/audio/index.ts'));
  const fallback = await voiceDetector();
  const detector = track ? new RecordedVoiceActivityDetector({ track, startSeconds: 0, trackTime: (seconds) => seconds, fallback, sampleRate: RATE }) : fallback;
  for await (const window of packedWindowStream(cutStream(samples, detector), { pack: options.pack }, [])) {
    yield { seconds: window.seconds, pieces: window.pieces.length, samples: windowSamples(samples, window, RATE) };
  }
}

/**
 * The pass in `options.lanes` workers of `options.threads` onnxruntime threads
 * (`finalPassLanes`), channel after channel as the pass goes recording after
 * recording: each window is handed to the page as soon as the cutting in Node
 * closes it, and a free worker takes it, so the cutting runs beside the
 * transcription as it does in the document (`runInOrder` over the cut stream).
 * Timed in Node, from the first channel's cutting to its last window's text.
 */
async function passInBrowser(model, channels, tracks) {
  const profile = path.join(tmpdir(), `intervju-bench-final-pass-${process.pid}-${model}`);
  const context = await launchWithExtension(profile);
  try {
    const extensionId = await extensionIdOf(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.text().startsWith('bench:')) log(`  ${message.text().slice('bench:'.length).trim()}`);
    });
    await page.goto(`chrome-extension://${extensionId}/workspace.html`);
    await installWorkerStarter(page);
    await page.evaluate(
      async ({ workerPath, model, lanes, threads, maxTokensPerSecond }) => {
        const workers = [];
        for (let lane = 0; lane < lanes; lane++) {
          const { worker, next } = startBenchWorker(workerPath);
          worker.postMessage({ type: 'load', model, device: 'wasm', threads, maxTokensPerSecond });
          workers.push({ worker, next, ready: next('ready') });
        }
        const loaded = await Promise.all(workers.map((lane) => lane.ready));
        globalThis.__benchThreads = loaded.map((event) => event.model.threads);
        let done = 0;
        // One channel: windows arrive while the workers run; they end once it is cut and every window is done.
        globalThis.__benchChannel = () => {
          const queue = [];
          let waiting = [];
          let ended = false;
          const wake = () => waiting.splice(0).forEach((resolve) => resolve());
          const nextWindow = async () => {
            while (queue.length === 0 && !ended) await new Promise((resolve) => waiting.push(resolve));
            return queue.shift() ?? null;
          };
          globalThis.__benchAdd = (base64) => {
            const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
            queue.push(new Float32Array(bytes.buffer));
            wake();
          };
          globalThis.__benchEnd = () => {
            ended = true;
            wake();
          };
          let tokens = 0;
          globalThis.__benchDone = Promise.all(
            workers.map(async ({ worker, next }) => {
              for (let samples = await nextWindow(); samples; samples = await nextWindow()) {
                worker.postMessage({ type: 'transcribe', id: `w${done}`, samples, offset: 0, language: 'no', wordTimestamps: true }, [samples.buffer]);
                const final = await next('final');
                tokens += final.result.tokenCount;
                if (++done % 20 === 0) console.log(`bench: ${done} windows transcribed`);
              }
            }),
          ).then(() => tokens);
        };
      },
      { workerPath: `assets/${workerFile}`, model, lanes: options.lanes, threads: options.threads, maxTokensPerSecond: TOKENS_PER_SECOND },
    );
    log(`  ${options.lanes} worker(s), onnxruntime threads ${JSON.stringify(await page.evaluate(() => globalThis.__benchThreads))}`);
    // The Silero session and the cutting's modules made before the clock starts, as the document has them before the pass.
    await voiceDetector();
    await jiti.import(path.join(repository, 'src/transcribe/final-pass-transcription.ts'));
    const result = { totalMs: 0, cutMs: 0, tokens: 0, windows: 0, stretches: 0, windowSeconds: 0 };
    const started = performance.now();
    for (const [name, samples] of Object.entries(channels)) {
      await page.evaluate(() => globalThis.__benchChannel());
      const cutStarted = performance.now();
      for await (const window of cutWindows(samples, tracks?.[name])) {
        result.windows++;
        result.stretches += window.pieces;
        result.windowSeconds += window.seconds;
        const base64 = Buffer.from(window.samples.buffer, window.samples.byteOffset, window.samples.byteLength).toString('base64');
        await page.evaluate((data) => globalThis.__benchAdd(data), base64);
      }
      result.cutMs += performance.now() - cutStarted;
      await page.evaluate(() => globalThis.__benchEnd());
      result.tokens += await page.evaluate(() => globalThis.__benchDone);
    }
    result.totalMs = performance.now() - started;
    return result;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function linkTree(source, target) {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    const from = path.join(source, entry);
    if (statSync(from).isDirectory()) linkTree(from, path.join(target, entry));
    else linkSync(from, path.join(target, entry));
  }
}

function parseArguments(argv) {
  const parsed = { sizes: ['base'], minutes: 60, lanes: undefined, threads: undefined, pack: true, track: true };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--sizes') parsed.sizes = argv[++index].split(',');
    else if (argument === '--minutes') parsed.minutes = Number(argv[++index]);
    else if (argument === '--lanes') parsed.lanes = Number(argv[++index]);
    else if (argument === '--threads') parsed.threads = Number(argv[++index]);
    else if (argument === '--no-pack') parsed.pack = false;
    else if (argument === '--no-track') parsed.track = false;
    else throw new Error(`unknown argument ${argument}`);
  }
  return parsed;
}
