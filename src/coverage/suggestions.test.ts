import { describe, expect, it } from 'vitest';
import { exampleGuide, guideItems, type Guide } from '../guide';
import { createCoverageMatcher } from './matching';
import type { CoverageState } from './model';
import { currentAfterMark } from './navigation';
import {
  autoMarked,
  decideSuggestion,
  openSuggestions,
  proposeSuggestions,
  resuggestTranscript,
  suggestionEvent,
  type CoverageSuggestion,
  type TranscribedUtterance,
} from './suggestions';

function counter(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}-${(next += 1)}`;
}

const guide: Guide = exampleGuide(new Date('2025-03-01T09:00:00Z'), counter('id'));
const matcher = createCoverageMatcher(guide);
const itemId = (text: string): string => {
  const item = guideItems(guide).find((candidate) => candidate.text.startsWith(text));
  if (!item) throw new Error(`No item starting "${text}"`);
  return item.id;
};
const MISSED = itemId('Hva savnet du mest');
const FRIENDS = itemId('venner');
const TRAINING = itemId('trening');
const STUDY_ENVIRONMENT = itemId('studiemiljø');
const LONELINESS = itemId('Hva betyr ordet ensomhet');

const say = (segmentId: string, channel: TranscribedUtterance['channel'], text: string): TranscribedUtterance => ({ segmentId, channel, text });

function propose(
  utterance: TranscribedUtterance,
  options: { states?: Map<string, CoverageState>; suggestions?: CoverageSuggestion[]; now?: number } = {},
): CoverageSuggestion[] {
  return proposeSuggestions({
    matcher,
    utterance,
    states: options.states ?? new Map(),
    suggestions: options.suggestions ?? [],
    now: options.now ?? 1000,
    newId: counter('suggestion'),
  });
}

describe('suggestions from the transcript', () => {
  it('suggests `asked` on the question the interviewer put in their own words, with the segment that said it', () => {
    const made = propose(say('seg-1', 'interviewer', 'Eh, ka du sakna mest fra tida før korona, liksom?'));
    expect(made).toEqual([
      expect.objectContaining({ itemId: MISSED, itemKind: 'question', state: 'asked', segmentId: 'seg-1', status: 'pending', time: 1000 }),
    ]);
    expect(made[0]!.score).toBeGreaterThanOrEqual(0.5);
  });

  it('reads past what the recogniser could not hear', () => {
    const made = propose(say('seg-1', 'interviewer', 'Hva [uklart] du mest fra tiden før? [uklart: korona?]'));
    expect(made.map((suggestion) => suggestion.itemId)).toEqual([MISSED]);
    expect(propose(say('seg-1', 'interviewer', '[uklart] [uklart]'))).toEqual([]);
  });

  it('suggests nothing for small talk, back-channels or a question not in the guide', () => {
    for (const text of ['Hører du meg godt nå?', 'Mm, ja.', 'Hvordan fordelte dere husarbeidet hjemme?']) {
      expect(propose(say('seg-1', 'interviewer', text))).toEqual([]);
    }
  });

  it('suggests `covered` on every probe whose topic the participant talked about, and no question', () => {
    const made = propose(say('seg-2', 'participant', 'Jeg savnet vennene mine veldig, og treningen på senteret.'));
    expect(made.map((suggestion) => [suggestion.itemId, suggestion.state])).toEqual(
      expect.arrayContaining([
        [FRIENDS, 'covered'],
        [TRAINING, 'covered'],
      ]),
    );
    expect(made.map((suggestion) => suggestion.itemId)).not.toContain(STUDY_ENVIRONMENT);
    expect(made.every((suggestion) => suggestion.itemKind === 'probe')).toBe(true);
  });

  it('does not match the interviewer against the probes, nor the participant against the questions', () => {
    expect(propose(say('seg-3', 'interviewer', 'Savnet du vennene dine og treningen?')).every((s) => s.itemKind === 'question')).toBe(true);
    expect(propose(say('seg-4', 'participant', 'Hva savnet jeg mest fra tiden før? Tja.')).every((s) => s.itemKind === 'probe')).toBe(true);
  });

  it('matches one microphone for both speakers against questions and probes', () => {
    const made = propose(say('seg-5', 'mixed', 'Hva betyr ordet ensomhet for deg?'));
    expect(made.map((suggestion) => suggestion.itemId)).toContain(LONELINESS);
  });

  it('suggests nothing for an item already marked, but a probe only asked may still be covered', () => {
    expect(propose(say('seg-1', 'interviewer', 'Hva savnet du mest fra tiden før?'), { states: new Map([[MISSED, 'asked']]) })).toEqual([]);
    const covered = new Map<string, CoverageState>([
      [FRIENDS, 'covered'],
      [TRAINING, 'asked'],
    ]);
    const made = propose(say('seg-2', 'participant', 'Jeg savnet vennene mine og treningen.'), { states: covered });
    expect(made.map((suggestion) => suggestion.itemId)).toEqual([TRAINING]);
  });

  it('never suggests an item again for the same utterance, whatever was decided; a later utterance may', () => {
    const utterance = say('seg-1', 'interviewer', 'Hva savnet du mest fra tiden før?');
    const [first] = propose(utterance);
    const dismissed = decideSuggestion([first!], first!.id, 'dismissed', 2000).suggestions;
    expect(propose(utterance, { suggestions: dismissed })).toEqual([]);
    // Asked again later (the first time was not understood): a new suggestion.
    const again = propose(say('seg-9', 'interviewer', 'Hva var det du savnet mest fra før?'), { suggestions: dismissed, now: 5000 });
    expect(again).toEqual([expect.objectContaining({ itemId: MISSED, segmentId: 'seg-9', status: 'pending' })]);
  });

  it('keeps one pending suggestion per item', () => {
    const [first] = propose(say('seg-1', 'interviewer', 'Hva savnet du mest fra tiden før?'));
    expect(propose(say('seg-2', 'interviewer', 'Hva savnet du aller mest fra før?'), { suggestions: [first!] })).toEqual([]);
  });
});

describe('deciding a suggestion', () => {
  const pending: CoverageSuggestion = {
    id: 's1',
    itemId: MISSED,
    itemKind: 'question',
    state: 'asked',
    segmentId: 'seg-1',
    score: 0.8,
    time: 1000,
    status: 'pending',
  };

  it('goes from pending to confirmed, once', () => {
    const { suggestions, decided } = decideSuggestion([pending], 's1', 'confirmed', 2000);
    expect(decided).toEqual({ ...pending, status: 'confirmed', decidedAt: 2000 });
    expect(suggestions).toEqual([decided]);
    // The other panel confirms (or dismisses) the same one a moment later: nothing more happens.
    const second = decideSuggestion(suggestions, 's1', 'dismissed', 2100);
    expect(second.decided).toBeNull();
    expect(second.suggestions).toEqual(suggestions);
  });

  it('goes from pending to dismissed', () => {
    expect(decideSuggestion([pending], 's1', 'dismissed', 2000).decided?.status).toBe('dismissed');
    expect(decideSuggestion([pending], 'unknown', 'dismissed', 2000).decided).toBeNull();
  });

  it('shows the pending ones, newest first, until their item is marked some other way', () => {
    const later: CoverageSuggestion = { ...pending, id: 's2', itemId: FRIENDS, itemKind: 'probe', state: 'covered', time: 3000 };
    const dismissed: CoverageSuggestion = { ...pending, id: 's3', itemId: LONELINESS, status: 'dismissed' };
    expect(openSuggestions([pending, later, dismissed], new Map()).map((s) => s.id)).toEqual(['s2', 's1']);
    // Marked by hand: the suggestion has nothing left to say.
    expect(openSuggestions([pending, later], new Map([[MISSED, 'asked']])).map((s) => s.id)).toEqual(['s2']);
    // A probe only asked may still be covered.
    expect(openSuggestions([later], new Map([[FRIENDS, 'asked']])).map((s) => s.id)).toEqual(['s2']);
  });

  it('records a confirmed mark as `confirmed` and an auto-mark as `suggested`', () => {
    expect(suggestionEvent(pending, 'session-1', 4000, 'confirmed')).toEqual({
      sessionId: 'session-1',
      itemId: MISSED,
      itemKind: 'question',
      state: 'asked',
      time: 4000,
      source: 'confirmed',
    });
    expect(autoMarked([pending], 4000)).toEqual([{ ...pending, status: 'auto-marked', decidedAt: 4000 }]);
  });
});

describe('the current question after a mark', () => {
  const first = guide.sections[0]!.questions[0]!;
  const mark = (id: string, kind: 'question' | 'probe', state: CoverageState, source: 'manual' | 'suggested' | 'confirmed') => ({
    itemId: id,
    itemKind: kind,
    state,
    source,
  });

  it('moves to a question marked by hand or asked, in another section too', () => {
    expect(currentAfterMark(guide, first.id, mark(MISSED, 'question', 'covered', 'manual'))).toBe(MISSED);
    expect(currentAfterMark(guide, first.id, mark(LONELINESS, 'question', 'asked', 'confirmed'))).toBe(LONELINESS);
    expect(currentAfterMark(guide, null, mark(LONELINESS, 'question', 'asked', 'suggested'))).toBe(LONELINESS);
  });

  it('moves to the question of a probe marked by hand, but not for a probe the participant covered', () => {
    expect(currentAfterMark(guide, first.id, mark(FRIENDS, 'probe', 'covered', 'manual'))).toBe(MISSED);
    expect(currentAfterMark(guide, first.id, mark(FRIENDS, 'probe', 'covered', 'confirmed'))).toBe(first.id);
  });

  it('stays when a mark is taken back, or within the current question', () => {
    expect(currentAfterMark(guide, first.id, mark(MISSED, 'question', 'pending', 'manual'))).toBe(first.id);
    expect(currentAfterMark(guide, FRIENDS, mark(MISSED, 'question', 'asked', 'manual'))).toBe(FRIENDS);
  });
});

describe('suggestions made again on the final transcript', () => {
  it('keeps the researcher’s decisions and suggests again from the new text only what still waits', () => {
    const decided: CoverageSuggestion = { id: 'old-1', itemId: FRIENDS, itemKind: 'probe', state: 'covered', segmentId: 'gone', score: 0.8, time: 1, status: 'dismissed', decidedAt: 2 };
    const waiting: CoverageSuggestion = { id: 'old-2', itemId: MISSED, itemKind: 'question', state: 'asked', segmentId: 'gone-too', score: 0.6, time: 1, status: 'pending' };
    const made = resuggestTranscript({
      matcher,
      utterances: [say('new-1', 'interviewer', 'Hva savnet du mest fra tiden før korona?')],
      states: new Map(),
      suggestions: [decided, waiting],
      now: 5,
      newId: counter('again'),
    });
    expect(made).toContainEqual(decided);
    expect(made.some((suggestion) => suggestion.id === 'old-2')).toBe(false);
    expect(made).toContainEqual(expect.objectContaining({ itemId: MISSED, segmentId: 'new-1', status: 'pending' }));
  });
});
