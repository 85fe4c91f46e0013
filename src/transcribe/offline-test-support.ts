/**
 * For tests that run the real transformers.js on the committed test model:
 * loads only from `models/`, and records (and refuses) every request that is
 * not a local file, since an interview must never leave the machine.
 */
import { env } from '@huggingface/transformers';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import type { RawTranscription } from '../messages/transcription-protocol';
import { parseModelManifest, type ModelManifest } from './model-registry';
import { toneAudio } from './test-audio';
import { WhisperTranscriber } from './whisper-transcriber';

export const MODELS_FOLDER = fileURLToPath(new URL('../../models/', import.meta.url));
export const TEST_MODEL = 'intervju-test-tiny';

/** Points transformers.js at `models/` offline; returns the refused URLs and a restore function. */
export function goOffline(): { networkCalls: string[]; restore: () => void } {
  const networkCalls: string[] = [];
  const originalFetch = globalThis.fetch;
  const originalEnvironmentFetch = env.fetch;
  const spy = vi.fn(async (input: unknown) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('file:')) networkCalls.push(url);
    throw new Error(`network access attempted: ${url}`);
  });
  globalThis.fetch = spy as unknown as typeof fetch;
  // transformers.js binds its own copy of fetch when it is imported.
  env.fetch = spy as unknown as typeof env.fetch;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = MODELS_FOLDER;
  env.useFSCache = false;
  env.useBrowserCache = false;
  return {
    networkCalls,
    restore: () => {
      globalThis.fetch = originalFetch;
      env.fetch = originalEnvironmentFetch;
    },
  };
}

export async function readManifest(folder: string): Promise<ModelManifest> {
  return parseModelManifest(JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')));
}

/** Five seconds of tone through the model `name` under `modelsFolder` (a converted one), as the live path asks. */
export async function transcribeWith(modelsFolder: string, name: string, dtype: string): Promise<RawTranscription> {
  env.localModelPath = modelsFolder;
  const manifest = await readManifest(join(modelsFolder, name));
  const transcriber = await WhisperTranscriber.load({ modelName: name, device: 'cpu', dtype, manifest });
  try {
    return await transcriber.transcribe(toneAudio(5), { offset: 12, language: 'no', wordTimestamps: true });
  } finally {
    await transcriber.dispose();
  }
}

/** What a researcher would see: everything but the timings. */
export function visible(result: RawTranscription): Omit<RawTranscription, 'timing'> {
  const { timing: _timing, ...rest } = result;
  return rest;
}
