export { scoringTokens, scoringWords, numberWordValue, UNCLEAR_TOKEN } from './normalise';
export { alignTokens, addCounts, characterErrors, errorRate, unclearAgreement, wordErrors, type AlignmentStep, type ErrorCounts, type UnclearAgreement } from './score';
export { referenceText, REFERENCE_EXTENSIONS } from './reference';
export { evaluateFile, reportLines, summarise, type EvaluationSummary, type FileEvaluation, type FileEvaluationInput } from './evaluate';
