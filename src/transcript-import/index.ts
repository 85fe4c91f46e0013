/**
 * Transcripts made elsewhere — WebVTT and SRT (Teams, Zoom), Teams' .docx,
 * plain text with `#hh:mm:ss-d#` or `[hh:mm:ss]` marks — read into speaker
 * turns, mapped to interviewer and participant, and stored as an `import`
 * session with its coverage suggested. See docs/transcript-import.md.
 */
export {
  TranscriptImportError,
  speakersOf,
  type ParsedTranscript,
  type TranscriptFormat,
  type TranscriptProblem,
  type TranscriptTurn,
} from './model';
export { parseWebVtt } from './webvtt';
export { parseSrt } from './srt';
export { parsePlainTextTranscript } from './plain-text';
export { parseTeamsDocx, parseTeamsParagraphs } from './teams-docx';
export { docxParagraphs, paragraphsOf } from './docx-paragraphs';
export { readTranscript, transcriptFormatOf, TRANSCRIPT_FILE_TYPES } from './read-transcript';
export { guessRoles, speakerKey, turnsToSegments, type SpeakerRole } from './speaker-roles';
export { suggestImportedCoverage, type ImportSuggestionOptions } from './coverage-suggestions';
export {
  saveImportedTranscript,
  type ImportParticipant,
  type TranscriptImportRequest,
  type TranscriptImportResult,
} from './save-imported-session';
export { formatClock } from './times';
