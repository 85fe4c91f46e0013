import { useEffect } from 'preact/hooks';
import { openSuggestions, type CoverageState, type CoverageSuggestion } from '../../src/coverage';
import { guideItems, type Guide } from '../../src/guide';
import { backgroundMessaging } from '../../src/messages';
import type { Segment, Session } from '../../src/store';
import type { MessageKey, Translate } from '../../src/ui';
import { isTyping } from './use-command-keys';

/** How many waiting suggestions show at once; the rest wait below a count. */
const SHOWN = 4;
/** How long the last decision stays in view, so the researcher sees what a key did. */
const DECIDED_VISIBLE_MS = 20_000;

const DECIDED_LABEL: Record<Exclude<CoverageSuggestion['status'], 'pending'>, MessageKey> = {
  confirmed: 'suggestionConfirmed',
  dismissed: 'suggestionDismissed',
  'auto-marked': 'suggestionAutoMarked',
};

/**
 * What the transcript suggests marking, for a one-key confirm (`y`) or dismiss
 * (`n`) of the newest, or a click on any; with the sentence that matched one
 * click away. Nothing is marked until confirmed, unless auto-marking is on.
 */
export function SuggestionList(props: {
  guide: Guide;
  session: Session;
  states: ReadonlyMap<string, CoverageState>;
  segments: readonly Segment[];
  autoMark: boolean;
  now: number;
  t: Translate;
}) {
  const { guide, session, states, segments, t } = props;
  const suggestions = session.suggestions ?? [];
  const open = openSuggestions(suggestions, states);
  const newest = open[0] ?? null;
  const decide = (suggestion: CoverageSuggestion, decision: 'confirmed' | 'dismissed') =>
    void backgroundMessaging.sendMessage('coverage.suggestion', { sessionId: session.id, suggestionId: suggestion.id, decision });
  useSuggestionKeys(newest, decide);

  const lastDecided = suggestions
    .filter((suggestion) => suggestion.status !== 'pending' && props.now - (suggestion.decidedAt ?? 0) < DECIDED_VISIBLE_MS)
    .sort((left, right) => (right.decidedAt ?? 0) - (left.decidedAt ?? 0))[0];
  const items = new Map(guideItems(guide).map((item) => [item.id, item]));
  const textOf = (itemId: string) => items.get(itemId)?.text ?? '';
  const questionTextOf = (itemId: string) => textOf(items.get(itemId)?.questionId ?? '');
  const said = (segmentId: string) => segments.find((segment) => segment.id === segmentId)?.text ?? null;

  return (
    <section class="suggestions" aria-label={t('suggestions')} data-testid="coverage-suggestions">
      <div class="suggestions-header">
        <strong>{t('suggestions')}</strong>
        <label class="auto-mark">
          <input
            type="checkbox"
            data-testid="auto-mark-toggle"
            checked={props.autoMark}
            onChange={(event) => void backgroundMessaging.sendMessage('coverage.autoMark', event.currentTarget.checked)}
          />{' '}
          {t('autoMark')}
        </label>
      </div>
      {open.length === 0 && !lastDecided && <p class="muted">{t(props.autoMark ? 'suggestionsNoneAuto' : 'suggestionsNone')}</p>}
      <ul class="suggestion-list">
        {open.slice(0, SHOWN).map((suggestion) => {
          const sentence = said(suggestion.segmentId);
          return (
            <li key={suggestion.id} class="suggestion" data-testid="coverage-suggestion" data-item-id={suggestion.itemId} data-state={suggestion.status}>
              <div class="suggestion-text">
                <span class="suggestion-kind">{t(suggestion.state === 'asked' ? 'suggestionAsked' : 'suggestionCovered')}</span>{' '}
                {textOf(suggestion.itemId)}
                {suggestion.itemKind === 'probe' && <span class="muted"> · {questionTextOf(suggestion.itemId)}</span>}
              </div>
              {sentence !== null && (
                <details class="suggestion-said">
                  <summary>{t(suggestion.state === 'asked' ? 'suggestionWhatYouSaid' : 'suggestionWhatTheySaid')}</summary>
                  <q data-testid="suggestion-sentence">{sentence}</q>
                </details>
              )}
              <div class="suggestion-actions">
                <button type="button" data-testid="suggestion-confirm" onClick={() => decide(suggestion, 'confirmed')}>
                  {t(suggestion === newest ? 'suggestionConfirmKey' : 'suggestionConfirm')}
                </button>
                <button type="button" class="secondary" data-testid="suggestion-dismiss" onClick={() => decide(suggestion, 'dismissed')}>
                  {t(suggestion === newest ? 'suggestionDismissKey' : 'suggestionDismiss')}
                </button>
              </div>
            </li>
          );
        })}
        {lastDecided && (
          <li class="suggestion decided muted" data-testid="coverage-suggestion" data-item-id={lastDecided.itemId} data-state={lastDecided.status}>
            {t(DECIDED_LABEL[lastDecided.status as Exclude<CoverageSuggestion['status'], 'pending'>])} {textOf(lastDecided.itemId)}
          </li>
        )}
      </ul>
      {open.length > SHOWN && <p class="muted">{t('suggestionsMore', { count: open.length - SHOWN })}</p>}
    </section>
  );
}

/** `y` confirms and `n` dismisses the newest suggestion while focus is in the panel (not while typing). */
function useSuggestionKeys(
  newest: CoverageSuggestion | null,
  decide: (suggestion: CoverageSuggestion, decision: 'confirmed' | 'dismissed') => void,
): void {
  useEffect(() => {
    if (!newest) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const decision = event.key === 'y' ? 'confirmed' : event.key === 'n' ? 'dismissed' : null;
      if (!decision) return;
      event.preventDefault();
      decide(newest, decision);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [newest?.id, newest?.status]);
}
