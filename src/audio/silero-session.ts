/**
 * Silero VAD in a page's own onnxruntime-web instance: the offscreen document's
 * during a recording, the workspace's for a file import (the transcription
 * worker's instance is busy with Whisper for seconds at a time, and its thread
 * count is global to its env). See docs/audio.md. Imported by path
 * (`src/audio/silero-session`), not through src/audio's index, so pages that use
 * src/audio without it (the panel, the workspace's other pages) do not bundle
 * onnxruntime.
 */
// The entry transformers.js imports: its asyncify wasm is already in the build
// under ort/, so no second runtime is bundled (`onnxruntime-web/wasm` would add one).
import * as ort from 'onnxruntime-web/webgpu';
import { browser } from 'wxt/browser';
import { EnergyVoiceActivityDetector, oneRunAtATime, type SileroModel, type VoiceActivityDetector } from './index';
import { liveVoiceActivityDetector } from './live-voice-activity';
import type { VoiceDetectorKind } from '../messages';
// By path: plain constants the build module (modules/runtime-assets.ts) shares too,
// not part of src/transcribe's public API.
import { ORT_FOLDER, ORT_RUNTIME_FILES } from '../transcribe/worker/runtime-assets';

/** public/vad/ is copied into the extension as is. */
const MODEL_PATH = '/vad/silero-vad-v5-16k.onnx';

/**
 * A recording waits this long for the model at most, then starts with the energy
 * detector: a runtime that never answers must not keep the recording from starting.
 * The first load compiles onnxruntime's 27 MB wasm (about a second).
 */
const LOAD_TIMEOUT_MS = 10_000;

/** One model per document, kept between recordings like the transcription worker (a failed load is retried). */
let loaded: Promise<SileroModel<ort.Tensor>> | null = null;

/** Loads the model into onnxruntime-web (WASM, one thread: ~0.4 ms per 32 ms frame). */
export async function createSileroModel(): Promise<SileroModel<ort.Tensor>> {
  const wasm = ort.env.wasm;
  // The copy modules/runtime-assets.ts puts in the build; not in public/, so WXT's typed getURL does not know it.
  wasm.wasmPaths = {
    mjs: new URL(`/${ORT_FOLDER}/${ORT_RUNTIME_FILES.mjs}`, location.origin).href,
    wasm: new URL(`/${ORT_FOLDER}/${ORT_RUNTIME_FILES.wasm}`, location.origin).href,
  };
  // No threads: they would need cross-origin isolation, and one frame is too small to split.
  wasm.numThreads = 1;
  // No proxy worker: a run is well under a millisecond, cheaper than a message round trip.
  wasm.proxy = false;
  const started = performance.now();
  const response = await fetch(browser.runtime.getURL(MODEL_PATH));
  if (!response.ok) throw new Error(`${MODEL_PATH}: ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  // One line per document, so a browser test or a researcher's console shows which detector runs.
  console.info(`Intervju: Silero VAD loaded in ${Math.round(performance.now() - started)} ms`);
  return oneRunAtATime({ session, tensor: (type, data, dims) => new ort.Tensor(type, data, dims) });
}

/**
 * A maker of per-channel detectors for one recording: Silero on a shared model
 * (loaded by the first recording), falling back to the energy detector if the
 * model cannot load or later fails (`onFallback` is told, so the panel can say
 * so; the recording goes on either way).
 */
export async function sileroVoiceActivity(onFallback: () => void): Promise<{ kind: VoiceDetectorKind; make: () => VoiceActivityDetector }> {
  const attempt = (loaded ??= createSileroModel());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not loaded after ${LOAD_TIMEOUT_MS} ms`)), LOAD_TIMEOUT_MS);
  });
  let model: SileroModel<ort.Tensor>;
  try {
    model = await Promise.race([attempt, timeout]);
  } catch (cause) {
    // A load still under way stays for the next recording; a failed one is tried again then.
    void attempt.catch(() => {
      if (loaded === attempt) loaded = null;
    });
    console.warn('Intervju: Silero VAD could not be loaded; the energy detector cuts utterances instead', cause);
    return { kind: 'energy', make: () => new EnergyVoiceActivityDetector() };
  } finally {
    clearTimeout(timer);
  }
  return {
    kind: 'silero',
    make: () =>
      liveVoiceActivityDetector(model, (cause) => {
        console.warn('Intervju: Silero VAD failed; the energy detector cuts utterances from here on', cause);
        onFallback();
      }),
  };
}
