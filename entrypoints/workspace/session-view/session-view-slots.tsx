/**
 * What the session view holds besides the transcript: pseudonymisation (review of
 * suggestions, quotes) and the session's export. Kept apart from SessionView so
 * the view stays about reading and correcting.
 */
import type { ExportLocale } from '../../../src/export';
import { pseudonymiseText } from '../../../src/pseudonymise';
import type { IntervjuDatabase, Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { ExportPanel } from '../exports/ExportPanel';
import { PseudonymReview } from '../pseudonymise/PseudonymReview';
import { QuoteMark } from '../quotes/QuoteMark';
import type { SessionViewSlot } from './SessionView';

export function sessionViewSlots(props: { db: IntervjuDatabase; vault: Vault; t: Translate; locale: ExportLocale }): {
  pseudonymSlot: SessionViewSlot;
  exportSlot: SessionViewSlot;
} {
  const { db, vault, t, locale } = props;
  return {
    pseudonymSlot: (context) => (
      <>
        <PseudonymReview
          db={db}
          vault={vault}
          t={t}
          participant={context.participant}
          segments={context.segments}
          // Undoable edits like any other; the machine original loses the real name too.
          onApplied={(changed, pairs) =>
            context.editor.pseudonymise(
              changed.map((entry) => entry.segment),
              (text) => pseudonymiseText(text, pairs).text,
            )
          }
        />
        <QuoteMark db={db} vault={vault} t={t} session={context.session} segments={context.segments} />
      </>
    ),
    exportSlot: (context) => (
      <ExportPanel db={db} vault={vault} t={t} locale={locale} scope={{ kind: 'session', sessionId: context.session.id }} />
    ),
  };
}
