import { describe, expect, it } from 'vitest';
import { exportPlainText } from './plain-text';
import { exportSession, segment, session } from './test-fixtures';

const transcriptLines = (text: string) => text.split('\n').filter((line) => /^[^:\s]+: /u.test(line) && !line.startsWith('Dato') && !line.startsWith('Intervjuguide'));

describe('exportPlainText (f4 / MAXQDA)', () => {
  it('writes speaker turns, merging consecutive segments of one speaker, each ending in its time mark', () => {
    const text = exportPlainText(exportSession());
    expect(transcriptLines(text)).toEqual([
      'I: Hei, og velkommen. Kan du fortelle om jobben din? #00:00:04-2#',
      'Kåre: Ja, eh, jeg jobber på Gjøvik sykehus. Vi er [uklart] på avdelingen. #00:00:12-0#',
      'I: Mhm. #00:00:13-0#',
      'Kåre: Det var blåbær, ÆØÅ og [uklart: Gjøvik?] der. #01:00:00-0#',
      'I: Takk <&> skal du ha. #01:00:04-5#',
    ]);
    // Turns are paragraphs separated by a blank line.
    expect(text).toContain('#00:00:04-2#\n\nKåre: Ja');
  });

  it('starts with the pseudonym, date and guide with its version', () => {
    const lines = exportPlainText(exportSession()).split('\n');
    expect(lines[0]).toBe('Kåre');
    expect(lines[1]).toMatch(/^Dato: 2025-03-14 \d\d:\d\d$/u);
    expect(lines[2]).toBe('Intervjuguide: Arbeidsliv på sykehus (versjon 3)');
    expect(exportPlainText(exportSession({ locale: 'en' })).split('\n')[2]).toBe('Interview guide: Arbeidsliv på sykehus (version 3)');
  });

  it('leaves out the header and the time marks when asked', () => {
    const text = exportPlainText(exportSession(), { header: false, timeMarks: false });
    expect(text.startsWith('I: Hei, og velkommen.')).toBe(true);
    expect(text).not.toMatch(/#\d\d:/u);
    expect(text).toContain('Kåre: Det var blåbær, ÆØÅ og [uklart: Gjøvik?] der.\n');
  });

  it('keeps filler words by default and removes them when asked', () => {
    expect(exportPlainText(exportSession())).toContain('Ja, eh, jeg jobber');
    expect(exportPlainText(exportSession(), { keepFillers: false })).toContain('Kåre: Ja, jeg jobber på Gjøvik sykehus.');
  });

  it('writes the marker in the transcript language: [unclear] for an English interview', () => {
    const text = exportPlainText(exportSession({ session: session({ language: 'en' }), segments: [segment('x', 'participant', 1, 2, 'It was [uklart: Leeds?] and [uklart].')] }));
    expect(text).toContain('Kåre: It was [unclear: Leeds?] and [unclear]. #00:00:02-0#');
  });

  it('names a pilot participant "Deltaker" and shows a mixed channel as I/… without guessing', () => {
    const text = exportPlainText(
      exportSession({
        participant: null,
        session: session({ kind: 'pilot', participantId: null }),
        segments: [segment('m', 'mixed', 0, 3.25, 'Hei. Hei.'), segment('p', 'participant', 3.5, 4, 'Ja.'), segment('q', 'mixed', 4, 5, 'Ok.')],
      }),
    );
    expect(text.split('\n')[0]).toBe('Pilotintervju');
    expect(text).toContain('Én mikrofon hørte begge');
    expect(transcriptLines(text)).toEqual(['I/Deltaker: Hei. Hei. #00:00:03-3#', 'Deltaker: Ja. #00:00:04-0#', 'I/Deltaker: Ok. #00:00:05-0#']);
  });

  it('writes a session without speech as its header alone', () => {
    expect(exportPlainText(exportSession({ segments: [segment('e', 'participant', 0, 1, '')] })).split('\n').filter(Boolean)).toHaveLength(3);
  });
});
