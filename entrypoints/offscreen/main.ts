import { offscreenMessaging, type FinishRecordingResult } from '../../src/messages';
import { finalPassLanes, trackWebAssemblyMemories } from '../../src/transcribe';
import { finalPassRunning, runFinalPass, stopFinalPass } from './final-pass';
import { Recorder } from './recorder';
import { createTranscriber } from './transcriber';
import type { GivenUtterance } from './test-hooks';

// Before the voice detector's onnxruntime starts, so its memory is counted in the reports.
trackWebAssemblyMemories();

/**
 * The offscreen document: it holds the call's audio, which never leaves it. Only
 * text (segments, in the encrypted store) and level readings go out.
 */
let recorder: Recorder | null = null;
/**
 * The last recording's finish: asked again (by a service worker that restarted
 * while the first ask was under way), the document answers with the same one
 * instead of an empty result.
 */
let finishing: Promise<FinishRecordingResult> | null = null;

offscreenMessaging.onMessage('offscreen.begin', async ({ data }) => {
  if (recorder?.active) return { ok: false, reason: 'already-recording' };
  recorder = new Recorder();
  finishing = null;
  try {
    const result = await recorder.begin(data);
    if (!result.ok) recorder = null;
    return result;
  } catch (cause) {
    recorder = null;
    return { ok: false, reason: 'failed', message: cause instanceof Error ? cause.message : String(cause) };
  }
});
offscreenMessaging.onMessage('offscreen.pause', () => recorder?.pause());
offscreenMessaging.onMessage('offscreen.resume', () => recorder?.resume());
offscreenMessaging.onMessage('offscreen.finish', () => {
  if (recorder) {
    finishing = recorder.finish();
    recorder = null;
  }
  return finishing ?? { ok: true, problems: [], counts: { heard: 0, stored: 0, empty: 0, failed: 0, queued: 0 } };
});

// The full-quality pass after an interview (docs/final-pass.md): never beside a
// recording (the background stops it first; this refuses it while one runs).
offscreenMessaging.onMessage('offscreen.finalPass.run', ({ data }) => {
  if (recorder?.active) return { ok: false, message: 'A recording runs' };
  // Its own workers, not the recordings' (nothing else runs now): two on most machines.
  const { lanes, threads } = finalPassLanes({
    cores: navigator.hardwareConcurrency ?? 1,
    memoryGigabytes: (navigator as Navigator & { deviceMemory?: number }).deviceMemory,
  });
  return runFinalPass(data, Array.from({ length: lanes }, () => createTranscriber({ threads })));
});
offscreenMessaging.onMessage('offscreen.finalPass.stop', () => stopFinalPass());

/**
 * Test hook, reachable only through the DevTools protocol (no extension page or
 * content script can reach this document's globals): end-to-end tests store an
 * utterance with chosen words through the recorder's own path, since the test
 * model writes noise. See docs/testing.md.
 */
Object.assign(globalThis, {
  __intervjuTestHooks: {
    finalPassRunning,
    storeGivenUtterance: (given: GivenUtterance): Promise<boolean> => recorder?.storeGivenUtterance(given) ?? Promise.resolve(false),
  },
});
