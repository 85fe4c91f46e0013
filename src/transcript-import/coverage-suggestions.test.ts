import { describe, expect, it } from 'vitest';
import { exampleGuide } from '../guide';
import type { Channel, Segment } from '../store';
import { suggestImportedCoverage } from './coverage-suggestions';

const guide = exampleGuide(new Date('2025-03-01T10:00:00Z'), (() => {
  let next = 0;
  return () => `g${(next += 1)}`;
})());
const questions = guide.sections.flatMap((section) => section.questions);
const idOf = (start: string) => questions.find((question) => question.text.startsWith(start))?.id;
const STARTED_AT = Date.UTC(2025, 2, 10, 9);

function segment(id: string, channel: Channel, start: number, end: number, text: string): Segment {
  return { id, sessionId: 's', channel, start, end, text, words: [], unclear: [], source: 'live' };
}

function suggest(segments: Segment[]) {
  let next = 0;
  return suggestImportedCoverage(guide, segments, { startedAt: STARTED_AT, newId: () => `x${(next += 1)}` });
}

describe('suggestImportedCoverage', () => {
  it('finds a question the platform cut into two cues, pending, timed at the first cue’s place in the interview', () => {
    const suggestions = suggest([
      segment('a', 'interviewer', 10, 13, 'Og hva betyr egentlig'),
      segment('b', 'interviewer', 13.2, 15, 'ordet ensomhet for deg?'),
      segment('c', 'participant', 16, 30, 'Det er vanskelig å si.'),
    ]);
    expect(suggestions).toEqual([
      { id: 'x1', itemId: idOf('Hva betyr ordet ensomhet'), itemKind: 'question', state: 'asked', segmentId: 'a', score: expect.any(Number), time: STARTED_AT + 10_000, status: 'pending' },
    ]);
  });

  it('suggests nothing from small talk, and an item only once while it waits', () => {
    const suggestions = suggest([
      segment('a', 'interviewer', 0, 3, 'Hører du meg? Fint, da setter vi i gang.'),
      segment('b', 'participant', 3, 5, 'Ja, det går bra.'),
      segment('c', 'interviewer', 6, 10, 'Hva betyr ordet ensomhet for deg?'),
      segment('d', 'participant', 10, 12, 'Hm.'),
      segment('e', 'interviewer', 20, 24, 'Så hva betyr ensomhet for deg, da?'),
    ]);
    expect(suggestions.map((suggestion) => [suggestion.itemId, suggestion.segmentId])).toEqual([[idOf('Hva betyr ordet ensomhet'), 'c']]);
  });

  it('reads probes from the participant’s turns only; a mixed turn counts for both', () => {
    const savnet = questions.find((question) => question.text.startsWith('Hva savnet'));
    const trening = savnet?.probes.find((probe) => probe.text === 'trening')?.id;
    const fromInterviewer = suggest([segment('a', 'interviewer', 0, 3, 'Trening og studiemiljø, kanskje?')]);
    expect(fromInterviewer.some((suggestion) => suggestion.itemKind === 'probe')).toBe(false);
    const mixed = suggest([segment('a', 'mixed', 0, 9, 'Jeg savnet trening mest, altså.')]);
    expect(mixed).toContainEqual(expect.objectContaining({ itemId: trening, itemKind: 'probe', state: 'covered', segmentId: 'a', status: 'pending' }));
  });
});
