import { describe, expect, it } from 'vitest';
import type { CoverageEvent } from '../coverage/model';
import type { Guide } from '../guide/model';
import type { Note, Segment } from '../store/records';
import { blocksOf, transcriptItems } from './layout';

const START = Date.UTC(2025, 2, 10, 9);
const guide = {
  id: 'g',
  version: 1,
  title: 'Arbeid',
  sections: [
    {
      id: 'sec',
      title: 'Jobben',
      questions: [
        { id: 'q1', text: 'Fortell om jobben din', probes: [{ id: 'p1', text: 'Hva liker du?' }] },
        { id: 'q2', text: 'Hvordan var sjefen?', probes: [] },
      ],
    },
  ],
} as unknown as Guide;

const seg = (id: string, channel: Segment['channel'], start: number): Segment => ({
  id,
  sessionId: 's',
  channel,
  start,
  end: start + 2,
  text: id,
  words: [],
  unclear: [],
  source: 'live',
});
const mark = (itemId: string, seconds: number, source: CoverageEvent['source'] = 'manual', state: CoverageEvent['state'] = 'asked'): CoverageEvent => ({
  id: `${itemId}-${seconds}`,
  sessionId: 's',
  itemId,
  itemKind: itemId.startsWith('p') ? 'probe' : 'question',
  state,
  time: START + seconds * 1000,
  source,
});

describe('the reading layout', () => {
  it('turns per speaker, question headings at their first mark, notes at their time; suggested marks make no heading', () => {
    const segments = [seg('a', 'interviewer', 0), seg('b', 'participant', 3), seg('c', 'participant', 6), seg('d', 'interviewer', 10), seg('e', 'mixed', 13)];
    const notes: Note[] = [{ id: 'n', sessionId: 's', time: START + 12_000, text: 'Sjekk', questionId: null, reviseGuide: false }];
    const coverage = [mark('q1', 1), mark('p1', 4), mark('q2', 9, 'suggested'), mark('q2', 11), mark('q1', 12, 'manual', 'covered')];
    const items = transcriptItems({ segments, notes, coverage, guide, sessionStartedAt: START });
    expect(items.map((item) => (item.kind === 'turn' ? `${item.channel}:${item.segments.map((s) => s.id).join('')}` : `${item.kind}:${item.kind === 'heading' ? item.questionId : item.note.id}`))).toEqual([
      'heading:q1',
      'interviewer:a',
      'participant:bc',
      'heading:q2',
      'interviewer:d',
      'note:n',
      'mixed:e',
    ]);
  });

  it('puts a heading where its question became current when that was before its mark, and at the mark when that came first', () => {
    const segments = [seg('a', 'interviewer', 0), seg('b', 'participant', 3), seg('c', 'interviewer', 10), seg('d', 'participant', 13), seg('e', 'interviewer', 20)];
    // q1 current from the start but marked only at 12 s; q2 marked at 9 s (before it became current at 19 s).
    const currentChanges = [
      { itemId: 'q1', at: START },
      { itemId: 'q2', at: START + 19_000 },
    ];
    const coverage = [mark('q1', 12, 'manual', 'covered'), mark('q2', 9)];
    const items = transcriptItems({ segments, notes: [], coverage, guide, sessionStartedAt: START, currentChanges });
    expect(items.map((item) => (item.kind === 'turn' ? item.segments.map((s) => s.id).join('') : `heading:${item.kind === 'heading' ? item.questionId : ''}`))).toEqual([
      'heading:q1',
      'a',
      'b',
      'heading:q2',
      'c',
      'd',
      'e',
    ]);
  });

  it('counts a probe becoming current for its question, and heads each question once, at its earliest moment', () => {
    const segments = [seg('a', 'interviewer', 0), seg('b', 'participant', 5), seg('c', 'interviewer', 10), seg('d', 'participant', 15)];
    const currentChanges = [
      { itemId: 'q2', at: START + 4_000 },
      { itemId: 'p1', at: START + 9_000 },
      { itemId: 'q2', at: START + 14_000 },
    ];
    const items = transcriptItems({ segments, notes: [], coverage: [mark('q1', 16)], guide, sessionStartedAt: START, currentChanges });
    const headings = items.flatMap((item) => (item.kind === 'heading' ? [`${item.questionId}@${item.at}`] : []));
    expect(headings).toEqual(['q2@4', 'q1@9']);
    expect(items.map((item) => (item.kind === 'turn' ? item.segments.map((s) => s.id).join('') : item.kind === 'heading' ? item.questionId : ''))).toEqual(['a', 'q2', 'b', 'q1', 'c', 'd']);
  });

  it('ignores current items that are not in the guide version the session used, and heads from marks alone without a log', () => {
    const segments = [seg('a', 'interviewer', 0), seg('b', 'participant', 5)];
    const withUnknown = transcriptItems({ segments, notes: [], coverage: [mark('q1', 6)], guide, sessionStartedAt: START, currentChanges: [{ itemId: 'gone', at: START }] });
    const withoutLog = transcriptItems({ segments, notes: [], coverage: [mark('q1', 6)], guide, sessionStartedAt: START });
    expect(withUnknown).toEqual(withoutLog);
    expect(withoutLog.map((item) => item.kind)).toEqual(['turn', 'heading', 'turn']);
  });

  it('cuts long transcripts into blocks without cutting a turn', () => {
    const segments = Array.from({ length: 100 }, (_unused, index) => seg(`s${index}`, index % 10 < 5 ? 'interviewer' : 'participant', index * 2));
    const blocks = blocksOf(transcriptItems({ segments, notes: [], coverage: [], guide: null, sessionStartedAt: START }), 12);
    expect(blocks.map((block) => block.length)).toEqual([3, 3, 3, 3, 3, 3, 2]);
    expect(blocks.flat().flatMap((item) => (item.kind === 'turn' ? item.segments : [])).length).toBe(100);
  });
});
