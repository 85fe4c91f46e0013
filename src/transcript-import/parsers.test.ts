import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translator } from '../ui/i18n';
import { describeTranscriptProblem } from '../ui/transcript-problems';
import { TranscriptImportError, type TranscriptProblem } from './model';
import { parsePlainTextTranscript } from './plain-text';
import { readTranscript, transcriptFormatOf } from './read-transcript';
import { parseSrt } from './srt';
import { parseWebVtt } from './webvtt';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function problemOf(read: () => unknown): TranscriptProblem {
  try {
    read();
  } catch (error) {
    if (error instanceof TranscriptImportError) return error.problem;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

const nb = translator('nb');
const en = translator('en');

describe('WebVTT', () => {
  it('reads Teams voice spans as speakers, with a BOM, CRLF, cue ids, a NOTE, multi-line cues and hours', () => {
    const parsed = parseWebVtt(fixture('teams.vtt'));
    expect(parsed.fromTeams).toBe(true);
    expect(parsed.speakers).toEqual(['Ingrid Solberg', 'Per Olav Haugen (Helse Vest)']);
    expect(parsed.turns.map(({ speaker, start, end, text }) => ({ speaker, start, end, text }))).toEqual([
      { speaker: 'Ingrid Solberg', start: 3.12, end: 7.48, text: 'Hei, og takk for at du tar deg tid til dette intervjuet.' },
      { speaker: 'Ingrid Solberg', start: 7.48, end: 12.9, text: 'Kan du fortelle litt om deg selv og hvor lenge du har jobbet som sykepleier?' },
      { speaker: 'Per Olav Haugen (Helse Vest)', start: 13.6, end: 21.04, text: 'Ja, eh, jeg har jobbet som sykepleier i snart tolv år, mest på medisinsk avdeling.' },
      // Overlapping talk (a back-channel during the answer) is kept, in order of start.
      { speaker: 'Ingrid Solberg', start: 20.5, end: 22, text: 'Mhm.' },
      { speaker: 'Ingrid Solberg', start: 3723.25, end: 3729, text: 'Hva fikk deg til å velge dette yrket?' },
    ]);
  });

  it('reads Zoom’s “Name: text” cues, and does not take a colon inside a sentence for a speaker', () => {
    const parsed = parseWebVtt(fixture('zoom.vtt'));
    expect(parsed.fromTeams).toBe(false);
    expect(parsed.speakers).toEqual(['Ingrid Solberg', 'Kari', null]);
    expect(parsed.turns[2]).toMatchObject({ speaker: 'Ingrid Solberg', start: 7.4, end: 12.8, text: 'Fint. Kan du beskrive en helt vanlig vakt, fra du kommer til du går?' });
    expect(parsed.turns[4]).toMatchObject({ speaker: null, text: 'Det jeg mener er: det er travelt.' });
  });

  it('takes a label that starts many cues for a speaker, even one not written as a name', () => {
    const cues = ['kari: Ja.', 'intervjuar 2: Kva gjer du?', 'kari: Eg jobbar.', 'intervjuar 2: Kor lenge?', 'kari: Lenge.', 'intervjuar 2: Takk.'];
    const file = `WEBVTT\n\n${cues.map((cue, index) => `00:00:0${index}.000 --> 00:00:0${index}.900\n${cue}`).join('\n\n')}\n`;
    expect(parseWebVtt(file).speakers).toEqual(['kari', 'intervjuar 2']);
    // Once is not enough: a colon in a sentence stays text.
    expect(parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nsånn var det: travelt\n').speakers).toEqual([null]);
  });

  it('splits a cue with two voices into two turns and drops styling tags and entities', () => {
    const parsed = parseWebVtt('WEBVTT\n\n00:01.000 --> 00:04.000\n<v.loud Kari>Nei &amp; <i>nei</i></v><v Ola>Jo.</v>\n');
    expect(parsed.turns.map(({ speaker, text, start }) => [speaker, text, start])).toEqual([
      ['Kari', 'Nei & nei', 1],
      ['Ola', 'Jo.', 1],
    ]);
  });

  it('refuses a file without the WEBVTT header, naming line 1, in bokmål and English', () => {
    const problem = problemOf(() => parseWebVtt('1\n00:00:01.000 --> 00:00:02.000\nHei\n'));
    expect(problem).toEqual({ kind: 'missing-webvtt-header', line: 1, found: '1' });
    expect(describeTranscriptProblem(problem, nb)).toBe('Linje 1: en WebVTT-fil må begynne med «WEBVTT», men her står «1».');
    expect(describeTranscriptProblem(problem, en)).toBe('Line 1: a WebVTT file must start with “WEBVTT”, but this reads “1”.');
  });

  it('names the line of a broken timing and says what a timing looks like', () => {
    const problem = problemOf(() => parseWebVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHei\n\n00:00:03.000 -> 00:00:04.000\nJa\n'));
    expect(problem).toMatchObject({ kind: 'cue-without-timing', line: 6 });
    const bad = problemOf(() => parseWebVtt('WEBVTT\n\n00:00:01.000 --> 00:00:61.000\nHei\n'));
    expect(bad).toMatchObject({ kind: 'bad-cue-timing', line: 3 });
    expect(describeTranscriptProblem(bad, en)).toContain('Line 3: expected a timing line such as “00:01:02.500 --> 00:01:05.000”');
    expect(problemOf(() => parseWebVtt('WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nHei\n'))).toMatchObject({ kind: 'end-before-start', line: 3 });
  });

  it('reads a first cue that follows the header without a blank line', () => {
    expect(parseWebVtt('WEBVTT\n00:00:01.000 --> 00:00:02.000\nHei\n\n00:00:03.000 --> 00:00:04.000\nJa\n').turns.map((turn) => turn.text)).toEqual(['Hei', 'Ja']);
  });

  it('refuses an empty file and one with cues but no words', () => {
    expect(problemOf(() => parseWebVtt('\uFEFF\r\n'))).toEqual({ kind: 'empty' });
    expect(problemOf(() => parseWebVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Kari></v>\n'))).toEqual({ kind: 'no-turns' });
  });
});

describe('SRT', () => {
  it('reads Zoom’s SRT with “Name:” prefixes; a second prefixed line in a cue is another turn', () => {
    const parsed = parseSrt(fixture('zoom.srt'));
    expect(parsed.turns.map(({ speaker, start, end, text }) => [speaker, start, end, text])).toEqual([
      ['Ingrid Solberg', 1.02, 4.5, 'Hei! Hører du meg godt?'],
      ['Kari', 5.1, 7, 'Ja, det går fint.'],
      ['Ingrid Solberg', 7.4, 12.8, 'Kan du beskrive en helt vanlig vakt?'],
      ['Kari', 7.4, 12.8, 'Ja.'],
    ]);
  });

  it('reads SRT without speakers, joining a cue’s lines and dropping tags', () => {
    const parsed = parseSrt(fixture('unnamed.srt'));
    expect(parsed.speakers).toEqual([null]);
    expect(parsed.turns.map((turn) => turn.text)).toEqual(['Hei, og velkommen.', 'Takk. Det er fint å være her.']);
  });

  it('reads hours past 99 and CRLF line ends', () => {
    const parsed = parseSrt('1\r\n100:00:01,500 --> 100:00:03,000\r\nLang dag.\r\n');
    expect(parsed.turns[0]).toMatchObject({ start: 360001.5, end: 360003 });
  });

  it('names the line of a block that has no timing', () => {
    const problem = problemOf(() => parseSrt('1\n00:00:01,000 --> 00:00:02,000\nHei\n\n2\nHer mangler tiden\n'));
    expect(problem).toEqual({ kind: 'cue-without-timing', line: 6, found: 'Her mangler tiden', format: 'srt' });
    expect(describeTranscriptProblem(problem, nb)).toContain('«00:01:02,500 --> 00:01:05,000»');
  });
});

describe('plain text with time marks', () => {
  it('reads the f4/MAXQDA layout Intervju exports: marks at turn ends, the header left out', () => {
    const parsed = parsePlainTextTranscript(fixture('f4.txt'));
    expect(parsed.turns.map(({ speaker, start, end, text }) => [speaker, start, end, text])).toEqual([
      ['I', 0, 4.2, 'Hei, og velkommen. Kan du fortelle om jobben din?'],
      ['Kari', 4.2, 12, 'Ja, eh, jeg jobber på et sykehus. Vi er mange på avdelingen.'],
      ['I', 12, 13, 'Mhm.'],
    ]);
    expect(parsed.skipped.map((line) => line.line)).toEqual([1, 3]);
  });

  it('reads [hh:mm:ss] marks at line starts: each turn ends where the next starts, the last by its length', () => {
    const parsed = parsePlainTextTranscript(fixture('bracketed.txt'));
    expect(parsed.speakers).toEqual(['Intervjuer', 'Deltaker']);
    expect(parsed.turns.map(({ start, end }) => [start, end])).toEqual([
      [2, 9],
      [9, 4530],
      [4530, 4530 + 5.2],
    ]);
  });

  it('refuses text without any marks, and names a broken or backwards mark', () => {
    expect(problemOf(() => parsePlainTextTranscript('I: Hei.\n\nKari: Hei.\n'))).toEqual({ kind: 'no-time-marks' });
    const broken = problemOf(() => parsePlainTextTranscript('I: Hei. #00:00:04-2#\n\nKari: Hei. #00:61:00-0#\n'));
    expect(broken).toEqual({ kind: 'bad-time-mark', line: 3, found: '#00:61:00-0#' });
    expect(describeTranscriptProblem(broken, nb)).toBe(
      'Linje 3: «#00:61:00-0#» er ikke et gyldig tidsmerke; forventet #tt:mm:ss-d# eller [tt:mm:ss] (minutter og sekunder under 60).',
    );
    const backwards = problemOf(() => parsePlainTextTranscript('[00:01:00] I: Hei.\n[00:00:30] Kari: Hei.\n'));
    expect(backwards).toEqual({ kind: 'time-mark-backwards', line: 2, found: '00:00:30', previous: '00:01:00' });
  });
});

describe('choosing the reader', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('goes by the file ending, then by the content', () => {
    expect(transcriptFormatOf('intervju.vtt', bytes('x'))).toBe('webvtt');
    expect(transcriptFormatOf('intervju.SRT', bytes('x'))).toBe('srt');
    expect(transcriptFormatOf('intervju.docx', bytes('x'))).toBe('teams-docx');
    expect(transcriptFormatOf('nedlasting', bytes('\uFEFFWEBVTT\n\n'))).toBe('webvtt');
    expect(transcriptFormatOf('nedlasting.txt', bytes('1\n00:00:01,000 --> 00:00:02,000\nHei\n'))).toBe('srt');
    expect(transcriptFormatOf('nedlasting', Uint8Array.of(0x50, 0x4b, 0x03, 0x04))).toBe('teams-docx');
    expect(transcriptFormatOf('intervju.txt', bytes('I: Hei #00:00:01-0#'))).toBe('plain-text');
  });

  it('reads UTF-16 files that Windows tools save', () => {
    const text = '1\r\n00:00:01,000 --> 00:00:02,000\r\nKari: Hei på deg\r\n';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let index = 0; index < text.length; index += 1) utf16[2 + index * 2] = text.charCodeAt(index);
    expect(readTranscript('teksting.srt', utf16).turns[0]).toMatchObject({ speaker: 'Kari', text: 'Hei på deg' });
  });

  it('refuses an empty file', () => {
    expect(problemOf(() => readTranscript('tom.vtt', new Uint8Array()))).toEqual({ kind: 'empty' });
  });
});
