export {
  createCoverageMatcher,
  probeAlternatives,
  DEFAULT_QUESTION_THRESHOLD,
  DEFAULT_PROBE_THRESHOLD,
  type CoverageMatcher,
  type CoverageMatcherOptions,
  type CoverageMatch,
} from './matcher';
export { norwegianStemmer, normaliseWords, words, bokmaalSpelling, isContentWord, TermMaker, type Stemmer } from './normalise';
export { termSimilarity, editDistance } from './similarity';
export {
  evaluate,
  guideFromText,
  parseJsonLines,
  isLabelledUtterance,
  isLabelledMention,
  pool,
  type LabelledUtterance,
  type LabelledMention,
  type PrecisionRecall,
  type EvaluationResult,
} from './evaluate';
