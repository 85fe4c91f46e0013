/**
 * For tests that run the real transformers.js on the committed test model:
 * loads only from `models/`, and records (and refuses) every request that is
 * not a local file, since an interview must never leave the machine.
 */
import { env } from '@huggingface/transformers';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

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
