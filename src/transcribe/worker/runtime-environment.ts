/**
 * How the worker sets transformers.js and onnxruntime up inside the extension:
 * models only from the extension's own `models/`, onnxruntime's wasm from its
 * own `ort/`, threads only where the page is cross-origin isolated.
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
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

/** onnxruntime WASM threads: all cores when SharedArrayBuffer is allowed (cross-origin isolated), else 1. */
export function threadCount(place: WorkerPlace): number {
  return place.crossOriginIsolated ? Math.max(1, place.hardwareConcurrency) : 1;
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
