/** Intervju's own exports read back: what another Intervju (or a colleague's copy) would import. */
import { describe, expect, it } from 'vitest';
import { exportPlainText, exportSrt, exportWebVtt } from '../export';
import { exportSession } from '../export/test-fixtures';
import { parsePlainTextTranscript } from './plain-text';
import { parseSrt } from './srt';
import { parseWebVtt } from './webvtt';

const SPOKEN = [
  ['I', 0.5, 4.2, 'Hei, og velkommen. Kan du fortelle om jobben din?'],
  ['Kåre', 5, 9.04, 'Ja, eh, jeg jobber på Gjøvik sykehus.'],
  ['Kåre', 9.2, 12, 'Vi er [uklart] på avdelingen.'],
  ['I', 12.5, 13, 'Mhm.'],
  ['Kåre', 3590, 3599.96, 'Det var blåbær, ÆØÅ og [uklart: Gjøvik?] der.'],
  ['I', 3600, 3604.5, 'Takk <&> skal du ha.'],
];

describe('reading back Intervju’s own exports', () => {
  it('WebVTT: every segment with its speaker and times', () => {
    const parsed = parseWebVtt(exportWebVtt(exportSession()));
    expect(parsed.turns.map(({ speaker, start, end, text }) => [speaker, start, end, text])).toEqual(SPOKEN);
  });

  it('SRT: the same, angle brackets in speech kept as text', () => {
    const parsed = parseSrt(exportSrt(exportSession()));
    expect(parsed.turns.map(({ speaker, start, end, text }) => [speaker, start, end, text])).toEqual(SPOKEN);
  });

  it('f4/MAXQDA plain text: one turn per paragraph, ending at its mark, the header left out', () => {
    const parsed = parsePlainTextTranscript(exportPlainText(exportSession()));
    expect(parsed.turns.map(({ speaker, start, end }) => [speaker, start, end])).toEqual([
      ['I', 0, 4.2],
      ['Kåre', 4.2, 12],
      ['I', 12, 13],
      ['Kåre', 13, 3600],
      ['I', 3600, 3604.5],
    ]);
    expect(parsed.turns[1]?.text).toBe('Ja, eh, jeg jobber på Gjøvik sykehus. Vi er [uklart] på avdelingen.');
    expect(parsed.skipped.length).toBeGreaterThan(0);
  });
});
