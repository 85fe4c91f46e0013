/**
 * The protected local store: one IndexedDB database, sensitive records encrypted
 * under a passphrase-unlocked vault, and the ethics lifecycle (withdrawal,
 * retention, project end, export, backup). See docs/privacy.md.
 */
export { openIntervjuDatabase, DEFAULT_DATABASE_NAME, type OpenDatabaseOptions } from './database';
export { DATABASE_VERSION } from './migrations';
export { STORE, ALL_STORES, type StoreName, type IntervjuDatabase, type IntervjuSchema } from './schema';
export type { StoreEnvironment } from './environment';
export {
  StorageFullError,
  WrongPassphraseError,
  PassphraseTooShortError,
  VaultStateError,
  RecordDecryptionError,
  RecordStateError,
  ReviewedSegmentError,
  BackupRejectedError,
  type BackupRejectionReason,
} from './errors';
export type {
  AudioPolicy,
  Project,
  GuideRef,
  Settings,
  Participant,
  SessionKind,
  SessionPlatform,
  SessionStatus,
  SessionEndReason,
  Session,
  SessionProblem,
  NewSessionProblem,
  Note,
  Channel,
  SegmentWord,
  UnclearSpan,
  Segment,
  SegmentOriginal,
  FinalPass,
  FinalPassState,
  FinalReading,
  TranscriberKeySettings,
  AudioChunk,
  AudioChunkMetadata,
  SpeechTrack,
  KeyListKind,
  KeyListEntry,
  RealNameExport,
  CurrentChange,
  QuoteAnchor,
  QuoteStatus,
  Quote,
} from './records';
export { DEFAULT_SETTINGS } from './records';
export { DEFAULT_PBKDF2_ITERATIONS } from './crypto';
export {
  type Vault,
  type VaultOptions,
  MINIMUM_PASSPHRASE_LENGTH,
  isVaultInitialised,
  initialiseVault,
  unlockVault,
  changePassphrase,
  vaultMatchesDatabase,
  exportVaultKey,
  importVaultKey,
} from './vault';
export {
  saveGuide,
  getGuide,
  getLatestGuide,
  listGuides,
  listGuideVersions,
  getActiveGuideRef,
  setActiveGuideRef,
  getActiveGuide,
} from './guides';
export { getProject, saveProject, getSetting, setSetting } from './project';
export { type NewParticipant, createParticipant, getParticipant, listParticipants, updateParticipant } from './participants';
export {
  type NewSession,
  createSession,
  getSession,
  listSessions,
  updateSession,
  findInterruptedSessions,
  approveSession,
  discardSession,
  deletePilot,
  recordConsent,
  addSessionProblem,
  updateSessionSuggestions,
} from './sessions';
export { recordCoverage, listCoverage } from './coverage';
export { type NewNote, addNote, saveNote, listNotes, deleteNote } from './notes';
export { saveSegment, saveTranscribedSegment, saveSegments, listSegments, deleteSegment } from './segments';
export { FinalPassClosedError, FinalPassConflictError, readSegmentsWithStamps, storeFinalUtterance, updateFinalPass } from './final-pass';
export type { FinalUtteranceWrite, SegmentStamps } from './final-pass';
export {
  type NewAudioChunk,
  appendAudioChunk,
  listAudioChunks,
  listAudioMetadata,
  readAudioChunks,
  sessionsWithAudio,
  deleteSessionAudio,
} from './audio';
export { type NewSpeechTrack, appendSpeechTrack, readSpeechTrack } from './speech-track';
export { addKeyListEntry, updateKeyListEntry, listKeyList, deleteKeyListEntry, deleteKeyList, exportKeyList } from './key-list';
export { type NewQuote, addQuote, saveQuote, setQuoteStatus, listSessionQuotes, listParticipantQuotes, deleteQuote } from './quotes';
export { logRealNameExport, realNameExportsOf } from './real-name-exports';
export {
  type StorageWarning,
  type StorageEstimateReport,
  type NavigatorStorage,
  estimateStorage,
  requestPersistentStorage,
  storageWarning,
} from './storage-estimate';
export type { DeletionReceipt } from './deletion-receipt';
export { withdrawParticipant } from './withdrawal';
export { audioDue, applyAudioRetention } from './retention';
export { type ProjectEndStatus, projectEndStatus, deleteAllProjectData } from './project-end';
export { type ExportProgress, exportParticipantData, transcriptText, formatTimestamp } from './participant-export';
export { type BackupOptions, type BackupProgress, type RestoreOptions, type RestoreReport, createBackup, writeBackup, restoreBackup } from './backup';
export { BACKUP_MAGIC } from './backup-container';
export { deletionRecord, readLastDeletion, keepLastDeletion, dismissLastDeletion, onLastDeletionChange } from './last-deletion';
export type { DeletionRecord, LocalArea } from './last-deletion';
