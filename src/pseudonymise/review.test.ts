import { describe, expect, it } from 'vitest';
import type { Segment } from '../store/records';
import type { Replacement } from './occurrences';
import { acceptSuggestion, suggestionKey } from './review';
import { suggestReplacements } from './suggest';

function segment(id: string, text: string): Segment {
  return { id, sessionId: 's', channel: 'participant', start: 0, end: 1, text, words: [], unclear: [], source: 'live' };
}

const segments = [segment('a', 'Vi ringte Petter. Petter kom.'), segment('b', 'Jeg savner Petter og Kari.')];
const list: Replacement[] = [{ real: 'Kari', fictive: 'Lina', kind: 'name' }];
const suggestions = suggestReplacements({ segments, replacements: list });
const petter = suggestions.find((entry) => entry.text === 'Petter')!;

describe('acceptSuggestion', () => {
  it('"replace here" changes that occurrence only, and gives the new pair for the key list', () => {
    const outcome = acceptSuggestion(segments, list, { suggestion: petter, fictive: ' Ola ', kind: 'name', everywhere: false });
    expect(outcome).toMatchObject({ ok: true, newEntry: { real: 'Petter', fictive: 'Ola', kind: 'name' } });
    if (!outcome.ok) return;
    expect(outcome.changed.map((entry) => entry.segment.text)).toEqual(['Vi ringte Ola. Petter kom.']);
  });

  it('"always" changes every occurrence in the transcript, each segment once', () => {
    const outcome = acceptSuggestion(segments, list, { suggestion: petter, fictive: 'Ola', kind: 'name', everywhere: true });
    if (!outcome.ok) throw new Error('refused');
    expect(outcome.changed.map((entry) => [entry.segment.id, entry.segment.text])).toEqual([
      ['a', 'Vi ringte Ola. Ola kom.'],
      ['b', 'Jeg savner Ola og Kari.'],
    ]);
    expect(outcome.changed[0]?.previous).toBe(segments[0]);
  });

  it('adds nothing to the list for a term it has, and applies that entry everywhere', () => {
    const kari = suggestions.find((entry) => entry.text === 'Kari')!;
    expect(kari.fictive).toBe('Lina');
    const outcome = acceptSuggestion(segments, list, { suggestion: kari, fictive: kari.fictive, kind: 'name', everywhere: true });
    expect(outcome).toMatchObject({ ok: true, newEntry: null });
    if (outcome.ok) expect(outcome.changed.map((entry) => entry.segment.text)).toEqual(['Jeg savner Petter og Lina.']);
  });

  it('refuses an empty fictive name, and one that is a real term on the list', () => {
    expect(acceptSuggestion(segments, list, { suggestion: petter, fictive: '  ', kind: 'name', everywhere: false })).toEqual({ ok: false, reason: 'empty' });
    expect(acceptSuggestion(segments, list, { suggestion: petter, fictive: 'Kari', kind: 'name', everywhere: false })).toMatchObject({ ok: false, reason: 'conflict' });
  });

  it('keys a suggestion so that it stays the same after a replacement elsewhere in its segment', () => {
    const text = 'Vi var i Tromsø med Petter, og Petter ble i Tromsø.';
    const before = suggestReplacements({ segments: [segment('a', text)], replacements: list });
    const changed = 'Vi var i Tromsø med Ola, og Petter ble i Tromsø.';
    const after = suggestReplacements({ segments: [segment('a', changed)], replacements: [...list, { real: 'Petter', fictive: 'Ola', kind: 'name' }] });
    const keys = (found: typeof before, source: string) => found.map((entry) => [entry.text, suggestionKey(entry, source)]);
    expect(keys(before, text)).toEqual([
      ['Tromsø', 'a|Tromsø|0'],
      ['Petter', 'a|Petter|0'],
      ['Petter', 'a|Petter|1'],
      ['Tromsø', 'a|Tromsø|1'],
    ]);
    // Both Tromsøs keep their keys; the Petter left is now the first one.
    expect(keys(after, changed)).toEqual([
      ['Tromsø', 'a|Tromsø|0'],
      ['Petter', 'a|Petter|0'],
      ['Tromsø', 'a|Tromsø|1'],
    ]);
  });
});
