/**
 * A long recording of a call, driven as a researcher would: the built extension in
 * headless Chromium, the fake Zoom page, Norwegian speech (espeak-ng) looped on
 * both channels with pauses, so the speakers overlap at times, and a dropout in
 * the participant's audio; the test model transcribes. At the end the interview is
 * ended through the panel's own button. Used by the 3-minute soak test
 * (tests/e2e/soak.spec.ts, which asserts) and `npm run soak -- --minutes N`
 * (scripts/soak.mjs, which prints the figures).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Frame } from '@playwright/test';
import type { RecorderMemory } from '../../src/messages';
import { expect, fakeAudioArgs, launchWithExtension } from '../e2e/fixtures';
import { heldDevices, startRecordedCall, storedTimeline } from '../e2e/pages/recording';
import { CLOCK_TICKS, isTranscriptionThread, offscreenRenderer, processesOf, residentMegabytes, threadSnapshot, type ThreadSnapshot } from './chromium-processes';
import { openRendererHeaps, type HeapUsage } from './renderer-heaps';
import { repeatWithPauses } from './wav-loop';

/** The User Timing entry the panel adds per shown segment (entrypoints/panel/use-panel-data.ts). */
const PANEL_UPDATE_MEASURE = 'intervju:panel-update';
/** A gap between stored audio chunks longer than this, outside a pause of the recording, is lost audio. */
const AUDIO_GAP_SECONDS = 1;

export interface DelayFigures {
  count: number;
  p50: number | null;
  p95: number | null;
}

export interface SoakReport {
  minutes: number;
  utterances: { heard: number; stored: number; empty: number; failed: number };
  segmentsInStore: number;
  /** Stored → shown in the in-call panel, ms, over the first and the last minute. */
  panelDelay: { start: DelayFigures; end: DelayFigures };
  /** Resident memory, MB: the extension's renderer (offscreen document, panel frame, transcription worker) and the meeting page's. */
  memory: { extensionStart: number | null; extensionEnd: number | null; meetingStart: number | null; meetingEnd: number | null };
  /** The most the extension's renderer held at any moment of the recording, MB (VmHWM, read before the interview is ended). */
  extensionPeak: number | null;
  /** JavaScript heaps, MB: the panel frame's, the offscreen document's (as the recorder reports it) and the workspace page's. */
  panelHeap: { start: number | null; end: number | null };
  offscreenHeap: { start: number | null; end: number | null };
  /** WebAssembly memories, MB: the offscreen document's (voice detector) and the transcription worker's (Whisper). */
  offscreenWasm: { start: number | null; end: number | null };
  workerWasm: { start: number | null; end: number | null };
  workspaceHeap: { start: number | null; end: number | null };
  /**
   * The extension renderer's resident memory, MB, right after a garbage collection
   * forced in the offscreen document's and the transcription worker's isolates (at
   * the start, after the start's reading; at the end, after the end's): what it
   * holds on to, without the garbage V8 has not yet collected.
   */
  liveMemory: { extensionStart: number | null; extensionEnd: number | null };
  /** ArrayBuffer backing stores, MB (V8's count, not in performance.memory), at the start and at the end, before the forced collection. */
  backingStores: { offscreenStart: number | null; offscreenEnd: number | null; workerStart: number | null; workerEnd: number | null };
  /** Share of one core: capture + VAD + storage (every extension-renderer thread but the transcription worker's), and transcription. */
  cpu: { capturePercent: number; transcriptionPercent: number };
  /** Stored audio per channel: seconds covered against the recording's wall time, and the longest gap between chunks. */
  audio: { channel: string; coveredSeconds: number; longestGapSeconds: number; gapsOverOneSecond: number }[];
  recordedSeconds: number;
  devicesAfterEnd: { capturedTabs: number; offscreenDocuments: number };
  endedOk: boolean;
}

const quantile = (values: number[], q: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

const delayFigures = (values: number[]): DelayFigures => ({
  count: values.length,
  p50: quantile(values, 0.5),
  p95: quantile(values, 0.95),
});

/** The panel frame's update delays, each with when it was measured (ms since the frame's time origin). */
async function panelDelays(frame: Frame): Promise<{ at: number; ms: number }[]> {
  return frame.evaluate(
    (name) => performance.getEntriesByName(name).map((entry) => ({ at: entry.startTime + entry.duration, ms: entry.duration })),
    PANEL_UPDATE_MEASURE,
  );
}

/** The panel frame's JavaScript heap in MB (Chrome's performance.memory, rounded by the browser to hide exact sizes). */
async function heapMegabytes(frame: Frame): Promise<number | null> {
  const used = await frame.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null);
  return used === null ? null : used / 1024 / 1024;
}

