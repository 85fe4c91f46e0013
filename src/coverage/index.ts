export * from './model';
export { latestStates, stateOf, questionOrder, neighbourQuestion, itemKindOf, sectionOf, questionOf, currentAfterMark } from './navigation';
export { proposeSuggestions, decideSuggestion, autoMarked, openSuggestions, suggestionEvent } from './suggestions';
export type { CoverageSuggestion, SuggestionStatus, TranscribedUtterance } from './suggestions';
export { COVERAGE_COMMANDS, applyCoverageCommand, isCoverageCommand } from './commands';
export type { CoverageCommand, CommandOutcome } from './commands';
export { questionMoments } from './question-moments';
export type { QuestionMoment } from './question-moments';
export { computePacing, formatDuration } from './pacing';
export type { Pacing } from './pacing';
export {
  createCoverageMatcher,
  DEFAULT_QUESTION_THRESHOLD,
  DEFAULT_PROBE_THRESHOLD,
  norwegianStemmer,
} from './matching';
export type { CoverageMatcher, CoverageMatcherOptions, CoverageMatch, Stemmer } from './matching';
