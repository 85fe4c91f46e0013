/**
 * `npm run bench:backup`: memory of a backup, and of restoring it, of a project
 * with hours of recorded audio, in the built extension in headless Chromium.
 * Not a test: it prints figures (recorded in docs/privacy.md). Linux only (it
 * reads /proc). It builds nothing: run `npx wxt build` first.
 *
 *   npm run bench:backup [-- --hours 3 --kbps 32]
 *
 * 1. A fresh profile; the passphrase is set up in the workspace as a researcher does.
 * 2. The store is filled with one interview of `--hours` of audio on two channels
 *    (interviewer, participant) in 2-second chunks of random bytes the size of
 *    Opus at `--kbps`, written through the store's own `appendAudioChunk`
 *    (scripts/bench/backup-filler.ts, bundled with esbuild and evaluated in the
 *    workspace page: encrypted under the unlocked key, as a recording writes them).
 * 3. A fresh workspace tab on the backup page; garbage collected; then idle.
 * 4. "Make a backup" is clicked and the download saved.
 * 5. A second fresh profile restores the file through the restore form, and the
 *    restored chunk count is checked.
 *
 * What is measured, and why: the resident memory (RSS) of the extension's
 * renderer process, which runs the workspace page (and the background worker).
 * RSS counts everything the page holds: the JavaScript heap, ArrayBuffer backing
 * stores outside it, blob bytes not yet handed to the browser, IndexedDB and
 * WebCrypto buffers. The peak is the kernel's high-water mark (VmHWM), reset
 * just before the backup (writing 5 to /proc/<pid>/clear_refs), so no peak
 * between two samples is missed; "above idle" is that peak less the RSS while
 * idle. The JavaScript heap (CDP Performance.getMetrics JSHeapUsedSize, sampled
 * every 100 ms) is printed too, for reference only: it leaves out ArrayBuffers.
 * The browser process, where the blob store keeps the file until it is saved and
 * where IndexedDB runs, is reported apart, as its own high-water mark growth.
 */
import { build } from 'esbuild';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const repository = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const HOURS = Number(option('--hours', '3'));
const KBPS = Number(option('--kbps', '32'));
const CHUNK_SECONDS = 2;
const BACKUP_PASSPHRASE = 'benk sikkerhetskopi';
const log = (message) => process.stderr.write(`${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const MB = 1024 * 1024;
const mb = (bytes) => (bytes / MB).toFixed(1);

const output = path.join(repository, '.output/chrome-mv3');
if (!existsSync(path.join(output, 'manifest.json'))) {
  log(`No built extension in ${output}: run \`npx wxt build\` first.`);
  process.exit(1);
}
// The fixtures resolve the build from the working directory: a snapshot in a work
// folder, so a rebuild meanwhile does not pull it away.
const work = mkdtempSync(path.join(tmpdir(), 'intervju-bench-backup-'));
cpSync(output, path.join(work, '.output/chrome-mv3'), { recursive: true });
const filler = (
  await build({ entryPoints: [path.join(repository, 'scripts/bench/backup-filler.ts')], bundle: true, format: 'iife', write: false, platform: 'browser', target: 'chrome120' })
).outputFiles[0].text;
process.chdir(work);
const jiti = createJiti(import.meta.url);
const load = (file) => jiti.import(path.join(repository, file));
const { launchWithExtension, extensionIdOf, expect } = await load('tests/e2e/fixtures.ts');
const { WorkspacePage } = await load('tests/e2e/pages/workspace.ts');

const figures = {};

