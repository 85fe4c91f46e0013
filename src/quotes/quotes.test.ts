import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Quote, Segment } from '../store/records';
import { markPassage } from './mark';
import { quoteSheet } from './sheet';
import { quoteSheetDocx } from './sheet-docx';
import { quoteSheetHtml } from './sheet-html';

function segment(id: string, start: number, text: string): Segment {
  return { id, sessionId: 's', channel: 'participant', start, end: start + 3, text, words: [], unclear: [], source: 'live' };
}

const segments = [
  segment('a', 10, 'Jeg var redd hele tiden.'),
  segment('b', 14, 'Kari sa at det ville gå bra, men det gikk ikke.'),
  segment('c', 19, 'Etterpå flyttet vi til Bodø.'),
];

describe('markPassage', () => {
  it('takes the passage across segments, with context before and after', () => {
    const passage = markPassage(segments, { segmentId: 'b', offset: 29 }, { segmentId: 'c', offset: 7 }, 4);
    expect(passage).toEqual({
      start: { segmentId: 'b', offset: 29 },
      end: { segmentId: 'c', offset: 7 },
      time: 14,
      text: 'men det gikk ikke. Etterpå',
      contextBefore: 'det ville gå bra,',
      contextAfter: 'flyttet vi til Bodø.',
    });
  });

  it('widens a selection that cuts a word to the whole word, and takes anchors the wrong way round', () => {
    const passage = markPassage(segments, { segmentId: 'a', offset: 10 }, { segmentId: 'a', offset: 6 });
    expect(passage?.text).toBe('var redd');
    expect(passage?.start.offset).toBe(4);
    expect(passage?.end.offset).toBe(12);
  });

  it('gives nothing for an empty passage or an unknown segment', () => {
    expect(markPassage(segments, { segmentId: 'a', offset: 3 }, { segmentId: 'a', offset: 3 })).toBeNull();
    expect(markPassage(segments, { segmentId: 'x', offset: 0 }, { segmentId: 'a', offset: 3 })).toBeNull();
  });
});

function quote(id: string, time: number, text: string, overrides: Partial<Quote> = {}): Quote {
  return {
    id, sessionId: 's', participantId: 'p', start: { segmentId: 'a', offset: 0 }, end: { segmentId: 'a', offset: 1 }, time, text,
    contextBefore: 'Kari spurte', contextAfter: 'i Bodø', status: 'sent', changedText: null, statusAt: null, createdAt: 1, ...overrides,
  };
}

const replacements = [
  { real: 'Kari', fictive: 'Lina', kind: 'name' as const },
  { real: 'Bodø', fictive: 'Nordvik', kind: 'place' as const },
];

describe('quoteSheet', () => {
  it('lists the quotes in the order said, numbered, pseudonymised, withdrawn ones left out', () => {
    const sheet = quoteSheet({
      pseudonym: 'Eva',
      replacements,
      quotes: [
        quote('q2', 3725, 'Karis ord var tunge', { status: 'changed', changedText: 'Karis ord var svært tunge' }),
        quote('q1', 65, 'Jeg ble i Bodø'),
        quote('q3', 70, 'Glem det', { status: 'withdrawn' }),
      ],
    });
    expect(sheet.items.map((item) => [item.number, item.time, item.text, item.status])).toEqual([
      [1, '00:01:05', 'Jeg ble i Nordvik', 'sent'],
      [2, '01:02:05', 'Linas ord var tunge', 'changed'],
    ]);
    expect(sheet.items[1]?.changedText).toBe('Linas ord var svært tunge');
    expect(JSON.stringify(sheet)).not.toMatch(/Kari|Bodø/);
  });

  it('writes a .docx holding the pseudonymised quotes and the boxes to tick, in the locale asked for', async () => {
    const sheet = quoteSheet({ pseudonym: 'Eva', replacements, quotes: [quote('q1', 65, 'Jeg ble i Bodø, sa Kari')] });
    const xml = strFromU8(unzipSync(await quoteSheetDocx(sheet, 'nb'))['word/document.xml'] as Uint8Array);
    expect(xml).toContain('Sitater til godkjenning: Eva');
    expect(xml).toContain('«Jeg ble i Nordvik, sa Lina»');
    expect(xml).toContain('Lina spurte');
    expect(xml).toContain('☐ Godkjent');
    expect(xml).not.toMatch(/Kari|Bodø/);
    const english = strFromU8(unzipSync(await quoteSheetDocx(sheet, 'en'))['word/document.xml'] as Uint8Array);
    expect(english).toContain('Quotes for approval: Eva');
  });

  it('writes a printable HTML page with every text escaped', () => {
    const sheet = quoteSheet({ pseudonym: 'Eva', replacements, quotes: [quote('q1', 65, 'Kari sa <b>nei</b> & gikk')] });
    const html = quoteSheetHtml(sheet, 'en');
    expect(html).toContain('<title>Quotes for approval: Eva</title>');
    expect(html).toContain('«Lina sa &lt;b&gt;nei&lt;/b&gt; &amp; gikk»');
    expect(html).toContain('☐ Not to be used');
    expect(html).not.toMatch(/Kari|Bodø|<script/);
  });
});
