import { describe, expect, it } from 'vitest';
import type { Replacement } from './occurrences';
import { pseudonymiseText } from './replace';
import { replacementConflict } from './conflicts';

const list: Replacement[] = [
  { real: 'Kari', fictive: 'Lina', kind: 'name' },
  { real: 'Kari Nordmann', fictive: 'Lina Berg', kind: 'name' },
  { real: 'Bergen', fictive: 'Fjellby', kind: 'place' },
  { real: 'Ålesund', fictive: 'Havvik', kind: 'place' },
  { real: 'Hans', fictive: 'Ola', kind: 'name' },
  { real: 'Tore', fictive: 'Lars', kind: 'name' },
  { real: 'St. Olavs hospital', fictive: 'Sentralsykehuset', kind: 'institution' },
];

const replace = (text: string) => pseudonymiseText(text, list).text;

describe('pseudonymiseText', () => {
  it('replaces whole words only, never inside another word', () => {
    expect(replace('Kari og Karianne møtte Makari.')).toBe('Lina og Karianne møtte Makari.');
    expect(replace('Kari-Anne kom, men Kari ble hjemme.')).toBe('Kari-Anne kom, men Lina ble hjemme.');
  });

  it('treats æ, ø and å as letters at word boundaries', () => {
    expect(replace('Vi bodde i Ålesund, ikke i Ålesundsbyen eller Nyålesund.')).toBe('Vi bodde i Havvik, ikke i Ålesundsbyen eller Nyålesund.');
    expect(replace('Kariø og øKari er ikke Kari.')).toBe('Kariø og øKari er ikke Lina.');
  });

  it('keeps the capitalisation of each occurrence', () => {
    expect(replace('KARI sa at kari og Kari kom.')).toBe('LINA sa at lina og Lina kom.');
    expect(replace('ÅLESUND og ålesund')).toBe('HAVVIK og havvik');
  });

  it('carries the genitive over, in the form the fictive name takes', () => {
    expect(replace('Karis mor og Bergens gater')).toBe('Linas mor og Fjellbys gater');
    expect(replace("Kari's bil og Kari’s hus")).toBe("Lina's bil og Lina’s hus");
    // A name ending in s takes an apostrophe, both ways.
    expect(replace("Hans' sykkel")).toBe('Olas sykkel');
    expect(replace('Tores jakke')).toBe("Lars' jakke");
    // A closing quotation mark after a name is not a genitive.
    expect(replace("Hun sa 'Kari' og gikk.")).toBe("Hun sa 'Lina' og gikk.");
  });

  it('lets the longest term win where terms overlap, and matches across any whitespace', () => {
    expect(replace('Kari Nordmann og Kari')).toBe('Lina Berg og Lina');
    expect(replace('Kari  Nordmanns sak')).toBe('Lina Bergs sak');
    expect(replace('Hun lå på St. Olavs hospital i Bergen.')).toBe('Hun lå på Sentralsykehuset i Fjellby.');
  });

  it('reports each replaced span in both texts', () => {
    const result = pseudonymiseText('Hei Karis venn fra Bergen', list);
    expect(result.text).toBe('Hei Linas venn fra Fjellby');
    expect(result.spans).toEqual([
      { start: 4, end: 9, newStart: 4, newEnd: 9, real: 'Karis', fictive: 'Linas', kind: 'name' },
      { start: 19, end: 25, newStart: 19, newEnd: 26, real: 'Bergen', fictive: 'Fjellby', kind: 'place' },
    ]);
    expect(result.text.slice(19, 26)).toBe('Fjellby');
  });

  it('leaves text without terms untouched, and skips entries with no fictive name yet', () => {
    expect(pseudonymiseText('Ingen navn her.', list)).toEqual({ text: 'Ingen navn her.', spans: [] });
    expect(pseudonymiseText('Per kom', [{ real: 'Per', fictive: ' ', kind: 'name' }]).spans).toEqual([]);
  });
});

describe('replacementConflict', () => {
  const entries: Replacement[] = [
    { real: 'Kari', fictive: 'Lina', kind: 'name' },
    { real: 'Bergen', fictive: 'Fjellby', kind: 'place' },
  ];

  it('refuses a fictive name that is a real term on the list, which the next export would replace again', () => {
    expect(replacementConflict(entries, { real: 'Ola', fictive: 'Kari', kind: 'name' })).toEqual({ entry: entries[0], reason: 'fictive-is-real' });
    expect(replacementConflict(entries, { real: 'Ola', fictive: 'Karis venn', kind: 'name' })?.reason).toBe('fictive-is-real');
    expect(replacementConflict([], { real: 'Ola', fictive: 'Ola Hansen', kind: 'name' })?.reason).toBe('fictive-is-real');
  });

  it('refuses a real term that stands in a fictive name already given', () => {
    expect(replacementConflict(entries, { real: 'Lina', fictive: 'Eva', kind: 'name' })).toEqual({ entry: entries[0], reason: 'real-in-fictive' });
  });

  it('accepts a pair that collides with nothing, and an edit of an entry’s own fictive name', () => {
    expect(replacementConflict(entries, { real: 'Ola', fictive: 'Per', kind: 'name' })).toBeNull();
    expect(replacementConflict(entries, { real: 'Kari', fictive: 'Line', kind: 'name' })).toBeNull();
    // "Karianne" is not "Kari": whole words only, here too.
    expect(replacementConflict(entries, { real: 'Ola', fictive: 'Karianne', kind: 'name' })).toBeNull();
  });
});
