/**
 * CPU share of audio capture + VAD during a recording, measured in the built
 * extension in headless Chromium (Linux only: it reads /proc).
 *
 *   node scripts/bench/capture-cpu.mjs [--mode call|single] [--seconds 40] [--warm-up 10]
 *                                      [--no-transcription] [--with-ui] [--verbose]
 *
 * It records as a researcher does, through the e2e fixtures and page objects
 * (tests/e2e, loaded with jiti as browser-run.mjs does): `call` captures a fake
 * Zoom tab (participant) plus the fake microphone (interviewer), `single` only
 * the microphone. Once recording, it samples the CPU time of every thread of
 * the renderer that hosts the offscreen document for `--seconds`, and splits it:
 * - transcription: the DedicatedWorker thread (Whisper in WASM);
 * - capture + VAD + storage: all other threads: the offscreen main thread
 *   (src/audio ChannelProcessor: resampling, levels, VAD (Silero runs its WASM
 *   there too), segmenter, dropouts; encryption and IndexedDB calls), the
 *   AudioWorklet and audio device threads, the thread pool (MediaRecorder's Opus
 *   encoder, WebCrypto), IO, and the background service worker relaying levels.
 * V8 runs WASM tier-up compilation and GC for the worker on that same thread
 * pool, so with transcription on, the capture figure is inflated: the honest
 * capture figure is a `--no-transcription` run, whose extension snapshot has a
 * worker that never answers (no model loads, utterances wait in the queue).
 * The panel and workspace share the extension's process; they are closed (the
 * in-call panel's frame emptied) before measuring, unless `--with-ui`.
 *
 * Why per-thread /proc accounting rather than CDP: CDP's Performance and Profiler
 * domains see one JavaScript isolate at a time and report script or wall time, not
 * CPU; the audio, worklet and encoder threads are invisible to them, and profiling
 * costs CPU itself. /proc/<pid>/task/<tid>/stat has each thread's utime+stime.
 * The browser process and audio service (IPC, IndexedDB backend, fake device,
 * tab-capture mirroring) are reported on their own, not in the share.
 *
 * Human text goes to stderr; the figures are one JSON line on stdout. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const repository = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const MODE = option('--mode', 'call');
const SECONDS = Number(option('--seconds', '40'));
const [VERBOSE, WITH_UI, NO_TRANSCRIPTION] = ['--verbose', '--with-ui', '--no-transcription'].map((flag) => argv.includes(flag));
const WARM_UP_SECONDS = Number(option('--warm-up', '10')); // start-up work (WASM compilation, model loads) left out
const log = (message) => process.stderr.write(`${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
if (!['call', 'single'].includes(MODE) || !(SECONDS > 0) || !(WARM_UP_SECONDS >= 0)) throw new Error('usage: capture-cpu.mjs [--mode call|single] [--seconds N] [--warm-up N] [--no-transcription] [--with-ui] [--verbose]');
const output = path.join(repository, '.output/chrome-mv3');
if (!existsSync(path.join(output, 'manifest.json'))) {
  log(`No built extension in ${output}: run \`npx wxt build\` first.`);
  process.exit(1);
}

// A work folder laid out like the repository, because the fixtures resolve paths from
// the working directory: the build (a snapshot: a rebuild meanwhile must not pull it
// away) and long versions of the test voices (the fake microphone plays its file once).
const work = mkdtempSync(path.join(tmpdir(), 'intervju-capture-cpu-'));
cpSync(output, path.join(work, '.output/chrome-mv3'), { recursive: true });
// Which build was measured: the offscreen chunk's name carries a hash of its content.
const build = readdirSync(path.join(work, '.output/chrome-mv3/chunks')).find((file) => file.startsWith('offscreen-')) ?? 'unknown';
if (NO_TRANSCRIPTION) {
  const assets = path.join(work, '.output/chrome-mv3/assets');
  for (const file of readdirSync(assets).filter((name) => /^transcription\.worker-.*\.js$/.test(name))) writeFileSync(path.join(assets, file), 'self.onmessage = () => {};\n');
}
mkdirSync(path.join(work, 'tests/e2e/audio'), { recursive: true });
const audioSeconds = SECONDS + WARM_UP_SECONDS + 40;
const microphoneWav = path.join(work, 'microphone.wav');
const { repeatWithPauses } = await createJiti(import.meta.url).import(path.join(repository, 'tests/soak/wav-loop.ts'));
writeFileSync(microphoneWav, repeatWithPauses(path.join(repository, 'tests/e2e/audio/interviewer.wav'), 3, audioSeconds));
writeFileSync(path.join(work, 'tests/e2e/audio/participant-with-dropout.wav'), repeatWithPauses(path.join(repository, 'tests/e2e/audio/participant-with-dropout.wav'), 4, audioSeconds));
process.chdir(work);

const jiti = createJiti(import.meta.url);
const load = (file) => jiti.import(path.join(repository, file));
const { launchWithExtension, extensionIdOf, fakeAudioArgs, expect } = await load('tests/e2e/fixtures.ts');
const { FAKE_MEETING_URLS } = await load('tests/e2e/fake-meetings.ts');
const { PanelPage } = await load('tests/e2e/pages/panel.ts');
const { WorkspacePage } = await load('tests/e2e/pages/workspace.ts');
const { startRecordingCall, playParticipant } = await load('tests/e2e/pages/recording.ts');
const { CLOCK_TICKS: clockTicks, processesOf, processTicks, threadSnapshot: snapshot, offscreenRenderer: rendererOf, isTranscriptionThread: isTranscription } = await load('tests/soak/chromium-processes.ts');
const profile = path.join(work, 'profile');

const context = await launchWithExtension(profile, fakeAudioArgs(microphoneWav), { audible: true });
try {
  log(`recording (${MODE} mode${NO_TRANSCRIPTION ? ', transcription off' : ''})…`);
  const extensionId = await extensionIdOf(context);
  const workspace = await WorkspacePage.open(context, extensionId);
  await workspace.setUpPassphrase();
  const tab = await context.newPage();
  await tab.goto(MODE === 'call' ? FAKE_MEETING_URLS.zoom : `chrome-extension://${extensionId}/panel.html`);
  const panel = MODE === 'call' ? await PanelPage.inMeeting(tab) : new PanelPage(tab);
  await panel.unlockIfLocked();
  await panel.startInterview('Bench');
  if (MODE === 'call') {
    await startRecordingCall(context, extensionId, panel, 'app.zoom.us');
    await playParticipant(tab);
  } else {
    const items = panel.testId('consent-item');
    for (let index = 0; index < (await items.count()); index++) await items.nth(index).check();
    await panel.testId('recording-mode').selectOption('single');
    await panel.testId('recording-toggle').click();
    await expect(panel.testId('recording-state')).toHaveAttribute('data-state', 'recording', { timeout: 20_000 });
  }

  const renderer = rendererOf(profile);
  if (!renderer) throw new Error('no extension renderer runs audio threads: where is the offscreen document?');
  await workspace.page.close();
  if (!WITH_UI && MODE === 'single') await tab.close();
  // The content script puts a removed panel back, so the in-call panel's frame is emptied instead.
  if (!WITH_UI && MODE === 'call') await tab.frames().find((frame) => frame.url().startsWith('chrome-extension:'))?.evaluate(() => location.replace('about:blank')).catch(() => undefined);
  log(`renderer ${renderer} hosts the offscreen document; warming up ${WARM_UP_SECONDS} s, then measuring ${SECONDS} s…`);
  await sleep(WARM_UP_SECONDS * 1000);

  // Two more processes, reported apart: the browser (IPC, IndexedDB backend) and the audio service.
  const tree = processesOf(profile);
  const others = [tree[0], tree.find((entry) => entry.args.includes('audio.mojom.AudioService'))];
  const othersBefore = others.map((entry) => entry && processTicks(entry.pid));
  const first = snapshot(renderer);
  const started = performance.now();
  let last = first;
  while (performance.now() - started < SECONDS * 1000) {
    await sleep(1000);
    last = snapshot(renderer, last); // a thread that ends keeps its last reading
  }
  const seconds = (performance.now() - started) / 1000;
  const [browserCpu, audioServiceCpu] = others.map((entry, index) => (entry ? (processTicks(entry.pid) - othersBefore[index]) / clockTicks : null));
  // What the recording says of itself (kept by the background in storage.session): which VAD ran, any warnings.
  const state = await context.serviceWorkers()[0]?.evaluate(async () => (await chrome.storage.session.get('recording')).recording).catch(() => null);

  // CPU seconds per thread in the window; what no live thread accounts for went to threads that ended.
  const threads = [...last.threads].map(([tid, { name, ticks }]) => ({ name, cpu: (ticks - (first.threads.get(tid)?.ticks ?? 0)) / clockTicks }));
  const ended = Math.max(0, (last.total - first.total) / clockTicks - threads.reduce((sum, thread) => sum + thread.cpu, 0));
  const sum = (list) => list.reduce((total, thread) => total + thread.cpu, 0);
  const transcription = sum(threads.filter((thread) => isTranscription(thread.name)));
  const capture = sum(threads.filter((thread) => !isTranscription(thread.name))) + ended;
  const channels = MODE === 'call' ? 2 : 1;
  const percent = (cpu) => (cpu === null ? null : round((100 * cpu) / seconds, 2));
  const result = {
    mode: MODE,
    build,
    channels,
    transcription: !NO_TRANSCRIPTION,
    withUi: WITH_UI,
    voiceDetector: state?.voiceDetector ?? null,
    warnings: state?.warnings?.map((warning) => warning.kind) ?? null,
    seconds: round(seconds, 1),
    capturePercentOfCore: percent(capture),
    capturePercentPerChannel: round(percent(capture) / channels, 2),
    transcriptionPercentOfCore: percent(transcription),
    browserProcessPercentOfCore: percent(browserCpu),
    audioServicePercentOfCore: percent(audioServiceCpu),
    cores: cpus().length,
    loadAverage: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
    threadsMs: groupByName(threads, ended),
  };
  log(`\n${build}: ${result.seconds} s recorded, ${MODE} mode (${channels} channel(s)), VAD ${result.voiceDetector}, transcription ${NO_TRANSCRIPTION ? 'off' : 'on'}, ${result.cores} cores, load average ${result.loadAverage}`);
  log(`${' '.repeat(35)}CPU s   % of one core`);
  const line = (label, cpu, note = '') => cpu !== null && log(`  ${label.padEnd(30)} ${cpu.toFixed(2).padStart(6)}   ${percent(cpu).toFixed(2).padStart(6)} %${note}`);
  line('capture + VAD + storage', capture, `  (${result.capturePercentPerChannel.toFixed(2)} % per channel)`);
  line('transcription worker', transcription);
  line('browser process (not counted)', browserCpu);
  line('audio service (not counted)', audioServiceCpu);
  if (VERBOSE) for (const [name, ms] of Object.entries(result.threadsMs)) log(`    ${name.padEnd(28)} ${String(ms).padStart(7)} ms${isTranscription(name) ? '  (transcription)' : ''}`);
  console.log(JSON.stringify(result));
} finally {
  await context.close().catch(() => undefined);
  process.chdir(repository);
  rmSync(work, { recursive: true, force: true });
}

/** CPU ms per thread name (threads of one name summed), largest first. */
function groupByName(threads, ended) {
  const byName = new Map([['(ended threads)', ended * 1000]]);
  for (const thread of threads) byName.set(thread.name, (byName.get(thread.name) ?? 0) + thread.cpu * 1000);
  return Object.fromEntries([...byName].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]).map(([name, ms]) => [name, Math.round(ms)]));
}

function round(value, digits) { return Number(value.toFixed(digits)); }
