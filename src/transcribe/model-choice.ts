/**
 * Which bundled model transcribes: the researcher's choice when it is there,
 * else the best real model, else the smallest test model (which the UI flags
 * loudly). The smallest is the random-weight one, whose text does not depend on
 * the audio; a test that wants the trained test model (intervju-test-hears)
 * chooses it by name.
 */
export interface BundledModel {
  name: string;
  displayName: string;
  kind: 'test' | 'real';
  dtype: string;
  sizeBytes: number;
  languages: string[] | 'multilingual';
  wordTimestamps: boolean;
}

/** Reads `models/index.json` as the build wrote it; entries that do not fit are left out. */
export function parseBundledModels(json: unknown): BundledModel[] {
  if (!Array.isArray(json)) return [];
  return json.filter(
    (entry): entry is BundledModel =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as BundledModel).name === 'string' &&
      ((entry as BundledModel).kind === 'test' || (entry as BundledModel).kind === 'real'),
  );
}

const speaksNorwegian = (model: BundledModel) =>
  model.languages === 'multilingual' || model.languages.includes('no') || model.languages.includes('nn');

/** The model to use, or null when none is bundled. */
export function chooseModel(models: readonly BundledModel[], preferred: string | null = null): BundledModel | null {
  const chosen = preferred ? models.find((model) => model.name === preferred) : undefined;
  if (chosen) return chosen;
  const real = models
    .filter((model) => model.kind === 'real' && speaksNorwegian(model))
    // Word timings make [uklart] spans precise; then the larger model is the better one.
    .sort((a, b) => Number(b.wordTimestamps) - Number(a.wordTimestamps) || b.sizeBytes - a.sizeBytes);
  const tests = models.filter((model) => model.kind === 'test').sort((a, b) => a.sizeBytes - b.sizeBytes);
  return real[0] ?? tests[0] ?? models[0] ?? null;
}
