/**
 * How the worker sets transformers.js and onnxruntime up inside the extension:
 * models only from the extension's own `models/`, onnxruntime's wasm from its
 * own `ort/`, threads wherever shared memory reaches a worker.
 */
import { MODELS_FOLDER, ORT_FOLDER, ORT_RUNTIME_FILES } from './runtime-assets';

/** The part of transformers.js's `env` the worker sets. */
export interface TransformersEnvironmentLike {
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
  localModelPath: string;
  useBrowserCache: boolean;
  useWasmCache?: boolean;
  backends: { onnx: { wasm?: { wasmPaths?: unknown; numThreads?: number } } };
}

/** What the worker knows of where it runs. */
export interface WorkerPlace {
  /** `chrome-extension://<id>`. */
  origin: string;
  /** Whether a SharedArrayBuffer can be posted to another thread (see `canShareMemory`). */
  sharedMemory: boolean;
  hardwareConcurrency: number;
}

/**
 * Whether onnxruntime's WASM threads can work here: it needs a SharedArrayBuffer
 * that survives `postMessage`, the same probe onnxruntime makes. On the web that
 * takes cross-origin isolation; Chromium still grants it to extension pages and
 * their workers without isolation (measured: docs/transcription.md), which
 * matters because an isolated offscreen document cannot receive tab capture.
 */
export function canShareMemory(): boolean {
  try {
    if (typeof SharedArrayBuffer === 'undefined' || typeof MessageChannel === 'undefined') return false;
    const channel = new MessageChannel();
    channel.port1.postMessage(new SharedArrayBuffer(1));
    channel.port1.close();
    return true;
  } catch {
    return false;
  }
}

/** Most threads onnxruntime is given: beyond 4 it gains little on Whisper (onnxruntime's own default cap). */
const MAXIMUM_THREADS = 4;

/**
 * onnxruntime WASM threads. With shared memory: both cores of a 2-core machine
 * (inference runs in bursts after each utterance, so the call keeps its share
 * in between), and on larger machines one core is left for the call itself.
 */
export function threadCount(place: WorkerPlace): number {
  if (!place.sharedMemory) return 1;
  const cores = Math.max(1, place.hardwareConcurrency);
  return cores <= 2 ? cores : Math.min(MAXIMUM_THREADS, cores - 1);
}

/**
 * Points transformers.js at the extension's own files, before the first pipeline.
 * `wasm` is mutated, not replaced: transformers.js's `env.backends.onnx` is a copy
 * of onnxruntime's env whose `wasm` object is the one onnxruntime reads.
 */
export function configureRuntime(environment: TransformersEnvironmentLike, place: WorkerPlace): { threads: number } {
  environment.allowRemoteModels = false;
  environment.allowLocalModels = true;
  environment.localModelPath = `${place.origin}/${MODELS_FOLDER}/`;
  // Caching extension files in the Cache API would only duplicate them on disk.
  environment.useBrowserCache = false;
  // transformers.js would otherwise re-import the runtime from a blob: URL, which
  // the extension's CSP (script-src 'self') refuses.
  environment.useWasmCache = false;
  const wasm = environment.backends.onnx.wasm;
  if (!wasm) throw new Error('onnxruntime-web has no wasm backend here');
  wasm.wasmPaths = {
    mjs: `${place.origin}/${ORT_FOLDER}/${ORT_RUNTIME_FILES.mjs}`,
    wasm: `${place.origin}/${ORT_FOLDER}/${ORT_RUNTIME_FILES.wasm}`,
  };
  const threads = threadCount(place);
  wasm.numThreads = threads;
  return { threads };
}

/**
 * Lowers onnxruntime's threads to `requested` (never raises them past what
 * `configureRuntime` allowed) and returns the count it will use. Only before
 * onnxruntime starts, at the worker's first load: it reads numThreads once.
 */
export function limitThreads(environment: TransformersEnvironmentLike, allowed: number, requested: number | undefined): number {
  const threads = requested === undefined ? allowed : Math.max(1, Math.min(allowed, Math.floor(requested)));
  const wasm = environment.backends.onnx.wasm;
  if (wasm) wasm.numThreads = threads;
  return threads;
}

/** The part of `navigator.gpu` needed to tell whether WebGPU really works. */
export interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/** `webgpu` when asked for, or on `auto` when an adapter is there; `wasm` otherwise. */
export async function chooseDevice(
  requested: 'auto' | 'wasm' | 'webgpu',
  gpu: GpuLike | undefined,
): Promise<'wasm' | 'webgpu'> {
  if (requested !== 'auto') return requested;
  if (!gpu) return 'wasm';
  try {
    return (await gpu.requestAdapter()) ? 'webgpu' : 'wasm';
  } catch {
    return 'wasm';
  }
}
