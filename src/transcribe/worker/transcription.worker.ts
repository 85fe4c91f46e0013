/**
 * The transcription Web Worker (module worker), started by the offscreen
 * document during a call and by the workspace for file imports:
 *
 *   new Worker(new URL('../../src/transcribe/worker/transcription.worker.ts', import.meta.url), { type: 'module' })
 *
 * Speaks the contract in src/messages/transcription-protocol.ts. Inference runs
 * here, not in the MV3 service worker, where dynamic import() is not allowed.
 */
import { env } from '@huggingface/transformers';
import type { TranscriptionEvent, TranscriptionRequest } from '../../messages/transcription-protocol';
import { parseModelManifest } from '../model-registry';
import { WhisperTranscriber } from '../whisper-transcriber';
import { MODELS_FOLDER } from './runtime-assets';
import { canShareMemory, chooseDevice, configureRuntime, limitThreads, type GpuLike, type TransformersEnvironmentLike } from './runtime-environment';
import { createRequestHandler } from './transcription-queue';
import { trackWebAssemblyMemories } from '../wasm-memory';

// The worker global, typed by what we use (the project compiles against DOM, not WebWorker, types).
const scope = self as unknown as {
  location: Location;
  navigator: Navigator & { gpu?: GpuLike };
  postMessage(message: TranscriptionEvent): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TranscriptionRequest>) => void): void;
};

// Before onnxruntime creates its memory (at the first model load), so it is counted.
const wasmMemory = trackWebAssemblyMemories();

const origin = scope.location.origin;
// Before the first pipeline: onnxruntime reads wasmPaths and numThreads once, when it starts.
const environment = env as unknown as TransformersEnvironmentLike;
const { threads: allowedThreads } = configureRuntime(environment, {
  origin,
  sharedMemory: canShareMemory(),
  hardwareConcurrency: scope.navigator.hardwareConcurrency ?? 1,
});
/** Fixed by the first load: onnxruntime reads its thread count once, when it starts. */
let runtimeThreads: number | null = null;

/** A macrotask hop without setTimeout's 4 ms clamp, so a `cancel` message gets in between decoder steps. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

const handle = createRequestHandler({
  // No byte progress: no caller shows it, and asking transformers.js for it makes it
  // read each file in chunks that stay behind as garbage, a model's size of them
  // (docs/transcription.md, "Memory"). The queue still reports the start and `ready`.
  async loadModel({ model, device: requestedDevice, threads: requestedThreads, maxTokensPerSecond }) {
    // The manifest is one of the extension's own files, not a network request.
    const response = await fetch(`${origin}/${MODELS_FOLDER}/${encodeURIComponent(model)}/manifest.json`);
    if (!response.ok) throw new Error(`no manifest.json for ${model} in the extension (${response.status})`);
    const manifest = parseModelManifest(await response.json());
    const device = await chooseDevice(requestedDevice, scope.navigator.gpu);
    runtimeThreads ??= limitThreads(environment, allowedThreads, requestedThreads);
    const threads = runtimeThreads;
    return WhisperTranscriber.load({
      modelName: manifest.name,
      device,
      dtype: manifest.dtype,
      manifest,
      threads: device === 'wasm' ? threads : 1,
      ...(maxTokensPerSecond !== undefined && { maxTokensPerSecond }),
      yieldToEventLoop,
    });
  },
  post: (event) =>
    scope.postMessage(event.status === 'final' ? { ...event, result: { ...event.result, wasmMemoryBytes: wasmMemory.totalBytes() } } : event),
});

scope.addEventListener('message', (event) => handle(event.data));
