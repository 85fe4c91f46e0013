import { describe, it, expect } from 'vitest';
import {
  applySegmentUpdate,
  findOverlaps,
  intersectRanges,
  joinTurns,
  mergeChannels,
  unionRanges,
  type Channel,
  type MergeableSegment,
} from './segment-merge';

interface TestSegment extends MergeableSegment {
  text: string;
}

function segment(
  channel: Channel,
  start: number,
  end: number,
  text: string,
  extra: Partial<TestSegment> = {},
): TestSegment {
  return { utteranceId: `${channel}-${start}`, channel, start, end, text, provisional: false, ...extra };
}

describe('mergeChannels', () => {
  it('interleaves interviewer and participant in time order', () => {
    const interviewer = [segment('interviewer', 0, 3, 'Hvordan var det?'), segment('interviewer', 9, 10, 'Mm.')];
    const participant = [segment('participant', 3.5, 8, 'Det var tungt.'), segment('participant', 10.5, 14, 'Ja.')];
    expect(mergeChannels(interviewer, participant).map((item) => item.text)).toEqual([
      'Hvordan var det?',
      'Det var tungt.',
      'Mm.',
      'Ja.',
    ]);
  });

  it('puts the interviewer first when both start at the same moment', () => {
    const merged = mergeChannels([segment('participant', 5, 6, 'ja')], [segment('interviewer', 5, 6, 'så')]);
    expect(merged.map((item) => item.channel)).toEqual(['interviewer', 'participant']);
  });
});

describe('ranges', () => {
  it('unions overlapping and touching ranges and intersects two lists', () => {
    expect(unionRanges([{ start: 3, end: 4 }, { start: 0, end: 1 }, { start: 1, end: 2 }])).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 4 },
    ]);
    expect(intersectRanges([{ start: 0, end: 5 }], [{ start: 1, end: 2 }, { start: 4, end: 7 }])).toEqual([
      { start: 1, end: 2 },
      { start: 4, end: 5 },
    ]);
  });
});

describe('findOverlaps', () => {
  it('finds where both people had words at the same time', () => {
    const segments = [
      segment('participant', 0, 6, 'lang fortelling', {
        words: [
          { start: 0, end: 2 },
          { start: 4, end: 6 },
        ],
      }),
      segment('interviewer', 1.5, 2.5, 'mm'),
      segment('interviewer', 3, 3.5, 'ja'), // lands in the participant's pause: no crosstalk
      segment('interviewer', 5.8, 7, 'men'),
    ];
    expect(findOverlaps(segments)).toEqual([
      { start: 1.5, end: 2 },
      { start: 5.8, end: 6 },
    ]);
  });

  it('drops overlaps shorter than the minimum', () => {
    const segments = [segment('participant', 0, 2, 'a'), segment('interviewer', 1.95, 3, 'b')];
    expect(findOverlaps(segments, 0.1)).toEqual([]);
    expect(findOverlaps(segments)).toHaveLength(1);
  });
});

describe('applySegmentUpdate', () => {
  const provisional = segment('participant', 4, 6, 'det var', { utteranceId: 'u7', provisional: true });
  const final = segment('participant', 4, 6.5, 'det var tungt', { utteranceId: 'u7' });
  const other = segment('interviewer', 1, 3, 'Hvordan?', { utteranceId: 'u6' });

  it('replaces the provisional segment by the final one with the same utterance id', () => {
    const list = applySegmentUpdate(applySegmentUpdate([other], provisional), final);
    expect(list.map((item) => item.text)).toEqual(['Hvordan?', 'det var tungt']);
  });

  it('lets a newer provisional decode replace an older one', () => {
    const newer = { ...provisional, text: 'det var tung' };
    expect(applySegmentUpdate([provisional], newer).map((item) => item.text)).toEqual(['det var tung']);
  });

  it('ignores a provisional segment arriving after its final one', () => {
    const list = applySegmentUpdate([final], provisional);
    expect(list.map((item) => item.text)).toEqual(['det var tungt']);
  });

  it('keeps time order when inserting', () => {
    const early = segment('interviewer', 0, 0.5, 'Hei', { utteranceId: 'u1' });
    expect(applySegmentUpdate([other, final], early).map((item) => item.utteranceId)).toEqual(['u1', 'u6', 'u7']);
  });
});

describe('joinTurns', () => {
  it('joins one speaker’s segments separated by short pauses into one turn', () => {
    const turns = joinTurns([
      segment('participant', 0, 4, 'Jeg husker'),
      segment('participant', 5, 9, 'at vi flyttet.'),
      segment('participant', 12, 14, 'Senere.'),
    ]);
    expect(turns.map((turn) => [turn.start, turn.end, turn.segments.length])).toEqual([
      [0, 9, 2],
      [12, 14, 1],
    ]);
  });

  it('starts a new turn when the other speaker comes in between', () => {
    const turns = joinTurns([
      segment('participant', 0, 4, 'Jeg husker'),
      segment('interviewer', 4.2, 4.6, 'Mm.'),
      segment('participant', 5, 9, 'at vi flyttet.'),
    ]);
    expect(turns.map((turn) => turn.channel)).toEqual(['participant', 'interviewer', 'participant']);
  });

  it('uses the configured gap', () => {
    const segments = [segment('interviewer', 0, 2, 'a'), segment('interviewer', 3, 4, 'b')];
    expect(joinTurns(segments, 0.5)).toHaveLength(2);
    expect(joinTurns(segments, 1.5)).toHaveLength(1);
  });
});
