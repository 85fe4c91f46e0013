import { useEffect, useState } from 'preact/hooks';
import { getSetting, setSetting, type IntervjuDatabase } from '../../../src/store';
import { chooseModel, readBundledModels, type BundledModel } from '../../../src/transcribe';
import type { Translate } from '../../../src/ui';

const AUTOMATIC = '';

/** The live model's section, and the full-quality pass's (docs/final-pass.md): same choices, own setting, words and hooks. */
const PURPOSES = {
  live: {
    setting: 'transcriptionModel',
    title: 'transcriptionModelTitle',
    help: 'transcriptionModelHelp',
    saved: 'transcriptionModelSaved',
    section: 'transcription-model-section',
    choice: 'model-choice',
    warning: 'model-choice-test-warning',
    savedHook: 'model-choice-saved',
  },
  final: {
    setting: 'finalTranscriptionModel',
    title: 'finalModelTitle',
    help: 'finalModelHelp',
    saved: 'finalModelSaved',
    section: 'final-model-section',
    choice: 'final-model-choice',
    warning: 'final-model-test-warning',
    savedHook: 'final-model-saved',
  },
} as const;

/**
 * Which bundled Whisper model transcribes recordings and imports (`live`), or
 * the stored audio again after the interview (`final`). Only models this build
 * carries can be chosen (nothing is ever downloaded); "automatic" takes the best
 * of them, and the test model is named as what it is.
 */
export function TranscriptionModelSection(props: { db: IntervjuDatabase; t: Translate; purpose?: keyof typeof PURPOSES }) {
  const { db, t } = props;
  const purpose = PURPOSES[props.purpose ?? 'live'];
  const [models, setModels] = useState<BundledModel[] | null>(null);
  const [chosen, setChosen] = useState<string>(AUTOMATIC);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void Promise.all([readBundledModels(), getSetting(db, purpose.setting)]).then(([bundled, setting]) => {
      setModels(bundled);
      setChosen(setting !== null && bundled.some((model) => model.name === setting) ? setting : AUTOMATIC);
    });
  }, [db, purpose]);
  if (models === null) return null;

  const choose = async (name: string) => {
    setChosen(name);
    await setSetting(db, purpose.setting, name === AUTOMATIC ? null : name);
    setSaved(true);
  };
  const automatic = chooseModel(models);
  const inUse = chosen === AUTOMATIC ? automatic : (models.find((model) => model.name === chosen) ?? automatic);

  return (
    <section class="card" data-testid={purpose.section}>
      <h2>{t(purpose.title)}</h2>
      <p class="muted">{t(purpose.help)}</p>
      <fieldset>
        <legend class="visually-hidden">{t(purpose.title)}</legend>
        <label>
          <input type="radio" name={purpose.section} data-testid={purpose.choice} data-model="" checked={chosen === AUTOMATIC} onChange={() => void choose(AUTOMATIC)} />{' '}
          {t('transcriptionModelAutomatic', { name: automatic?.displayName ?? '–' })}
        </label>
        {models.map((model) => (
          <label key={model.name}>
            <input type="radio" name={purpose.section} data-testid={purpose.choice} data-model={model.name} checked={chosen === model.name} onChange={() => void choose(model.name)} />{' '}
            <strong>{model.displayName}</strong>{' '}
            <span class="muted">
              {t('transcriptionModelFacts', {
                size: (model.sizeBytes / 1_000_000).toFixed(model.sizeBytes < 10_000_000 ? 1 : 0),
                dtype: model.dtype,
                languages: model.languages === 'multilingual' ? t('transcriptionModelMultilingual') : model.languages.join(', '),
              })}
              {model.wordTimestamps ? '' : ` · ${t('transcriptionModelNoWordTimes')}`}
            </span>
          </label>
        ))}
      </fieldset>
      {inUse?.kind === 'test' && (
        <p class="error" role="alert" data-testid={purpose.warning}>
          {t('testModelWarning')}
        </p>
      )}
      {saved && (
        <p class="notice" role="status" data-testid={purpose.savedHook}>
          {t(purpose.saved, { name: inUse?.displayName ?? '–' })}
        </p>
      )}
    </section>
  );
}