/** What the recorder last reported of its memory, in MB, from the recording state the background keeps in storage.session. */
async function recorderMemory(context: BrowserContext): Promise<{ offscreenHeap: number | null; offscreenWasm: number | null; workerWasm: number | null }> {
  const worker = context.serviceWorkers()[0];
  const memory = worker
    ? await worker
        .evaluate(async () => {
          const storage = (globalThis as unknown as { chrome: { storage: { session: { get(key: string): Promise<Record<string, { memory?: RecorderMemory } | undefined>> } } } }).chrome.storage.session;
          return (await storage.get('recording')).recording?.memory ?? null;
        })
        .catch(() => null)
    : null;
  const megabytes = (bytes: number | undefined) => (bytes === undefined ? null : bytes / 1024 / 1024);
  return { offscreenHeap: megabytes(memory?.offscreenHeapBytes), offscreenWasm: megabytes(memory?.offscreenWasmBytes), workerWasm: megabytes(memory?.workerWasmBytes) };
}

const backing = (usage: HeapUsage | null | undefined): number | null => (usage ? usage.backingStores / 1024 / 1024 : null);

/** The renderer's resident MB once both isolates have collected their garbage (and the freed pages have had a moment to go back). */
async function liveResident(renderer: string, heaps: { collectGarbage(): Promise<void> }, page: { waitForTimeout(ms: number): Promise<void> }): Promise<number | null> {
  const collected = await heaps.collectGarbage().then(
    () => true,
    () => false,
  );
  if (!collected) return null;
  await page.waitForTimeout(2000);
  return residentMegabytes(renderer);
}

