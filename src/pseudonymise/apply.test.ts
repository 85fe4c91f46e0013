import { describe, expect, it } from 'vitest';
import type { Note, Segment } from '../store/records';
import { applyAcceptedReplacements, applyReplacementList, pseudonymiseTranscript } from './apply';
import type { Replacement } from './occurrences';

const list: Replacement[] = [
  { real: 'Kari Nordmann', fictive: 'Lina Berg', kind: 'name' },
  { real: 'Kari', fictive: 'Lina', kind: 'name' },
  { real: 'Bodø', fictive: 'Nordvik', kind: 'place' },
];

function segment(id: string, text: string, words: Segment['words'] = []): Segment {
  return { id, sessionId: 's1', channel: 'participant', start: 0, end: 5, text, words, unclear: [], source: 'live' };
}

const word = (text: string, start: number, end: number, probability = 0.9) => ({ text, start, end, probability });

describe('applying replacements to segments', () => {
  it('replaces in the text and in the matching words, keeping every word time', () => {
    const before = segment('a', 'Jeg møtte Karis søster i Bodø.', [
      word(' Jeg', 0, 0.2), word(' møtte', 0.2, 0.5), word(' Karis', 0.5, 0.9, 0.4), word(' søster', 0.9, 1.3), word(' i', 1.3, 1.4), word(' Bodø.', 1.4, 1.9),
    ]);
    const [changed] = applyReplacementList([before], list);
    expect(changed?.segment.text).toBe('Jeg møtte Linas søster i Nordvik.');
    expect(changed?.segment.source).toBe('edited');
    expect(changed?.wordsKept).toBe(true);
    expect(changed?.segment.words.map((entry) => [entry.text, entry.start, entry.end])).toEqual([
      [' Jeg', 0, 0.2], [' møtte', 0.2, 0.5], [' Linas', 0.5, 0.9], [' søster', 0.9, 1.3], [' i', 1.3, 1.4], [' Nordvik.', 1.4, 1.9],
    ]);
    expect(changed?.previous).toBe(before);
    expect(before.text).toBe('Jeg møtte Karis søster i Bodø.');
  });

  it('makes one word of a multi-word name, from the first word start to the last word end', () => {
    const before = segment('a', 'Det var Kari Nordmann som ringte', [
      word('Det', 0, 0.2), word('var', 0.2, 0.4), word('Kari', 0.4, 0.7), word('Nordmann', 0.7, 1.2), word('som', 1.2, 1.4), word('ringte', 1.4, 1.8),
    ]);
    const [changed] = applyReplacementList([before], list);
    expect(changed?.segment.words.map((entry) => [entry.text, entry.start, entry.end])).toEqual([
      ['Det', 0, 0.2], ['var', 0.2, 0.4], ['Lina Berg', 0.4, 1.2], ['som', 1.2, 1.4], ['ringte', 1.4, 1.8],
    ]);
  });

  it('drops words that do not line up with the text rather than keep the real name in them', () => {
    const before = segment('a', 'Kari kom', [word('Kari kom hjem', 0, 1)]);
    const [changed] = applyReplacementList([before], list);
    expect(changed?.segment.text).toBe('Lina kom');
    expect(changed?.wordsKept).toBe(false);
    expect(changed?.segment.words).toEqual([]);
  });

  it('replaces real names in the guesses of unclear spans, shown in the text or not', () => {
    const shown = { ...segment('a', 'Vi bodde i [uklart: Bodø?] da'), unclear: [{ start: 1, end: 2, guess: 'Bodø?' }] };
    const hidden = { ...segment('b', 'Hun het [uklart]'), unclear: [{ start: 3, end: 4, guess: 'Kari' }] };
    const changed = applyReplacementList([shown, hidden], list);
    expect(changed.map((entry) => [entry.segment.text, entry.segment.unclear[0]?.guess])).toEqual([
      ['Vi bodde i [uklart: Nordvik?] da', 'Nordvik?'],
      ['Hun het [uklart]', 'Lina'],
    ]);
    const [accepted] = applyAcceptedReplacements([shown], [{ segmentId: 'a', start: 20, end: 24, fictive: 'Havvik', kind: 'place' }]);
    expect(accepted?.segment.unclear[0]?.guess).toBe('Havvik?');
    expect(JSON.stringify(changed.map((entry) => entry.segment))).not.toMatch(/Kari|Bodø/);
  });

  it('applies accepted suggestions at their spans only, and returns only the changed segments', () => {
    const segments = [segment('a', 'Kari og Kari'), segment('b', 'Ingen her')];
    const changed = applyAcceptedReplacements(segments, [{ segmentId: 'a', start: 8, end: 12, fictive: 'Lina', kind: 'name' }]);
    expect(changed.map((entry) => [entry.segment.id, entry.segment.text])).toEqual([['a', 'Kari og Lina']]);
    expect(changed[0]?.spans[0]).toMatchObject({ real: 'Kari', fictive: 'Lina', newStart: 8, newEnd: 12 });
  });

  it('pseudonymises a transcript and its notes for an export, leaving the input as it was', () => {
    const segments = [segment('a', 'Kari fra Bodø'), segment('b', 'Ja')];
    const notes: Note[] = [{ id: 'n', sessionId: 's1', time: 1, text: 'Spør Kari om Bodø', questionId: null, reviseGuide: false }];
    const result = pseudonymiseTranscript({ locale: 'nb', segments, notes }, list);
    expect(result.locale).toBe('nb');
    expect(result.segments.map((entry) => entry.text)).toEqual(['Lina fra Nordvik', 'Ja']);
    expect(result.segments[1]).toBe(segments[1]);
    expect(result.notes[0]?.text).toBe('Spør Lina om Nordvik');
    expect(JSON.stringify(result)).not.toContain('Kari');
    expect(segments[0]?.text).toBe('Kari fra Bodø');
  });
});
