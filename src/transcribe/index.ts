/**
 * Transcription: the model registry, token confidence, hallucination detection,
 * the [uklart] policy, and merging segments of both channels. See docs/uklart.md
 * and docs/models.md.
 */
export {
  logSoftmax,
  logSumExp,
  TokenLogProbCollector,
  collectingLogitsProcessor,
  averageLogProb,
  compressionRatio,
  wordProbabilities,
  aggregateWordProbability,
} from './confidence';
export type {
  TokenLogProb,
  TimedWord,
  WordWithProbability,
  WordProbabilityAggregation,
  CollectedToken,
  CollectorOptions,
  LogitsTensorLike,
  WordProbabilityOptions,
} from './confidence';
export {
  detectHallucination,
  detectRepetition,
  detectHighCompression,
  detectBoilerplate,
  detectLowSpeechRatio,
  detectNoSpeech,
  rejectsWholeSegment,
  BOILERPLATE_PHRASES,
  DEFAULT_HALLUCINATION_THRESHOLDS,
} from './hallucination';
export type { HallucinationReason, HallucinationThresholds, HallucinationInput, BoilerplatePhrase } from './hallucination';
export { applyUnclearPolicy, unclearLabel, formatUnclear, DEFAULT_UNCLEAR_THRESHOLDS } from './unclear-policy';
export type {
  UnclearPolicyInput,
  PolicyResult,
  PolicyWord,
  PolicyWordInput,
  PolicySegmentInput,
  UnclearSpan,
  UnclearReason,
  UnclearThresholds,
  TimeSpan,
} from './unclear-policy';
export {
  mergeChannels,
  findOverlaps,
  applySegmentUpdate,
  joinTurns,
  unionRanges,
  intersectRanges,
  compareSegments,
  DEFAULT_TURN_GAP_SECONDS,
} from './segment-merge';
export type { Channel, MergeableSegment, Turn } from './segment-merge';
export {
  parseModelManifest,
  verifyModelFiles,
  isTestModel,
  KNOWN_MODELS,
  findKnownModel,
  parseKnownModels,
  requiredOnnxFiles,
  sha256Hex,
  ModelManifestError,
  MODEL_DTYPES,
  DTYPE_FILE_SUFFIX,
} from './model-registry';
export type {
  ModelManifest,
  ModelFile,
  ModelKind,
  ModelDtype,
  KnownModel,
  ModelFileProblem,
  ModelVerification,
} from './model-registry';
export { buildLiveSegment, type LiveSegmentInput } from './live-segment';
export { segmentLanguage } from './segment-language';
export { transcribeRecording, type FileTranscriptionOptions, type FileTranscriptionProgress } from './file-transcription';
export { transcribeAsLive, CAPTURE_BLOCK_FRAMES, type LiveRecordingOptions } from './live-recording';
export { shortContextFrames, needsFullContext, fullContextReasons, type AudioContextKind, type ContextCheckInput } from './short-context';
export { importSessionFate, settleImportSession, type ImportOutcome, type ImportKept, type ImportSessionFate } from './import-session';
export { chooseModel, parseBundledModels, type BundledModel } from './model-choice';
export { ProvisionalSchedule, type ProvisionalScheduleOptions } from './provisional-schedule';
export { EarlyFinals, type EarlyFinalsContext, type EarlyTranscriber, type SettlingChannel } from './early-finals';
export { readBundledModels, bundledModelToUse } from './bundled-models';
// The page's side of the transcription worker (types only from the worker's protocol;
// the worker itself is started by path: `new Worker(new URL('…/worker/transcription.worker.ts', …))`).
export { createTranscriptionClient, type TranscriptionClient, type WorkerLike, type ClientTranscribeRequest } from './worker/transcription-client';
export { trackWebAssemblyMemories, type WebAssemblyMemoryTracker } from './wasm-memory';
export { cutStream, packedWindowStream, transcribeAsFinalPass, type FinalPassTranscriptionOptions } from './final-pass-transcription';
export {
  WindowPacker,
  windowSamples,
  splitPackedTranscription,
  stretchSegments,
  stretchSpeechRatio,
  type PackedWindow,
  type WindowPiece,
  type PlacedPiece,
  type PackOptions,
  type CutUtterance,
  type StretchResult,
  type StretchSegmentsInput,
} from './packed-windows';
export {
  isResearcherWork,
  quotedSegmentIds,
  coveredSegments,
  planFinalUtterance,
  finalReadingOf,
  resumePoint,
  newFinalPass,
  nextFinalPassState,
  restartsPass,
  isPending,
  finalPassFraction,
  decodedLateBy,
  finalPassLanes,
  FINAL_PASS_CUTTING,
} from './final-pass';
export type { Span, FinalPlan, FinalHearing, ResumePoint, FinalPassEvent, FinalPassLanes } from './final-pass';
export { runInOrder, type OrderedLanes } from './ordered-lanes';