/** Runs a soak of `minutes`; `log` hears progress. */
export async function runSoak(options: { minutes: number; log?: (line: string) => void }): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const seconds = Math.round(options.minutes * 60);
  const work = mkdtempSync(path.join(tmpdir(), 'intervju-soak-'));
  // The fake microphone plays its file once: long enough for the run, a pause after each question.
  const microphone = path.join(work, 'interviewer-looped.wav');
  writeFileSync(microphone, repeatWithPauses(path.resolve('tests/e2e/audio/interviewer.wav'), 3, seconds + 120));
  const participant = repeatWithPauses(path.resolve('tests/e2e/audio/participant-with-dropout.wav'), 4, 30);
  const profile = path.join(work, 'profile');
  const context = await launchWithExtension(
    profile,
    fakeAudioArgs(microphone),
    { audible: true },
  );
  try {
    // Routes added later win: the participant's looped voice replaces the one-off file.
    await context.route('https://app.zoom.us/__intervju-test/participant.wav', (route) => route.fulfill({ status: 200, contentType: 'audio/wav', body: participant }));
    const { workspace, call, panel, recordingStarted } = await startRecordedCall(context, { pseudonym: 'Soak', loop: true });
    log(`recording ${options.minutes} min…`);
    const frame = panel.frame as Frame;

    const renderer = offscreenRenderer(profile);
    const meeting = processesOf(profile).find((entry) => entry.args.includes('--type=renderer') && !entry.args.includes('--extension-process'));
    // After the first utterances, so the model and VAD are loaded ("the start").
    await call.waitForTimeout(Math.min(60, seconds / 3) * 1000);
    const memoryStart = { extension: renderer ? residentMegabytes(renderer) : null, meeting: meeting ? residentMegabytes(meeting.pid) : null };
    const heapStart = await heapMegabytes(frame);
    const recorderStart = await recorderMemory(context);
    const workspaceStart = await heapMegabytes(workspace.page.mainFrame());
    const heaps = await openRendererHeaps(context).catch((cause: unknown) => {
      log(`  no DevTools session to the offscreen document: ${cause instanceof Error ? cause.message : String(cause)}`);
      return null;
    });
    const heapsStart = (await heaps?.read()) ?? null;
    const liveStart = renderer && heaps ? await liveResident(renderer, heaps, call) : null;
    const cpuFirst: ThreadSnapshot | null = renderer ? threadSnapshot(renderer) : null;
    let cpuLast = cpuFirst;
    const cpuStarted = performance.now();
    while (Date.now() - recordingStarted < seconds * 1000) {
      await call.waitForTimeout(Math.min(10_000, Math.max(0, seconds * 1000 - (Date.now() - recordingStarted))));
      if (renderer && cpuLast) cpuLast = threadSnapshot(renderer, cpuLast);
      const elapsed = Math.round((Date.now() - recordingStarted) / 1000);
      if (elapsed % 60 < 10) {
        const recorder = await recorderMemory(context);
        const now = (await heaps?.read().catch(() => null)) ?? null;
        const figure = (value: number | null) => value?.toFixed(1) ?? '?';
        log(
          `  ${Math.floor(elapsed / 60)} min: extension renderer ${renderer ? residentMegabytes(renderer)?.toFixed(0) : '?'} MB, offscreen document heap ${figure(recorder.offscreenHeap)} MB, WebAssembly: offscreen ${figure(recorder.offscreenWasm)} MB, worker ${figure(recorder.workerWasm)} MB, ArrayBuffers: offscreen ${figure(backing(now?.offscreen))} MB, worker ${figure(backing(now?.worker))} MB`,
        );
      }
    }
    const cpuSeconds = (performance.now() - cpuStarted) / 1000;
    const memoryEnd = { extension: renderer ? residentMegabytes(renderer) : null, meeting: meeting ? residentMegabytes(meeting.pid) : null };
    const extensionPeak = renderer ? residentMegabytes(renderer, true) : null;
    const heapEnd = await heapMegabytes(frame);
    const recorderEnd = await recorderMemory(context);
    const workspaceEnd = await heapMegabytes(workspace.page.mainFrame());
    const heapsEnd = (await heaps?.read().catch(() => null)) ?? null;
    const liveEnd = renderer && heaps ? await liveResident(renderer, heaps, call) : null;
    await heaps?.close();
    const delays = await panelDelays(frame);
    const frameNow = await frame.evaluate(() => performance.now());
    const recordedSeconds = (Date.now() - recordingStarted) / 1000;

    let capture = 0;
    let transcription = 0;
    if (cpuFirst && cpuLast) {
      for (const [tid, { name, ticks }] of cpuLast.threads) {
        const cpu = (ticks - (cpuFirst.threads.get(tid)?.ticks ?? 0)) / CLOCK_TICKS;
        if (isTranscriptionThread(name)) transcription += cpu;
        else capture += cpu;
      }
    }

    log('ending the interview…');
    await panel.testId('interview-end').click();
    await panel.testId('end-confirm-yes').click();
    const ended = panel.testId('interview-ended');
    await expect(ended).toBeVisible({ timeout: 10 * 60_000 });
    const count = async (name: string) => Number((await ended.getAttribute(name)) ?? NaN);
    const utterances = { heard: await count('data-heard'), stored: await count('data-stored'), empty: await count('data-empty'), failed: await count('data-failed') };
    const endedOk = (await ended.getAttribute('data-ok')) === 'true';
    // The full-quality pass then begins in a document of its own, which holds no device (docs/final-pass.md).
    const devicesAfterEnd = await heldDevices(workspace.page, { besideFinalPass: true });

    const timeline = await storedTimeline(workspace.page);
    const audioFigures = ['interviewer', 'participant'].map((channel) => {
      const chunks = timeline.audio.filter((chunk) => chunk.channel === channel).sort((a, b) => a.start - b.start);
      let longest = 0;
      let gaps = 0;
      for (let index = 1; index < chunks.length; index++) {
        const gap = chunks[index]!.start - chunks[index - 1]!.end;
        longest = Math.max(longest, gap);
        if (gap > AUDIO_GAP_SECONDS) gaps++;
      }
      return { channel, coveredSeconds: chunks.reduce((sum, chunk) => sum + (chunk.end - chunk.start), 0), longestGapSeconds: longest, gapsOverOneSecond: gaps };
    });

    const lastMinute = delays.filter((entry) => entry.at >= frameNow - 60_000).map((entry) => entry.ms);
    const firstMinute = delays.filter((entry) => entry.at < (delays[0]?.at ?? 0) + 60_000).map((entry) => entry.ms);
    return {
      minutes: options.minutes,
      utterances,
      segmentsInStore: timeline.segments.length,
      panelDelay: { start: delayFigures(firstMinute), end: delayFigures(lastMinute) },
      memory: { extensionStart: memoryStart.extension, extensionEnd: memoryEnd.extension, meetingStart: memoryStart.meeting, meetingEnd: memoryEnd.meeting },
      extensionPeak,
      panelHeap: { start: heapStart, end: heapEnd },
      offscreenHeap: { start: recorderStart.offscreenHeap, end: recorderEnd.offscreenHeap },
      offscreenWasm: { start: recorderStart.offscreenWasm, end: recorderEnd.offscreenWasm },
      workerWasm: { start: recorderStart.workerWasm, end: recorderEnd.workerWasm },
      workspaceHeap: { start: workspaceStart, end: workspaceEnd },
      liveMemory: { extensionStart: liveStart, extensionEnd: liveEnd },
      backingStores: {
        offscreenStart: backing(heapsStart?.offscreen),
        offscreenEnd: backing(heapsEnd?.offscreen),
        workerStart: backing(heapsStart?.worker),
        workerEnd: backing(heapsEnd?.worker),
      },
      cpu: { capturePercent: (100 * capture) / cpuSeconds, transcriptionPercent: (100 * transcription) / cpuSeconds },
      audio: audioFigures,
      recordedSeconds,
      devicesAfterEnd,
      endedOk,
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** The report as lines a person reads. */
export function describeSoak(report: SoakReport): string[] {
  const ms = (value: number | null) => (value === null ? '–' : `${value.toFixed(0)} ms`);
  const mb = (value: number | null) => (value === null ? '–' : `${value.toFixed(0)} MB`);
  const { utterances: u } = report;
  return [
    `soak: ${report.recordedSeconds.toFixed(0)} s recorded (${report.minutes} min asked)`,
    `utterances heard ${u.heard}, stored ${u.stored}, empty ${u.empty}, failed ${u.failed}, lost ${u.heard - u.stored - u.empty - u.failed}; segments in store ${report.segmentsInStore}`,
    `panel update delay, first minute: p50 ${ms(report.panelDelay.start.p50)} p95 ${ms(report.panelDelay.start.p95)} (${report.panelDelay.start.count} segments)`,
    `panel update delay, last minute:  p50 ${ms(report.panelDelay.end.p50)} p95 ${ms(report.panelDelay.end.p95)} (${report.panelDelay.end.count} segments)`,
    `extension renderer memory (offscreen document, panel frame, transcription worker): ${mb(report.memory.extensionStart)} at the start, ${mb(report.memory.extensionEnd)} at the end`,
    `extension renderer memory at its peak during the recording (VmHWM; the model's load included): ${mb(report.extensionPeak)}`,
    `extension renderer memory after collecting garbage (offscreen document and transcription worker): ${mb(report.liveMemory.extensionStart)} at the start, ${mb(report.liveMemory.extensionEnd)} at the end`,
    `ArrayBuffer backing stores before that: offscreen document ${mb(report.backingStores.offscreenStart)} → ${mb(report.backingStores.offscreenEnd)}; transcription worker ${mb(report.backingStores.workerStart)} → ${mb(report.backingStores.workerEnd)}`,
    `meeting page renderer memory: ${mb(report.memory.meetingStart)} at the start, ${mb(report.memory.meetingEnd)} at the end`,
    `JS heap, panel frame: ${mb(report.panelHeap.start)} at the start, ${mb(report.panelHeap.end)} at the end; offscreen document: ${mb(report.offscreenHeap.start)} → ${mb(report.offscreenHeap.end)}; workspace page: ${mb(report.workspaceHeap.start)} → ${mb(report.workspaceHeap.end)}`,
    `WebAssembly memory, offscreen document (voice detector): ${mb(report.offscreenWasm.start)} → ${mb(report.offscreenWasm.end)}; transcription worker (Whisper): ${mb(report.workerWasm.start)} → ${mb(report.workerWasm.end)}`,
    `CPU, share of one core: capture + VAD + storage ${report.cpu.capturePercent.toFixed(1)} %, transcription ${report.cpu.transcriptionPercent.toFixed(1)} %`,
    ...report.audio.map(
      (channel) =>
        `audio stored, ${channel.channel}: ${channel.coveredSeconds.toFixed(0)} s of ${report.recordedSeconds.toFixed(0)} s, longest gap ${channel.longestGapSeconds.toFixed(2)} s, gaps over 1 s: ${channel.gapsOverOneSecond}`,
    ),
    `after "end interview": ${report.devicesAfterEnd.capturedTabs} captured tabs, ${report.devicesAfterEnd.offscreenDocuments} offscreen documents; ended ${report.endedOk ? 'cleanly' : 'with problems'}`,
  ];
}
