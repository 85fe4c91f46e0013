import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { acceptSuggestion, suggestReplacements, suggestionKey, type ChangedSegment, type Replacement, type Suggestion } from '../../../src/pseudonymise';
import { addKeyListEntry, listKeyList, type IntervjuDatabase, type KeyListEntry, type KeyListKind, type Participant, type Segment, type Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { KindSelect } from '../key-list/KeyListForm';
import { reasonOf } from '../privacy/format';
import { REASON_LABEL } from './labels';

export interface PseudonymReviewProps {
  db: IntervjuDatabase;
  vault: Vault;
  t: Translate;
  /** The session's participant: pairs accepted one at a time are linked to them (and go if they withdraw); null for pilots. */
  participant: Participant | null;
  /** The session's segments as the view shows them now; suggestions follow them as they change. */
  segments: readonly Segment[];
  /**
   * The segments the researcher's choice changed (new records, `source: 'edited'`,
   * word times kept where they line up) and the real → fictive pairs applied. The
   * caller stores the segments and passes the new ones back as `segments`; where it
   * keeps other copies of the text (the machine original), it must replace the
   * pairs there too (`pseudonymiseText`), since the real name may live only in the key list.
   */
  onApplied: (changed: ChangedSegment[], pairs: Replacement[]) => void | Promise<void>;
}

/**
 * What to pseudonymise, one suggestion at a time in its context: accept
 * (Enter), skip (Esc) or always (Shift+Enter: into the replacement list and
 * applied to the whole transcript). The fictive name is editable; an accepted pair
 * goes into the key list, the only place the real one is kept.
 */
export function PseudonymReview(props: PseudonymReviewProps) {
  const { db, vault, t, participant, segments } = props;
  const [entries, setEntries] = useState<KeyListEntry[] | null>(null);
  // Skipped suggestions; and accepted ones until the caller hands back the changed segments.
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [fictive, setFictive] = useState('');
  const [kind, setKind] = useState<KeyListKind>('name');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void listKeyList(db, vault).then(setEntries, (cause: unknown) => setError(reasonOf(cause)));
  }, [db, vault]);
  useEffect(() => setPending(new Set()), [segments]);

  const texts = useMemo(() => new Map(segments.map((segment) => [segment.id, segment.text])), [segments]);
  const keyOf = (suggestion: Suggestion) => suggestionKey(suggestion, texts.get(suggestion.segmentId) ?? '');
  const suggestions = useMemo(
    () => (entries ? suggestReplacements({ segments, replacements: entries, ignore: participant ? [participant.pseudonym] : [] }) : []),
    [segments, entries, participant],
  );
  const open = suggestions.filter((suggestion) => !skipped.has(keyOf(suggestion)) && !pending.has(keyOf(suggestion)));
  const current = open[0] ?? null;
  const currentKey = current ? keyOf(current) : null;

  useEffect(() => {
    if (!current) return;
    setFictive(current.fictive);
    setKind(current.kind);
    setError(null);
    input.current?.focus();
  }, [currentKey]);

  const skip = (suggestion: Suggestion) => setSkipped((before) => new Set([...before, keyOf(suggestion)]));

  const accept = async (everywhere: boolean) => {
    if (!current || !entries || busy) return;
    const outcome = acceptSuggestion(segments, entries, { suggestion: current, fictive, kind, everywhere });
    if (!outcome.ok) {
      return setError(
        outcome.reason === 'empty'
          ? t('pseudonymFictiveRequired')
          : t('replacementConflict', { real: outcome.conflict.entry.real, fictive: outcome.conflict.entry.fictive }),
      );
    }
    setBusy(true);
    try {
      if (outcome.newEntry) {
        // "Always" is project-wide; one occurrence belongs to this participant's interview (and goes if they withdraw).
        await addKeyListEntry(db, vault, { ...outcome.newEntry, participantId: everywhere ? null : (participant?.id ?? null) });
        setEntries(await listKeyList(db, vault));
      }
      setPending((before) => new Set([...before, keyOf(current)]));
      await props.onApplied(outcome.changed, outcome.pairs);
    } catch (cause) {
      setError(reasonOf(cause));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    // A focused button or menu answers Enter itself.
    if (target && (target.tagName === 'BUTTON' || target.tagName === 'SELECT')) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      void accept(event.shiftKey);
    } else if (event.key === 'Escape' && current) {
      event.preventDefault();
      skip(current);
    }
  };

  if (!entries) return <p class="muted">{t('loading')}</p>;
  return (
    <section class="pseudonym-review" data-testid="pseudonym-review" onKeyDown={onKeyDown}>
      <h3>{t('pseudonymReviewTitle')}</h3>
      {!current ? (
        <p class="muted" data-testid="pseudonym-done">
          {t('pseudonymNoneLeft')}
        </p>
      ) : (
        <div
          class="pseudonym-suggestion"
          data-testid="pseudonym-suggestion"
          data-suggestion-id={current.id}
          data-segment-id={current.segmentId}
          data-reason={current.reason}
        >
          <p class="muted">
            {t('pseudonymProgress', { left: open.length })} · {t(REASON_LABEL[current.reason])}
          </p>
          <blockquote class="pseudonym-context">
            {current.before !== '' && <span>… {current.before} </span>}
            <mark data-testid="pseudonym-found">{current.text}</mark>
            {current.after !== '' && <span> {current.after} …</span>}
          </blockquote>
          <div class="pseudonym-fields">
            <label>
              {t('keyListFictive')}
              <input
                ref={input}
                autocomplete="off"
                data-testid="pseudonym-fictive"
                value={fictive}
                placeholder={t('pseudonymFictivePlaceholder')}
                onInput={(event) => setFictive(event.currentTarget.value)}
              />
            </label>
            <label>
              {t('keyListKind')}
              <KindSelect t={t} testId="pseudonym-kind" value={kind} onChange={setKind} />
            </label>
          </div>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="button" data-testid="pseudonym-accept" disabled={busy} onClick={() => void accept(false)}>
              {t('pseudonymAccept')} <kbd>Enter</kbd>
            </button>
            <button type="button" class="secondary" data-testid="pseudonym-skip" disabled={busy} onClick={() => skip(current)}>
              {t('pseudonymSkip')} <kbd>Esc</kbd>
            </button>
            <button type="button" class="secondary" data-testid="pseudonym-always" disabled={busy} onClick={() => void accept(true)}>
              {t('pseudonymAlways')} <kbd>Shift+Enter</kbd>
            </button>
          </div>
          <p class="help muted">{t('pseudonymAlwaysHelp')}</p>
        </div>
      )}
    </section>
  );
}
