import { useState } from 'preact/hooks';
import { getSetting, setSetting, type IntervjuDatabase, type TranscriberKeySettings } from '../../../src/store';
import { clampRewind, conflicts, keyName, resolveBindings, TRANSCRIBER_ACTIONS, type TranscriberAction } from '../../../src/transcript-editing';
import type { MessageKey, Translate } from '../../../src/ui';

const ACTION_LABEL: Record<TranscriberAction, MessageKey> = {
  playPause: 'keyPlayPause',
  back: 'keyBack',
  forward: 'keyForward',
  slower: 'keySlower',
  faster: 'keyFaster',
  nextUnclear: 'keyNextUnclear',
  previousUnclear: 'keyPreviousUnclear',
  timeMark: 'keyTimeMark',
  undo: 'keyUndo',
  redo: 'keyRedo',
};

/** The transcriber's keys, listed, each rebindable by pressing the new key; and the rewind on pause. Saved at once. */
export function TranscriberKeys(props: { db: IntervjuDatabase; t: Translate; settings: TranscriberKeySettings; onChange: (settings: TranscriberKeySettings) => void }) {
  const { t, settings } = props;
  const [listening, setListening] = useState<TranscriberAction | null>(null);
  const bindings = resolveBindings(settings.bindings);
  const clashing = conflicts(bindings);
  const save = async (next: TranscriberKeySettings) => {
    props.onChange(next);
    await setSetting(props.db, 'transcriberKeys', next);
  };
  return (
    <details class="transcriber-keys" data-testid="transcriber-keys">
      <summary>{t('keysTitle')}</summary>
      <p class="muted">{t('keysHelp')}</p>
      <table>
        <tbody>
          {TRANSCRIBER_ACTIONS.map((action) => (
            <tr key={action} data-testid="transcriber-key" data-action={action}>
              <td>{t(ACTION_LABEL[action])}</td>
              <td>
                <kbd>{bindings[action]}</kbd>
                {clashing.includes(action) && <span class="warning"> {t('keyClash')}</span>}
              </td>
              <td>
                <button
                  type="button"
                  class="link"
                  data-testid="key-rebind"
                  data-action={action}
                  onClick={() => setListening(action)}
                  onKeyDown={(event) => {
                    if (listening !== action) return;
                    const name = keyName(event);
                    if (!name || name === 'Tab') return;
                    event.preventDefault();
                    event.stopPropagation();
                    setListening(null);
                    void save({ ...settings, bindings: { ...settings.bindings, [action]: name } });
                  }}
                >
                  {listening === action ? t('keyPress') : t('keyChange')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" class="secondary" data-testid="keys-reset" onClick={() => void save({ ...settings, bindings: {} })}>
          {t('keysReset')}
        </button>
        <label>
          {t('rewindOnPause')}
          <input
            type="number"
            data-testid="rewind-on-pause"
            min={0}
            max={2}
            step={0.5}
            value={settings.rewindOnPauseSeconds}
            onChange={(event) => void save({ ...settings, rewindOnPauseSeconds: clampRewind(Number(event.currentTarget.value)) })}
          />
        </label>
      </div>
    </details>
  );
}

/** The stored key settings, defaults filled in. */
export async function loadTranscriberKeys(db: IntervjuDatabase): Promise<TranscriberKeySettings> {
  const stored = await getSetting(db, 'transcriberKeys');
  return { bindings: stored.bindings ?? {}, rewindOnPauseSeconds: clampRewind(stored.rewindOnPauseSeconds) };
}
