import { describe, expect, it } from 'vitest';
import type { Segment } from '../store/records';
import { editText, mergeSegments, resolveUnclear, setChecked, setSpeaker, splitSegment } from './operations';
import { timedTokens } from './tokens';

/** "Jeg bodde i [uklart] i fem år." — the model heard "Bærum" at 2.0–2.6 s but too unsure to show. */
function machine(overrides: Partial<Segment> = {}): Segment {
  return {
    id: 's1',
    sessionId: 'session',
    channel: 'participant',
    start: 1,
    end: 4,
    text: 'Jeg bodde i [uklart] i fem år.',
    words: [
      { text: ' Jeg', start: 1.0, end: 1.2, probability: 0.9 },
      { text: ' bodde', start: 1.2, end: 1.6, probability: 0.9 },
      { text: ' i', start: 1.6, end: 1.8, probability: 0.9 },
      { text: ' Bærum', start: 2.0, end: 2.6, probability: 0.2 },
      { text: ' i', start: 2.7, end: 2.8, probability: 0.9 },
      { text: ' fem', start: 2.8, end: 3.2, probability: 0.9 },
      { text: ' år.', start: 3.2, end: 3.6, probability: 0.9 },
    ],
    unclear: [{ start: 2.0, end: 2.6, guess: null }],
    source: 'live',
    ...overrides,
  };
}

describe('timed tokens', () => {
  it('times the text’s words from the transcriber’s and never shows the words hidden behind [uklart]', () => {
    const tokens = timedTokens(machine());
    expect(tokens.map((token) => token.text)).toEqual(['Jeg', 'bodde', 'i', '[uklart]', 'i', 'fem', 'år.']);
    expect(tokens.map((token) => token.start)).toEqual([1.0, 1.2, 1.6, 2.0, 2.7, 2.8, 3.2]);
    expect(tokens.some((token) => token.text.includes('Bærum'))).toBe(false);
  });
});

describe('editing text', () => {
  it('keeps the machine text as the original, marks the segment edited, and keeps the times of words that stayed', () => {
    const changed = editText(machine(), 'Jeg bodde i [uklart] i seks år.');
    expect(changed.source).toBe('edited');
    expect(changed.original?.text).toBe('Jeg bodde i [uklart] i fem år.');
    expect(changed.original?.words).toHaveLength(7);
    expect(changed.words.map((word) => [word.text, word.start])).toEqual([
      ['Jeg', 1.0],
      ['bodde', 1.2],
      ['i', 1.6],
      ['i', 2.7],
      ['seks', 2.8],
      ['år.', 3.2],
    ]);
    expect(changed.unclear).toEqual([{ start: 2.0, end: 2.6, guess: null }]);
  });

  it('keeps the first original through later edits', () => {
    const twice = editText(editText(machine(), 'Jeg bodde der.'), 'Jeg bodde der lenge.');
    expect(twice.original?.text).toBe('Jeg bodde i [uklart] i fem år.');
    expect(twice.text).toBe('Jeg bodde der lenge.');
  });

  it('changes nothing when the text is the same', () => {
    const segment = machine();
    expect(editText(segment, segment.text)).toBe(segment);
  });

  it('drops the unclear span whose marker was typed over', () => {
    const changed = editText(machine(), 'Jeg bodde i Bergen i fem år.');
    expect(changed.unclear).toEqual([]);
    const bergen = changed.words.find((word) => word.text === 'Bergen');
    expect(bergen?.start).toBeGreaterThanOrEqual(1.8);
    expect(bergen?.end).toBeLessThanOrEqual(2.7);
  });
});

describe('resolving [uklart]', () => {
  it('replaces the marker with what was heard, timed inside the span', () => {
    const resolved = resolveUnclear(machine(), 0, { kind: 'heard', text: 'Sandvika sentrum' }, 'nb');
    expect(resolved.text).toBe('Jeg bodde i Sandvika sentrum i fem år.');
    expect(resolved.unclear).toEqual([]);
    const heard = resolved.words.filter((word) => word.text === 'Sandvika' || word.text === 'sentrum');
    expect(heard.map((word) => [word.start, word.end])).toEqual([
      [2.0, 2.3],
      [2.3, 2.6],
    ]);
  });

  it('keeps it unclear with a guess marked as one, no longer counted as left', () => {
    const kept = resolveUnclear(machine(), 0, { kind: 'kept', guess: 'Bærum' }, 'nb');
    expect(kept.text).toBe('Jeg bodde i [uklart: Bærum?] i fem år.');
    expect(kept.unclear).toEqual([{ start: 2.0, end: 2.6, guess: 'Bærum', kept: true }]);
    const plain = resolveUnclear(machine(), 0, { kind: 'kept', guess: null }, 'en');
    expect(plain.text).toBe('Jeg bodde i [unclear] i fem år.');
  });

  it('refuses a marker the segment does not have', () => {
    expect(() => resolveUnclear(machine(), 1, { kind: 'kept', guess: null }, 'nb')).toThrow(RangeError);
  });

  it('resolves the second of two markers and leaves the first with its span', () => {
    const two = machine({ text: '[uklart] bodde i [uklart] i fem år.', unclear: [{ start: 1, end: 1.2, guess: null }, { start: 2, end: 2.6, guess: null }] });
    const resolved = resolveUnclear(two, 1, { kind: 'heard', text: 'Asker' }, 'nb');
    expect(resolved.text).toBe('[uklart] bodde i Asker i fem år.');
    expect(resolved.unclear).toEqual([{ start: 1, end: 1.2, guess: null }]);
  });
});

describe('split, merge, speaker, checked', () => {
  it('splits at the cursor: the first part keeps the id, the cut falls where its last word ends', () => {
    const segment = machine();
    const parts = splitSegment(segment, segment.text.indexOf('i fem'), 's2');
    expect(parts).not.toBeNull();
    const [head, tail] = parts!;
    expect([head.id, head.text, head.start, head.end]).toEqual(['s1', 'Jeg bodde i [uklart]', 1, 2.6]);
    expect([tail.id, tail.text, tail.start, tail.end]).toEqual(['s2', 'i fem år.', 2.6, 4]);
    expect(head.unclear).toHaveLength(1);
    expect(tail.unclear).toHaveLength(0);
    expect(tail.original?.text).toBe(segment.text);
    expect(splitSegment(segment, 0, 's3')).toBeNull();
  });

  it('merges two segments of one speaker and refuses two speakers', () => {
    const first = machine();
    const second = machine({ id: 's2', start: 4.2, end: 5, text: 'Så flyttet jeg.', words: [], unclear: [] });
    const merged = mergeSegments(first, second);
    expect(merged?.text).toBe('Jeg bodde i [uklart] i fem år. Så flyttet jeg.');
    expect([merged?.id, merged?.start, merged?.end, merged?.source]).toEqual(['s1', 1, 5, 'edited']);
    expect(merged?.original?.text).toBe('Jeg bodde i [uklart] i fem år. Så flyttet jeg.');
    expect(mergeSegments(first, { ...second, channel: 'interviewer' })).toBeNull();
  });

  it('changes the speaker, keeping the machine’s channel in the original', () => {
    const moved = setSpeaker(machine({ channel: 'mixed' }), 'interviewer');
    expect(moved.channel).toBe('interviewer');
    expect(moved.original?.channel).toBe('mixed');
    expect(moved.source).toBe('edited');
  });

  it('marks checked without calling the text edited', () => {
    const checked = setChecked(machine(), true);
    expect(checked.checked).toBe(true);
    expect(checked.source).toBe('live');
    expect('checked' in setChecked(checked, false)).toBe(false);
  });
});
