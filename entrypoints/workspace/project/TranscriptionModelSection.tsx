import { useEffect, useState } from 'preact/hooks';
import { getSetting, setSetting, type IntervjuDatabase } from '../../../src/store';
import { chooseModel, readBundledModels, type BundledModel } from '../../../src/transcribe';
import type { Translate } from '../../../src/ui';

const AUTOMATIC = '';

/**
 * Which bundled Whisper model transcribes recordings and imports. Only models
 * this build carries can be chosen (nothing is ever downloaded); "automatic"
 * takes the best of them, and the test model is named as what it is.
 */
export function TranscriptionModelSection(props: { db: IntervjuDatabase; t: Translate }) {
  const { db, t } = props;
  const [models, setModels] = useState<BundledModel[] | null>(null);
  const [chosen, setChosen] = useState<string>(AUTOMATIC);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void Promise.all([readBundledModels(), getSetting(db, 'transcriptionModel')]).then(([bundled, setting]) => {
      setModels(bundled);
      setChosen(setting !== null && bundled.some((model) => model.name === setting) ? setting : AUTOMATIC);
    });
  }, [db]);
  if (models === null) return null;

  const choose = async (name: string) => {
    setChosen(name);
    await setSetting(db, 'transcriptionModel', name === AUTOMATIC ? null : name);
    setSaved(true);
  };
  const automatic = chooseModel(models);
  const inUse = chosen === AUTOMATIC ? automatic : (models.find((model) => model.name === chosen) ?? automatic);

  return (
    <section class="card" data-testid="transcription-model-section">
      <h2>{t('transcriptionModelTitle')}</h2>
      <p class="muted">{t('transcriptionModelHelp')}</p>
      <fieldset>
        <legend class="visually-hidden">{t('transcriptionModelTitle')}</legend>
        <label>
          <input type="radio" name="transcription-model" data-testid="model-choice" data-model="" checked={chosen === AUTOMATIC} onChange={() => void choose(AUTOMATIC)} />{' '}
          {t('transcriptionModelAutomatic', { name: automatic?.displayName ?? '–' })}
        </label>
        {models.map((model) => (
          <label key={model.name}>
            <input type="radio" name="transcription-model" data-testid="model-choice" data-model={model.name} checked={chosen === model.name} onChange={() => void choose(model.name)} />{' '}
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
        <p class="error" role="alert" data-testid="model-choice-test-warning">
          {t('testModelWarning')}
        </p>
      )}
      {saved && (
        <p class="notice" role="status" data-testid="model-choice-saved">
          {t('transcriptionModelSaved', { name: inUse?.displayName ?? '–' })}
        </p>
      )}
    </section>
  );
}
