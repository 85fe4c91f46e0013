import { openSuggestions, type CoverageState, type CoverageSuggestion } from '../../../src/coverage';
import { guideItems, type Guide } from '../../../src/guide';
import { backgroundMessaging } from '../../../src/messages';
import type { Segment, Session } from '../../../src/store';
import type { Translate } from '../../../src/ui';

/**
 * What the transcript suggested marking and nobody has decided yet — after an
 * import, or what was left open during the call — to confirm or dismiss while
 * reading, with the sentence that matched. The same decision as in the panel
 * (`coverage.suggestion`), so the store keeps it the same way.
 */
export function SessionSuggestions(props: {
  guide: Guide;
  session: Session;
  states: ReadonlyMap<string, CoverageState>;
  segments: readonly Segment[];
  onShowSegment: (segmentId: string) => void;
  t: Translate;
}) {
  const { guide, session, states, segments, t } = props;
  const open = openSuggestions(session.suggestions ?? [], states);
  if ((session.suggestions ?? []).length === 0) return null;
  const items = new Map(guideItems(guide).map((item) => [item.id, item]));
  const decide = (suggestion: CoverageSuggestion, decision: 'confirmed' | 'dismissed') =>
    void backgroundMessaging.sendMessage('coverage.suggestion', { sessionId: session.id, suggestionId: suggestion.id, decision });
  return (
    <section class="card suggestions" data-testid="session-suggestions" aria-label={t('suggestions')}>
      <h3>{t('suggestions')}</h3>
      {open.length === 0 && <p class="muted">{t('sessionSuggestionsNone')}</p>}
      <ul class="suggestion-list">
        {open.map((suggestion) => {
          const item = items.get(suggestion.itemId);
          const sentence = segments.find((segment) => segment.id === suggestion.segmentId);
          return (
            <li key={suggestion.id} class="suggestion" data-testid="coverage-suggestion" data-item-id={suggestion.itemId} data-state={suggestion.status}>
              <div class="suggestion-text">
                <span class="suggestion-kind">{t(suggestion.state === 'asked' ? 'suggestionAsked' : 'suggestionCovered')}</span> {item?.text ?? ''}
              </div>
              {sentence && (
                <button type="button" class="link suggestion-sentence" data-testid="suggestion-sentence" onClick={() => props.onShowSegment(sentence.id)}>
                  «{sentence.text}»
                </button>
              )}
              <div class="suggestion-actions">
                <button type="button" data-testid="suggestion-confirm" onClick={() => decide(suggestion, 'confirmed')}>
                  {t('suggestionConfirm')}
                </button>
                <button type="button" class="secondary" data-testid="suggestion-dismiss" onClick={() => decide(suggestion, 'dismissed')}>
                  {t('suggestionDismiss')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
