import { browser } from 'wxt/browser';
import { chooseModel, parseBundledModels, type BundledModel } from './model-choice';

/** The models this build carries (models/index.json, written at build time; a local file, not the network). */
export async function readBundledModels(): Promise<BundledModel[]> {
  const response = await fetch(browser.runtime.getURL('/models/index.json' as never));
  return response.ok ? parseBundledModels(await response.json()) : [];
}

/** The name of the model to transcribe with, or null when the build carries none. */
export async function bundledModelToUse(preferred: string | null = null): Promise<string | null> {
  return chooseModel(await readBundledModels(), preferred)?.name ?? null;
}