async function makeBackup(profile, backupFile) {
  const context = await launchWithExtension(profile);
  try {
    const extensionId = await extensionIdOf(context);
    const setUp = await WorkspacePage.open(context, extensionId);
    await setUp.setUpPassphrase();
    const bytesPerChunk = Math.round((KBPS * 1000 * CHUNK_SECONDS) / 8);
    log(`filling the store: ${HOURS} h × 2 channels of ${CHUNK_SECONDS}-second chunks of ${bytesPerChunk} bytes (${KBPS} kbit/s)…`);
    const started = Date.now();
    await setUp.page.evaluate(filler);
    const filled = await setUp.page.evaluate((request) => globalThis.__intervjuBenchFill(request), { hours: HOURS, chunkSeconds: CHUNK_SECONDS, bytesPerChunk, parallel: 8 });
    log(`  ${filled.chunks} chunks, ${mb(filled.bytes)} MB of audio in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    figures.audioChunks = filled.chunks;
    figures.audioMB = Number(mb(filled.bytes));
    await setUp.page.close();

    const workspace = await WorkspacePage.open(context, extensionId);
    const page = workspace.page;
    await page.getByTestId('nav-privacy').click();
    await expect(page.getByTestId('backup-form')).toBeVisible({ timeout: 20_000 });
    const meter = await Meter.start(context, page, profile);
    await page.getByTestId('backup-passphrase').fill(BACKUP_PASSPHRASE);
    await page.getByTestId('backup-passphrase-repeat').fill(BACKUP_PASSPHRASE);
    log('making the backup…');
    const backupStarted = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByTestId('backup-create').click()]);
    await download.saveAs(backupFile);
    const seconds = (Date.now() - backupStarted) / 1000;
    await expect(page.getByTestId('backup-message')).toBeVisible();
    const peak = await meter.stop();
    const size = statSync(backupFile).size;
    report('backup', peak, seconds);
    figures.backupMB = Number(mb(size));
    console.log(`backup size: ${mb(size)} MB (${mb(filled.bytes)} MB of audio)`);
    return filled.chunks;
  } finally {
    await context.close();
  }
}

async function restore(profile, backupFile, expectedChunks) {
  const context = await launchWithExtension(profile);
  try {
    const workspace = await WorkspacePage.open(context, await extensionIdOf(context));
    await workspace.setUpPassphrase();
    const page = workspace.page;
    await page.getByTestId('nav-privacy').click();
    await expect(page.getByTestId('restore-form')).toBeVisible({ timeout: 20_000 });
    const meter = await Meter.start(context, page, profile);
    log('restoring it into a fresh profile…');
    const started = Date.now();
    await page.getByTestId('restore-file').setInputFiles(backupFile);
    await page.getByTestId('restore-passphrase').fill(BACKUP_PASSPHRASE);
    await page.getByTestId('restore-start').click();
    await page.getByTestId('restore-start-confirm').click();
    await expect(page.getByTestId('restore-report').or(page.getByTestId('restore-error'))).toBeVisible({ timeout: 600_000 });
    const seconds = (Date.now() - started) / 1000;
    const peak = await meter.stop();
    if (await page.getByTestId('restore-error').isVisible()) throw new Error(`restore refused: ${await page.getByTestId('restore-error').textContent()}`);
    report('restore', peak, seconds);
    const restored = Number((await page.locator('[data-testid="restore-count"][data-store="audio"]').textContent()).replace(/\D+/g, ' ').trim().split(' ').at(-1));
    figures.restoredChunks = restored;
    if (restored !== expectedChunks) throw new Error(`restore: ${restored} chunks, expected ${expectedChunks}`);
    console.log(`restore: ok, ${restored} chunks`);
  } finally {
    await context.close();
  }
}

function report(what, peak, seconds) {
  figures[what] = { seconds: Number(seconds.toFixed(1)), ...peak };
  console.log(`${what} peak above idle: ${peak.rendererPeakAboveIdleMB} MB (extension renderer RSS high-water mark; idle ${peak.rendererIdleMB} MB, peak ${peak.rendererPeakMB} MB) in ${seconds.toFixed(1)} s`);
  console.log(`  for reference: JS heap peak above idle ${peak.jsHeapPeakAboveIdleMB} MB; browser process high-water mark grew ${peak.browserPeakAboveIdleMB} MB`);
  console.log(`  renderer RSS above idle, each second (MB): ${peak.rendererAboveIdleEachSecondMB.join(' ')}`);
}

/** Idle figures now, then the high-water marks from here until `stop`. */
class Meter {
  static async start(context, page, profile) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await sleep(3000);
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(2000);
    const meter = new Meter(cdp, profile);
    await meter.begin();
    return meter;
  }

  constructor(cdp, profile) {
    this.cdp = cdp;
    this.profile = profile;
  }

  async begin() {
    const tree = processesOf(this.profile);
    this.browser = tree[0].pid;
    this.renderers = tree.filter((entry) => entry.args.includes('--type=renderer') && entry.args.includes('--extension-process')).map((entry) => entry.pid);
    if (this.renderers.length === 0) throw new Error('no extension renderer process found');
    this.idle = new Map([this.browser, ...this.renderers].map((pid) => [pid, status(pid).rss]));
    this.exactPeaks = [this.browser, ...this.renderers].every(resetPeak);
    this.sampled = new Map(this.idle);
    this.jsIdle = await this.jsHeap();
    this.jsPeak = this.jsIdle;
    this.running = true;
    this.started = Date.now();
    this.timeline = [];
    this.loop = (async () => {
      while (this.running) {
        for (const pid of this.sampled.keys()) this.sampled.set(pid, Math.max(this.sampled.get(pid), status(pid).rss));
        // One sample a second of the renderer that grows most, to show when the peak comes.
        const second = Math.floor((Date.now() - this.started) / 1000);
        if (this.timeline.length <= second) {
          this.timeline.push(Math.max(...this.renderers.map((pid) => status(pid).rss - this.idle.get(pid))));
        }
        this.jsPeak = Math.max(this.jsPeak, await this.jsHeap().catch(() => 0));
        await sleep(100);
      }
    })();
  }

  async jsHeap() {
    const { metrics } = await this.cdp.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'JSHeapUsedSize').value;
  }

  async stop() {
    this.running = false;
    await this.loop;
    const peakOf = (pid) => Math.max(this.sampled.get(pid), this.exactPeaks ? status(pid).hwm : 0);
    // The renderer that grew most is the one that ran the work (there is usually only one).
    const renderer = this.renderers.map((pid) => ({ pid, idle: this.idle.get(pid), peak: peakOf(pid) })).sort((a, b) => b.peak - b.idle - (a.peak - a.idle))[0];
    if (!this.exactPeaks) log('  (could not reset the high-water marks: peaks are from 100 ms samples)');
    return {
      rendererIdleMB: Number(mb(renderer.idle)),
      rendererPeakMB: Number(mb(renderer.peak)),
      rendererPeakAboveIdleMB: Number(mb(renderer.peak - renderer.idle)),
      extensionRenderers: this.renderers.length,
      jsHeapPeakAboveIdleMB: Number(mb(this.jsPeak - this.jsIdle)),
      browserPeakAboveIdleMB: Number(mb(peakOf(this.browser) - this.idle.get(this.browser))),
      exactPeaks: this.exactPeaks,
      rendererAboveIdleEachSecondMB: this.timeline.map((bytes) => Math.round(bytes / MB)),
    };
  }
}

/** VmRSS and VmHWM of a process, in bytes. */
function status(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024;
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** Resets the process's peak RSS to its current RSS (Linux ≥ 4.0, own processes). */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The browser's processes for this profile: the browser itself (first) and everything below it. */
function processesOf(profileFolder) {
  const all = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      all.push({ pid, parent: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1], args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // ended while we looked
    }
  }
  const browser = all.find((entry) => entry.args.includes(`--user-data-dir=${profileFolder}`) && !entry.args.includes('--type='));
  if (!browser) throw new Error(`no browser process for ${profileFolder}`);
  const ours = new Set([browser.pid]);
  const below = (entry) => !ours.has(entry.pid) && ours.has(entry.parent);
  while (all.some(below)) for (const entry of all.filter(below)) ours.add(entry.pid);
  return [browser, ...all.filter((entry) => entry !== browser && ours.has(entry.pid))];
}

// Last: the class above is not hoisted.
try {
  const backupFile = path.join(work, 'bench.intervju');
  const expectedChunks = await makeBackup(path.join(work, 'profile-backup'), backupFile);
  await restore(path.join(work, 'profile-restore'), backupFile, expectedChunks);
} finally {
  process.chdir(repository);
  rmSync(work, { recursive: true, force: true });
}
console.log(JSON.stringify(figures));
