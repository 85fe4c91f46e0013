/**
 * Where the build puts the files the transcription worker loads from the
 * extension itself (modules/runtime-assets.ts copies them; the worker points
 * transformers.js and onnxruntime at them). Shared so the two cannot drift.
 */

/** Folder in the built extension holding onnxruntime-web's wasm runtime. */
export const ORT_FOLDER = 'ort';

/**
 * The runtime transformers.js 4.3 loads: it imports `onnxruntime-web/webgpu`,
 * whose bundle runs both its WebGPU and WASM backends on the asyncify build
 * (see `ort.webgpu.bundle.min.mjs`). The build fails if these are missing.
 */
export const ORT_RUNTIME_FILES = {
  mjs: 'ort-wasm-simd-threaded.asyncify.mjs',
  wasm: 'ort-wasm-simd-threaded.asyncify.wasm',
} as const;

/** Folder in the built extension holding one folder per model (each with manifest.json). */
export const MODELS_FOLDER = 'models';
