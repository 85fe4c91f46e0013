import { useEffect, useRef, useState } from 'preact/hooks';
import { openMustAsk, type CoverageState } from '../../src/coverage';
import type { Guide } from '../../src/guide';
import { backgroundMessaging } from '../../src/messages';
import type { Session } from '../../src/store';
import type { Translate } from '../../src/ui';
import { ChecklistItems } from './ChecklistItems';

/**
 * What the last part of the interview needs (src/coverage/pacing.ts says when that
 * begins): the must-ask questions still open, each one click from its place in the
 * guide, and the guide's closing items to tick. Shown only when there is something to show.
 */
export function NearEnd(props: { guide: Guide; session: Session; states: ReadonlyMap<string, CoverageState>; t: Translate }) {
  const { guide, session, t } = props;
  const open = openMustAsk(guide, props.states);
  const closing = guide.closing ?? [];
  // Ticks show at once; the stored list, coming back through the background, then confirms them.
  const stored = (session.closingChecked ?? []).join('\n');
  const [checked, setChecked] = useState(() => new Set(session.closingChecked ?? []));
  const shown = useRef(stored);
  useEffect(() => {
    if (shown.current === stored) return;
    shown.current = stored;
    setChecked(new Set(session.closingChecked ?? []));
  }, [stored]);
  if (open.length === 0 && closing.length === 0) return null;

  const goTo = (questionId: string) => {
    void backgroundMessaging.sendMessage('session.select', { sessionId: session.id, itemId: questionId }).then(() => {
      // The guide opens the question's section once the store says it is current.
      requestAnimationFrame(() => document.querySelector(`[data-question-id="${CSS.escape(questionId)}"]`)?.scrollIntoView({ block: 'center' }));
    });
  };
  const toggle = async (itemId: string, on: boolean) => {
    const next = new Set(checked);
    if (on) next.add(itemId);
    else next.delete(itemId);
    setChecked(next);
    await backgroundMessaging.sendMessage('closing.record', { sessionId: session.id, checkedItemIds: [...next] });
  };

  return (
    <section class="near-end" data-testid="near-end" aria-labelledby="near-end-title">
      <h2 id="near-end-title" class="near-end-title">
        {t('nearEndTitle')}
      </h2>
      {open.length > 0 && (
        <div class="open-must-ask" data-testid="open-must-ask">
          <p class="near-end-heading">{t('openMustAskTitle', { count: open.length })}</p>
          <ul>
            {open.map((question) => (
              <li key={question.questionId} data-testid="open-must-ask-item" data-question-id={question.questionId}>
                <span>{question.text}</span>{' '}
                <button type="button" class="link" data-testid="open-must-ask-go" onClick={() => goTo(question.questionId)}>
                  {t('goToQuestion')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {closing.length > 0 && (
        <div class="closing" data-testid="closing-checklist">
          <p class="near-end-heading">{t('closingTitle', { done: closing.filter((item) => checked.has(item.id)).length, total: closing.length })}</p>
          <ChecklistItems items={closing} checked={checked} testId="closing-item" onToggle={(id, on) => void toggle(id, on)} />
        </div>
      )}
    </section>
  );
}
