import type { SessionProblem } from '../store';
import type { Translate } from './i18n';

/**
 * What went wrong during a session's recordings, as sentences for the panel and
 * the workspace: one line per kind, passages not transcribed counted together.
 */
export function describeProblems(problems: readonly SessionProblem[], t: Translate): { kind: SessionProblem['kind']; text: string }[] {
  const lines: { kind: SessionProblem['kind']; text: string }[] = [];
  const seen = new Set<string>();
  const untranscribed = problems.filter((problem) => problem.kind === 'untranscribed').length;
  for (const problem of problems) {
    const text = describeProblem(problem, t, untranscribed);
    if (seen.has(text)) continue;
    seen.add(text);
    lines.push({ kind: problem.kind, text });
  }
  return lines;
}

function describeProblem(problem: SessionProblem, t: Translate, untranscribed: number): string {
  switch (problem.kind) {
    case 'finish-failed':
      return t('problem_finish_failed', { reason: problem.message });
    case 'tab-closed':
      return t('problem_tab_closed');
    case 'tab-reloaded':
      return t('problem_tab_reloaded');
    case 'audio-not-stored':
      return t('problem_audio_not_stored', { reason: problem.message });
    case 'audio-processing-failed':
      return t('problem_audio_processing_failed', { reason: problem.message });
    case 'storage-full':
      return t('warningStorageFull');
    case 'transcription-failed':
      return t('warningTranscriptionFailed', { reason: problem.message });
    case 'untranscribed':
      return t('problem_untranscribed', { count: untranscribed });
    case 'final-pass-failed':
      return t('problem_final_pass_failed', { reason: problem.message });
  }
}
