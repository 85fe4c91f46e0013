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

  it('cuts long transcripts into blocks without cutting a turn', () => {
    const segments = Array.from({ length: 100 }, (_unused, index) => seg(`s${index}`, index % 10 < 5 ? 'interviewer' : 'participant', index * 2));
    const blocks = blocksOf(transcriptItems({ segments, notes: [], coverage: [], guide: null, sessionStartedAt: START }), 12);
    expect(blocks.map((block) => block.length)).toEqual([3, 3, 3, 3, 3, 3, 2]);
    expect(blocks.flat().flatMap((item) => (item.kind === 'turn' ? item.segments : [])).length).toBe(100);
  });
});
