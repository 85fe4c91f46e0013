/**
 * Suggestions: marks the transcript proposes and the researcher confirms or
 * dismisses. An interviewer utterance that matches a question proposes `asked`
 * on it; a participant sentence that talks about a probe's topic proposes
 * `covered` on that probe. Nothing here marks anything: a confirmed (or, with
 * auto-marking on, auto-marked) suggestion becomes a coverage event through
 * `suggestionEvent`.
 *
 * Pure: the caller keeps the list (with the session record) and passes in the
 * matcher, the current coverage states, the clock and an id source.
 *
 * WARNING: `CoverageSuggestion` is persisted with the session record
 * (`Session.suggestions`) and in backups; changing its shape needs a store
 * migration (see src/store/records.ts).
 */
import type { CoverageMatcher } from './matching';
import type { CoverageEvent, CoverageItemKind, CoverageSource, CoverageState } from './model';
import { stateOf } from './navigation';

/** Waiting for the researcher, accepted, turned down, or marked at once because auto-marking was on. */
export type SuggestionStatus = 'pending' | 'confirmed' | 'dismissed' | 'auto-marked';

export interface CoverageSuggestion {
  id: string;
  /** The question or probe the utterance matched. */
  itemId: string;
  itemKind: CoverageItemKind;
  /** The mark proposed: `asked` on a question the interviewer put, `covered` on a probe the participant talked about. */
  state: 'asked' | 'covered';
  /** The stored segment that matched. Its text stays in the segment, encrypted; the suggestion holds only the id. */
  segmentId: string;
  /** The matcher's score, 0–1. */
  score: number;
  /** When it was suggested (ms since epoch). */
  time: number;
  status: SuggestionStatus;
  /** When it was confirmed, dismissed or auto-marked (ms since epoch). */
  decidedAt?: number;
}

/** A transcribed utterance as the matcher needs it: which speaker, what was said, and the segment it is stored as. */
export interface TranscribedUtterance {
  segmentId: string;
  channel: 'interviewer' | 'participant' | 'mixed';
  text: string;
}

/** Question states in which an `asked` suggestion still says something new. */
const QUESTION_OPEN: ReadonlySet<CoverageState> = new Set(['pending']);
/** Probe states in which a `covered` suggestion still says something new. */
const PROBE_OPEN: ReadonlySet<CoverageState> = new Set(['pending', 'asked']);

/** True while a suggestion's item has not been marked, by hand or otherwise, since it was suggested. */
function stillOpen(kind: CoverageItemKind, state: CoverageState): boolean {
  return (kind === 'question' ? QUESTION_OPEN : PROBE_OPEN).has(state);
}

/**
 * The new suggestions one utterance makes (status `pending`). The interviewer's
 * channel is matched against the questions (the best match only: one utterance
 * asks one question), the participant's against the probes (every probe it
 * covers); one microphone for both speakers (`mixed`) against both. Nothing is
 * suggested for an item already marked, for an item that already has a pending
 * suggestion, or again for an item and utterance that were suggested before
 * (whatever the researcher decided then).
 */
export function proposeSuggestions(input: {
  matcher: CoverageMatcher;
  utterance: TranscribedUtterance;
  states: ReadonlyMap<string, CoverageState>;
  suggestions: readonly CoverageSuggestion[];
  now: number;
  newId: () => string;
}): CoverageSuggestion[] {
  const { matcher, utterance, states, suggestions, now, newId } = input;
  // What the recogniser could not hear (`[uklart]`, `[uklart: ord?]`) says nothing about the topic.
  const text = utterance.text.replace(/\[[^\]]*\]/g, ' ');
  const candidates: { itemId: string; itemKind: CoverageItemKind; state: 'asked' | 'covered'; score: number }[] = [];
  if (utterance.channel !== 'participant') {
    const best = matcher.matchQuestion(text)[0];
    if (best) candidates.push({ itemId: best.itemId, itemKind: 'question', state: 'asked', score: best.score });
  }
  if (utterance.channel !== 'interviewer') {
    for (const match of matcher.matchProbes(text)) {
      candidates.push({ itemId: match.itemId, itemKind: 'probe', state: 'covered', score: match.score });
    }
  }
  return candidates
    .filter((candidate) => stillOpen(candidate.itemKind, stateOf(states, candidate.itemId)))
    .filter(
      (candidate) =>
        !suggestions.some(
          (known) =>
            known.itemId === candidate.itemId && (known.segmentId === utterance.segmentId || known.status === 'pending'),
        ),
    )
    .map((candidate) => ({ id: newId(), ...candidate, segmentId: utterance.segmentId, time: now, status: 'pending' as const }));
}

/**
 * Confirms or dismisses one pending suggestion. Returns the new list and the
 * suggestion as decided, or `decided: null` (list unchanged) when it is not
 * pending any more: decided already, perhaps in the other panel.
 */
export function decideSuggestion(
  suggestions: readonly CoverageSuggestion[],
  suggestionId: string,
  decision: 'confirmed' | 'dismissed',
  now: number,
): { suggestions: CoverageSuggestion[]; decided: CoverageSuggestion | null } {
  let decided: CoverageSuggestion | null = null;
  const next = suggestions.map((suggestion) => {
    if (suggestion.id !== suggestionId || suggestion.status !== 'pending') return suggestion;
    decided = { ...suggestion, status: decision, decidedAt: now };
    return decided;
  });
  return { suggestions: decided ? next : [...suggestions], decided };
}

/** Marks new suggestions as auto-marked (auto-marking on): each becomes a mark at once. */
export function autoMarked(suggestions: readonly CoverageSuggestion[], now: number): CoverageSuggestion[] {
  return suggestions.map((suggestion) => ({ ...suggestion, status: 'auto-marked', decidedAt: now }));
}

/**
 * The suggestions waiting for the researcher, newest first: pending, and their
 * item not marked since (a mark by hand answers the suggestion too).
 */
export function openSuggestions(
  suggestions: readonly CoverageSuggestion[],
  states: ReadonlyMap<string, CoverageState>,
): CoverageSuggestion[] {
  return suggestions
    .filter((suggestion) => suggestion.status === 'pending' && stillOpen(suggestion.itemKind, stateOf(states, suggestion.itemId)))
    .sort((left, right) => right.time - left.time);
}

/** The coverage event a confirmed (`confirmed`) or auto-marked (`suggested`) suggestion records. */
export function suggestionEvent(
  suggestion: CoverageSuggestion,
  sessionId: string,
  now: number,
  source: Extract<CoverageSource, 'suggested' | 'confirmed'>,
): Omit<CoverageEvent, 'id'> {
  return { sessionId, itemId: suggestion.itemId, itemKind: suggestion.itemKind, state: suggestion.state, time: now, source };
}

/**
 * Suggestions made again over a whole transcript (the full-quality pass replaced
 * its text): every decision the researcher made stays as it is; suggestions
 * still waiting are made again from the new text, segment by segment in time order.
 */
export function resuggestTranscript(input: {
  matcher: CoverageMatcher;
  utterances: readonly TranscribedUtterance[];
  states: ReadonlyMap<string, CoverageState>;
  suggestions: readonly CoverageSuggestion[];
  now: number;
  newId: () => string;
}): CoverageSuggestion[] {
  let suggestions = input.suggestions.filter((known) => known.status !== 'pending');
  for (const utterance of input.utterances) {
    suggestions = [...suggestions, ...proposeSuggestions({ ...input, utterance, suggestions })];
  }
  return suggestions;
}
