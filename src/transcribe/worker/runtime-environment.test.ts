import { describe, expect, it } from 'vitest';
import { canShareMemory, chooseDevice, configureRuntime, limitThreads, threadCount, type TransformersEnvironmentLike } from './runtime-environment';

function freshEnvironment(): TransformersEnvironmentLike & { backends: { onnx: { wasm: { wasmPaths?: unknown; numThreads?: number } } } } {
  return {
    allowRemoteModels: true,
    allowLocalModels: false,
    localModelPath: '/models/',
    useBrowserCache: true,
    useWasmCache: true,
    backends: { onnx: { wasm: { wasmPaths: { mjs: 'https://cdn.example/ort.mjs', wasm: 'https://cdn.example/ort.wasm' } } } },
  };
}

const place = { origin: 'chrome-extension://abc', sharedMemory: false, hardwareConcurrency: 8 };

describe('configuring transformers.js inside the extension', () => {
  it('loads models only from the extension and never from the hub', () => {
    const environment = freshEnvironment();
    configureRuntime(environment, place);
    expect(environment).toMatchObject({
      allowRemoteModels: false,
      allowLocalModels: true,
      localModelPath: 'chrome-extension://abc/models/',
      useBrowserCache: false,
      useWasmCache: false,
    });
  });

  it('points onnxruntime at its bundled runtime, editing the wasm settings onnxruntime itself holds', () => {
    const environment = freshEnvironment();
    const wasmSettings = environment.backends.onnx.wasm;
    configureRuntime(environment, place);
    expect(environment.backends.onnx.wasm).toBe(wasmSettings);
    expect(wasmSettings.wasmPaths).toEqual({
      mjs: 'chrome-extension://abc/ort/ort-wasm-simd-threaded.asyncify.mjs',
      wasm: 'chrome-extension://abc/ort/ort-wasm-simd-threaded.asyncify.wasm',
    });
  });

  it('uses one thread without shared memory; with it both cores of two, else one core left for the call', () => {
    const single = freshEnvironment();
    expect(configureRuntime(single, place).threads).toBe(1);
    expect(single.backends.onnx.wasm.numThreads).toBe(1);
    const shared = freshEnvironment();
    expect(configureRuntime(shared, { ...place, sharedMemory: true, hardwareConcurrency: 2 }).threads).toBe(2);
    expect(shared.backends.onnx.wasm.numThreads).toBe(2);
    expect(threadCount({ ...place, sharedMemory: true, hardwareConcurrency: 4 })).toBe(3);
    expect(threadCount({ ...place, sharedMemory: true, hardwareConcurrency: 16 })).toBe(4);
    expect(threadCount({ ...place, sharedMemory: true, hardwareConcurrency: 1 })).toBe(1);
  });

  it('lowers the threads to what a load asks for, never above what the machine allows', () => {
    const environment = freshEnvironment();
    const { threads } = configureRuntime(environment, { ...place, sharedMemory: true, hardwareConcurrency: 2 });
    expect(limitThreads(environment, threads, 1)).toBe(1);
    expect(environment.backends.onnx.wasm.numThreads).toBe(1);
    expect(limitThreads(environment, threads, 8)).toBe(2);
    expect(environment.backends.onnx.wasm.numThreads).toBe(2);
    expect(limitThreads(environment, threads, undefined)).toBe(2);
    expect(limitThreads(environment, threads, 0)).toBe(1);
  });

  it('finds shared memory where a SharedArrayBuffer can be posted (Node can)', () => {
    expect(canShareMemory()).toBe(true);
  });
});

describe('choosing the device', () => {
  it('takes WebGPU on auto only when an adapter is really there', async () => {
    expect(await chooseDevice('auto', { requestAdapter: async () => ({}) })).toBe('webgpu');
    expect(await chooseDevice('auto', { requestAdapter: async () => null })).toBe('wasm');
    expect(await chooseDevice('auto', { requestAdapter: async () => Promise.reject(new Error('blocked')) })).toBe('wasm');
    expect(await chooseDevice('auto', undefined)).toBe('wasm');
    expect(await chooseDevice('wasm', { requestAdapter: async () => ({}) })).toBe('wasm');
  });
});
