export { broadcastStoreChange, onStoreChange, isStoreChange } from './store-changes';
export type { StoreChange } from './store-changes';
export { backgroundMessaging, panelScopeFromSearch } from './background-protocol';
export type {
  BackgroundProtocol,
  PanelState,
  PanelScope,
  EndSessionResult,
  StopRecordingResult,
  PassphraseRefusal,
  PassphraseResult,
  StartSessionRequest,
  StartSessionResult,
  VaultStatus,
  FinalPassAction,
  FinalPassControlResult,
} from './background-protocol';
export { WHISPER_LANGUAGES, isWhisperLanguage } from './transcription-protocol';
export type {
  WhisperLanguage,
  ModelInfo,
  TranscriptionWord,
  RawTranscription,
  TranscriptionRequest,
  TranscriptionEvent,
} from './transcription-protocol';
export { offscreenMessaging, recordingReportMessaging, finalPassReportMessaging, isLevelsNotice, isProvisionalNotice } from './recording-protocol';
export type {
  RecordingMode,
  RecordingStatus,
  RecordingChannel,
  RecordingWarning,
  RecorderMemory,
  UtteranceCounts,
  FinishRecordingResult,
  VoiceDetectorKind,
  RecordingState,
  StartRecordingRefusal,
  StartRecordingResult,
  OffscreenBeginRequest,
  OffscreenProtocol,
  FinalPassRunRequest,
  FinalPassOutcome,
  FinalPassReportProtocol,
  RecordingReportProtocol,
  LevelsNotice,
  ProvisionalNotice,
} from './recording-protocol';
export {
  sendPanelChange,
  sendSessionUpdated,
  sendRecordingState,
  isPanelChangeNotice,
  isRecordingStateNotice,
  isEndInterviewRequest,
  requestEndInterview,
} from './panel-changes';
export type { PanelChange, PanelChangeNotice, RecordingStateNotice, EndInterviewRequest } from './panel-changes';
export { PanelUpdates, DEFAULT_GAP_MS } from './panel-updates';
export type { ChangeOutcome } from './panel-updates';
export { senderRefusal, assertSenderAllowed, SenderRefusedError } from './sender-check';
export type { SenderLike, SenderRule, ExtensionIdentity } from './sender-check';
export { receivingOnlyFrom, defineGuardedMessaging } from './guarded-messaging';
