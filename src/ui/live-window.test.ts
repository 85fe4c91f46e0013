import { describe, expect, it } from 'vitest';
import { LIVE_TRANSCRIPT_LIMIT, latestSegments } from './live-window';

const at = (...starts: number[]) => starts.map((start) => ({ start }));

describe('latestSegments', () => {
  it('shows every segment in time order while there are no more than the limit', () => {
    expect(latestSegments(at(3, 1, 2), 5)).toEqual({ shown: at(1, 2, 3), earlier: 0 });
  });

  it('keeps only the latest segments by start time and counts the ones left out', () => {
    expect(latestSegments(at(5, 1, 4, 2, 3), 2)).toEqual({ shown: at(4, 5), earlier: 3 });
  });

  it('bounds an hour of segments to the default limit', () => {
    const hour = at(...Array.from({ length: 842 }, (_, index) => index * 4));
    const { shown, earlier } = latestSegments(hour);
    expect(shown).toHaveLength(LIVE_TRANSCRIPT_LIMIT);
    expect(earlier).toBe(842 - LIVE_TRANSCRIPT_LIMIT);
    expect(shown.at(-1)?.start).toBe(841 * 4);
  });
});
