export * from './model';
export { latestStates, stateOf, questionOrder, neighbourQuestion, itemKindOf, sectionOf, questionOf, currentAfterMark } from './navigation';
export { proposeSuggestions, resuggestTranscript, decideSuggestion, autoMarked, openSuggestions, suggestionEvent } from './suggestions';
export type { CoverageSuggestion, SuggestionStatus, TranscribedUtterance } from './suggestions';
export { COVERAGE_COMMANDS, applyCoverageCommand, isCoverageCommand } from './commands';
export type { CoverageCommand, CommandOutcome } from './commands';
export { computePacing, formatDuration, endPhaseMs, openMustAsk, sectionTimes, END_PHASE_MIN_MS, END_PHASE_SHARE, SECTION_OVER_GRACE_MS } from './pacing';
export type { Pacing, SectionTime } from './pacing';
export { questionMoments } from './question-moments';
export type { QuestionMoment } from './question-moments';
export {
  createCoverageMatcher,
  DEFAULT_QUESTION_THRESHOLD,
  DEFAULT_PROBE_THRESHOLD,
  norwegianStemmer,
} from './matching';
export type { CoverageMatcher, CoverageMatcherOptions, CoverageMatch, Stemmer } from './matching';
