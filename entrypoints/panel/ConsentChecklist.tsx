import { useEffect, useRef, useState } from 'preact/hooks';
import { consentComplete, type Guide } from '../../src/guide';
import { backgroundMessaging } from '../../src/messages';
import type { Session } from '../../src/store';
import type { Translate } from '../../src/ui';
import { ChecklistItems } from './ChecklistItems';

/**
 * The guide's intro checklist (purpose explained, right to withdraw, recording and
 * deletion, consent form signed). Collapses once everything is ticked; recording
 * may only start after that.
 */
export function ConsentChecklist(props: { guide: Guide; session: Session; t: Translate }) {
  const { guide, session, t } = props;
  // Ticks show at once; the stored list (which comes back through the background) then confirms them.
  const stored = session.consentChecked.join('\n');
  const [checked, setChecked] = useState(() => new Set(session.consentChecked));
  // Only when the stored list changes, not on mount: Preact runs effects after paint,
  // and resetting then would drop a tick made in between (and the next tick would
  // store the list without it).
  const shown = useRef(stored);
  useEffect(() => {
    if (shown.current === stored) return;
    shown.current = stored;
    setChecked(new Set(session.consentChecked));
  }, [stored]);
  if (guide.intro.length === 0) return null;
  const complete = consentComplete(guide, checked);

  const toggle = async (itemId: string, on: boolean) => {
    const next = new Set(checked);
    if (on) next.add(itemId);
    else next.delete(itemId);
    setChecked(next);
    await backgroundMessaging.sendMessage('consent.record', { sessionId: session.id, checkedItemIds: [...next] });
  };

  return (
    <details class={`consent${complete ? ' complete' : ''}`} open={!complete} data-testid="consent-checklist">
      <summary>
        {complete ? '✓ ' : ''}
        {t('consentTitle', { done: checked.size, total: guide.intro.length })}
      </summary>
      <ChecklistItems items={guide.intro} checked={checked} testId="consent-item" onToggle={(id, on) => void toggle(id, on)} />
    </details>
  );
}
