import { describe, expect, it } from 'vitest';
import type { TranscriptProblem } from '../transcript-import';
import { translator } from './i18n';
import { describeTranscriptProblem } from './transcript-problems';

const PROBLEMS: TranscriptProblem[] = [
  { kind: 'empty' },
  { kind: 'missing-webvtt-header', line: 1, found: '1' },
  { kind: 'bad-cue-timing', line: 7, found: '00:00:01 --> x', format: 'srt' },
  { kind: 'end-before-start', line: 7, found: '00:00:05.000 --> 00:00:02.000' },
  { kind: 'cue-without-timing', line: 7, found: 'Hei', format: 'webvtt' },
  { kind: 'bad-time-mark', line: 7, found: '#00:61:00-0#' },
  { kind: 'time-mark-backwards', line: 7, found: '00:00:30', previous: '00:01:00' },
  { kind: 'no-time-marks' },
  { kind: 'not-docx' },
  { kind: 'no-docx-turns' },
  { kind: 'no-turns' },
];

describe('describeTranscriptProblem', () => {
  it('says every problem in bokmål and English, naming the line where there is one', () => {
    for (const locale of ['nb', 'en'] as const) {
      const t = translator(locale);
      for (const problem of PROBLEMS) {
        const text = describeTranscriptProblem(problem, t);
        expect(text).not.toMatch(/\{\w+\}|transcriptProblem_/u);
        if ('line' in problem) expect(text).toMatch(locale === 'nb' ? /^Linje 7|^Linje 1/u : /^Line 7|^Line 1/u);
        if ('found' in problem) expect(text).toContain(problem.found);
      }
    }
  });

  it('shows the timing an SRT file needs with a comma, a WebVTT file with a full stop', () => {
    const t = translator('en');
    expect(describeTranscriptProblem({ kind: 'bad-cue-timing', line: 3, found: 'x', format: 'srt' }, t)).toContain('00:01:02,500 --> 00:01:05,000');
    expect(describeTranscriptProblem({ kind: 'bad-cue-timing', line: 3, found: 'x', format: 'webvtt' }, t)).toContain('00:01:02.500 --> 00:01:05.000');
  });
});
