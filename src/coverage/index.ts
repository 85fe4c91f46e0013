export * from './model';
export { latestStates, stateOf, questionOrder, neighbourQuestion, itemKindOf, sectionOf } from './navigation';
export { COVERAGE_COMMANDS, applyCoverageCommand, isCoverageCommand } from './commands';
export type { CoverageCommand, CommandOutcome } from './commands';
export { computePacing, formatDuration } from './pacing';
export type { Pacing } from './pacing';
export {
  createCoverageMatcher,
  DEFAULT_QUESTION_THRESHOLD,
  DEFAULT_PROBE_THRESHOLD,
  norwegianStemmer,
} from './matching';
export type { CoverageMatcher, CoverageMatcherOptions, CoverageMatch, Stemmer } from './matching';
