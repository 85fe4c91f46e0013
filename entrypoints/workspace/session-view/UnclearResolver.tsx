import { useEffect, useRef, useState } from 'preact/hooks';
import type { UnclearResolution } from '../../../src/transcript-editing';
import type { Translate } from '../../../src/ui';

/**
 * What was said in one `[uklart]` span, after listening again: type it, or keep
 * it unclear (with a guess, which the transcript marks as one: `[uklart: ord?]`).
 * Enter in the first field replaces; Escape is the player's, so it is not cancel here.
 */
export function UnclearResolver(props: { t: Translate; initialGuess: string | null; onResolve: (resolution: UnclearResolution) => void; onClose: () => void }) {
  const { t } = props;
  const [heard, setHeard] = useState('');
  const [guess, setGuess] = useState(props.initialGuess ?? '');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div class="uklart-resolve" role="group" aria-label={t('uklartResolveTitle')} data-testid="uklart-resolve">
      <label>
        {t('uklartHeard')}
        <input
          ref={first}
          data-testid="uklart-heard"
          value={heard}
          onInput={(event) => setHeard(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && heard.trim()) {
              event.preventDefault();
              props.onResolve({ kind: 'heard', text: heard });
            }
          }}
        />
      </label>
      <button type="button" data-testid="uklart-apply" disabled={!heard.trim()} onClick={() => props.onResolve({ kind: 'heard', text: heard })}>
        {t('uklartApply')}
      </button>
      <label>
        {t('uklartGuess')}
        <input data-testid="uklart-guess" value={guess} onInput={(event) => setGuess(event.currentTarget.value)} />
      </label>
      <button type="button" class="secondary" data-testid="uklart-keep" onClick={() => props.onResolve({ kind: 'kept', guess: guess.trim() || null })}>
        {guess.trim() ? t('uklartKeepWithGuess') : t('uklartKeep')}
      </button>
      <button type="button" class="link" data-testid="uklart-close" onClick={props.onClose}>
        {t('close')}
      </button>
    </div>
  );
}
