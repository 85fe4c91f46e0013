import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../../src/ui';
import { reasonOf } from './format';

/**
 * A destructive action that asks once: the button opens an inline question that
 * says what will happen, and only its confirm button acts. With `typed`, the
 * researcher must type that text first (for deleting a whole project). Inline
 * rather than `window.confirm` so the question can name what goes, and stays
 * readable by screen readers (role="alertdialog").
 */
export function ConfirmStep(props: {
  t: Translate;
  testId: string;
  label: string;
  question: ComponentChildren;
  confirmLabel: string;
  typed?: string;
  disabled?: boolean;
  secondary?: boolean;
  onConfirm: () => Promise<void>;
}) {
  const { t, testId } = props;
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);

  const typedOk = props.typed === undefined || typed.trim() === props.typed.trim();
  const close = () => {
    setOpen(false);
    setTyped('');
    setError(null);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      close();
    } catch (cause) {
      setError(reasonOf(cause));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button
        type="button"
        class={props.secondary ? 'secondary' : 'danger'}
        data-testid={testId}
        disabled={props.disabled}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </button>
    );
  }
  const questionId = `${testId}-question`;
  return (
    <div class="confirm-step" role="alertdialog" aria-labelledby={questionId} data-testid={`${testId}-dialog`}>
      <div id={questionId}>{props.question}</div>
      {props.typed !== undefined && (
        <label>
          {t('confirmTypeToDelete', { text: props.typed })}
          <input ref={first} data-testid={`${testId}-typed`} value={typed} onInput={(event) => setTyped(event.currentTarget.value)} />
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" class="danger" data-testid={`${testId}-confirm`} disabled={busy || !typedOk} onClick={() => void confirm()}>
          {busy ? t('working') : props.confirmLabel}
        </button>
        <button
          type="button"
          class="secondary"
          ref={props.typed === undefined ? first : undefined}
          data-testid={`${testId}-cancel`}
          disabled={busy}
          onClick={close}
        >
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
