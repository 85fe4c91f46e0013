import { describe, expect, it } from 'vitest';
import { chooseModel, parseBundledModels, type BundledModel } from './model-choice';

const model = (name: string, overrides: Partial<BundledModel> = {}): BundledModel => ({
  name,
  displayName: name,
  kind: 'real',
  dtype: 'q8',
  sizeBytes: 100,
  languages: 'multilingual',
  wordTimestamps: false,
  ...overrides,
});

describe('choosing the transcription model', () => {
  const test = model('intervju-test-tiny', { kind: 'test', sizeBytes: 3 });

  it('uses the test model only when no real one is bundled', () => {
    expect(chooseModel([test])?.name).toBe('intervju-test-tiny');
    expect(chooseModel([test, model('whisper-base')])?.name).toBe('whisper-base');
  });

  it('falls back on the smallest test model, not on the trained one listed before it', () => {
    const trained = model('intervju-test-hears', { kind: 'test', sizeBytes: 10 });
    expect(chooseModel([trained, test])?.name).toBe('intervju-test-tiny');
    expect(chooseModel([trained, test], 'intervju-test-hears')?.name).toBe('intervju-test-hears');
  });

  it('prefers word timings, then size, among models that speak Norwegian', () => {
    const models = [
      test,
      model('whisper-small', { sizeBytes: 500 }),
      model('whisper-base_timestamped', { sizeBytes: 200, wordTimestamps: true }),
      model('english-only', { sizeBytes: 900, wordTimestamps: true, languages: ['en'] }),
    ];
    expect(chooseModel(models)?.name).toBe('whisper-base_timestamped');
  });

  it("honours the researcher's choice when that model is there", () => {
    expect(chooseModel([test, model('whisper-base')], 'intervju-test-tiny')?.name).toBe('intervju-test-tiny');
    expect(chooseModel([test, model('whisper-base')], 'gone')?.name).toBe('whisper-base');
    expect(chooseModel([])).toBeNull();
  });

  it('reads the build index and drops entries that do not fit', () => {
    expect(parseBundledModels([{ name: 'a', kind: 'real' }, { name: 3 }, null]).map((entry) => entry.name)).toEqual(['a']);
    expect(parseBundledModels({})).toEqual([]);
  });
});
