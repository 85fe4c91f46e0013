import type { TranscriptProblem } from '../transcript-import';
import type { Translate } from './i18n';

const TIMING_EXAMPLE = { webvtt: '00:01:02.500 --> 00:01:05.000', srt: '00:01:02,500 --> 00:01:05,000' } as const;

/** Why a transcript file could not be read, as one sentence naming the line and what was expected. */
export function describeTranscriptProblem(problem: TranscriptProblem, t: Translate): string {
  switch (problem.kind) {
    case 'empty':
      return t('transcriptProblem_empty');
    case 'missing-webvtt-header':
      return t('transcriptProblem_missing_webvtt_header', { line: problem.line, found: problem.found });
    case 'bad-cue-timing':
      return t('transcriptProblem_bad_cue_timing', { line: problem.line, found: problem.found, example: TIMING_EXAMPLE[problem.format] });
    case 'end-before-start':
      return t('transcriptProblem_end_before_start', { line: problem.line, found: problem.found });
    case 'cue-without-timing':
      return t('transcriptProblem_cue_without_timing', { line: problem.line, found: problem.found, example: TIMING_EXAMPLE[problem.format] });
    case 'bad-time-mark':
      return t('transcriptProblem_bad_time_mark', { line: problem.line, found: problem.found });
    case 'time-mark-backwards':
      return t('transcriptProblem_time_mark_backwards', { line: problem.line, found: problem.found, previous: problem.previous });
    case 'no-time-marks':
      return t('transcriptProblem_no_time_marks');
    case 'not-docx':
      return t('transcriptProblem_not_docx');
    case 'no-docx-turns':
      return t('transcriptProblem_no_docx_turns');
    case 'no-turns':
      return t('transcriptProblem_no_turns');
  }
}
