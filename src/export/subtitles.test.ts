import { describe, expect, it } from 'vitest';
import { escapeVtt, exportSrt, exportWebVtt } from './subtitles';
import { exportSession, segment, session } from './test-fixtures';

const cues = (text: string) => text.trim().split('\n\n');

describe('exportWebVtt', () => {
  it('writes one cue per segment with speaker voices, times across the hour and [uklart] kept', () => {
    const vtt = exportWebVtt(exportSession());
    const blocks = cues(vtt);
    expect(blocks[0]).toBe('WEBVTT');
    // Seven segments, one blank: six cues.
    expect(blocks).toHaveLength(7);
    expect(blocks[1]).toBe('1\n00:00:00.500 --> 00:00:04.200\n<v I>Hei, og velkommen. Kan du fortelle om jobben din?');
    expect(blocks[3]).toBe('3\n00:00:09.200 --> 00:00:12.000\n<v Kåre>Vi er [uklart] på avdelingen.');
    expect(blocks[4]).toBe('4\n00:00:12.500 --> 00:00:13.000\n<v I>Mhm.');
    expect(blocks[5]).toBe('5\n00:59:50.000 --> 00:59:59.960\n<v Kåre>Det var blåbær, ÆØÅ og [uklart: Gjøvik?] der.');
    expect(blocks[6]).toBe('6\n01:00:00.000 --> 01:00:04.500\n<v I>Takk &lt;&amp;&gt; skal du ha.');
  });

  it('escapes markup in text and voice names, and names mixed and pilot speakers as such', () => {
    expect(escapeVtt('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    const vtt = exportWebVtt(
      exportSession({ participant: null, session: session({ participantId: null, kind: 'pilot' }), segments: [segment('m', 'mixed', 1, 2, 'Ja.')] }),
    );
    expect(vtt).toBe('WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v I/Deltaker>Ja.\n');
  });

  it('writes only the header for a session without speech, and cues without voices when asked', () => {
    expect(exportWebVtt(exportSession({ segments: [] }))).toBe('WEBVTT\n');
    expect(exportWebVtt(exportSession(), { speakers: false })).toContain('\nMhm.\n');
  });
});

describe('exportSrt', () => {
  it('numbers cues from 1, with comma milliseconds and the speaker as a prefix', () => {
    const blocks = cues(exportSrt(exportSession({ locale: 'en', participant: null, session: session({ participantId: null }) })));
    expect(blocks).toHaveLength(6);
    expect(blocks[0]).toBe('1\n00:00:00,500 --> 00:00:04,200\nI: Hei, og velkommen. Kan du fortelle om jobben din?');
    expect(blocks[1]).toBe('2\n00:00:05,000 --> 00:00:09,040\nParticipant: Ja, eh, jeg jobber på Gjøvik sykehus.');
    expect(blocks[5]).toBe('6\n01:00:00,000 --> 01:00:04,500\nI: Takk <&> skal du ha.');
  });

  it('removes fillers when asked and writes nothing for no speech', () => {
    expect(exportSrt(exportSession(), { keepFillers: false })).toContain('Kåre: Ja, jeg jobber på Gjøvik sykehus.');
    expect(exportSrt(exportSession({ segments: [] }))).toBe('');
  });
});
