import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  applyAcceptedReplacements,
  applyReplacementList,
  findOccurrences,
  suggestReplacements,
  type ChangedSegment,
  type Replacement,
  type Suggestion,
} from '../../../src/pseudonymise';
import { addKeyListEntry, listKeyList, type IntervjuDatabase, type KeyListEntry, type KeyListKind, type Participant, type Segment, type Vault } from '../../../src/store';
import type { Translate } from '../../../src/ui';
import { KIND_LABEL } from '../key-list/KeyListForm';
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

/** Stable over re-computation: offsets shift when an earlier name in the segment is replaced. */
function suggestionKey(suggestion: Suggestion): string {
  return `${suggestion.segmentId}|${suggestion.before}|${suggestion.text}|${suggestion.after}`;
}

/** Both passes of an "always": the accepted occurrence first, then the rest of the transcript. */
function mergeChanges(first: ChangedSegment[], second: ChangedSegment[]): ChangedSegment[] {
  const merged = new Map(first.map((entry) => [entry.segment.id, entry]));
  for (const entry of second) {
    const earlier = merged.get(entry.segment.id);
    merged.set(
      entry.segment.id,
      earlier
        ? { segment: entry.segment, previous: earlier.previous, spans: [...earlier.spans, ...entry.spans], wordsKept: earlier.wordsKept && entry.wordsKept }
        : entry,
    );
  }
  return [...merged.values()];
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
  const [handled, setHandled] = useState<ReadonlySet<string>>(new Set());
  const [fictive, setFictive] = useState('');
  const [kind, setKind] = useState<KeyListKind>('name');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void listKeyList(db, vault).then(setEntries, (cause: unknown) => setError(reasonOf(cause)));
  }, [db, vault]);

  const suggestions = useMemo(
    () => (entries ? suggestReplacements({ segments, replacements: entries, ignore: participant ? [participant.pseudonym] : [] }) : []),
    [segments, entries, participant],
  );
  const open = suggestions.filter((suggestion) => !handled.has(suggestionKey(suggestion)));
  const current = open[0] ?? null;
  const currentKey = current ? suggestionKey(current) : null;

  useEffect(() => {
    if (!current) return;
    setFictive(current.fictive);
    setKind(current.kind);
    setError(null);
    input.current?.focus();
  }, [currentKey]);

  const markHandled = (suggestion: Suggestion) => setHandled((before) => new Set([...before, suggestionKey(suggestion)]));

  const accept = async (everywhere: boolean) => {
    if (!current || !entries || busy) return;
    const chosen = fictive.trim();
    if (chosen === '') return setError(t('pseudonymFictiveRequired'));
    setBusy(true);
    try {
      // The list's own entry when the suggestion is one of its terms ("Karis" of "Kari").
      const known = findOccurrences(current.text, entries).find((occurrence) => occurrence.start === 0 && occurrence.end === current.text.length);
      const single: Replacement = { real: current.text, fictive: chosen, kind };
      const pair: Replacement = known ? known.replacement : single;
      if (!known) {
        await addKeyListEntry(db, vault, { ...single, participantId: everywhere ? null : (participant?.id ?? null) });
      }
      const accepted = applyAcceptedReplacements(segments, [{ segmentId: current.segmentId, start: current.start, end: current.end, fictive: chosen, kind }]);
      let changed = accepted;
      if (everywhere) {
        const afterAccept = segments.map((segment) => accepted.find((entry) => entry.segment.id === segment.id)?.segment ?? segment);
        changed = mergeChanges(accepted, applyReplacementList(afterAccept, [pair]));
      }
      markHandled(current);
      setEntries(await listKeyList(db, vault));
      await props.onApplied(changed, known ? [single, pair] : [single]);
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
      markHandled(current);
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
              <select data-testid="pseudonym-kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as KeyListKind)}>
                {(Object.keys(KIND_LABEL) as KeyListKind[]).map((option) => (
                  <option key={option} value={option}>
                    {t(KIND_LABEL[option])}
                  </option>
                ))}
              </select>
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
            <button type="button" class="secondary" data-testid="pseudonym-skip" disabled={busy} onClick={() => markHandled(current)}>
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
