/**
 * Exports of a transcript to the tools analysis happens in: plain text (f4 /
 * MAXQDA / ATLAS.ti), WebVTT and SRT subtitles, Word (.docx) and a REFI-QDA
 * project (.qdpx). Framework-free; see docs/exports.md.
 */
export type { ExportLocale, ExportSession, TranscriptOptions } from './types';
export { exportPlainText, plainTextLayout } from './plain-text';
export type { PlainTextOptions, PlainTextLayout, TextRange } from './plain-text';
export { exportWebVtt, exportSrt } from './subtitles';
export type { SubtitleOptions } from './subtitles';
export { exportDocx } from './docx';
export type { DocxOptions } from './docx';
export { exportQdpx, qdaProject, QDA_NAMESPACE } from './refi-qda/qdpx';
export type { QdpxOptions, QdaProject, QdpxAudio } from './refi-qda/qdpx';
export { exportLabels, fillLabel } from './labels';
export type { ExportLabels } from './labels';
export { formatTimestamp, formatCueTime } from './time';
export { speakerName, transcriptTurns } from './transcript';
export type { Turn } from './transcript';
export { EXPORT_FORMATS, DEFAULT_EXPORT_CHOICES, exportFile, sessionFileStem } from './bundle';
export type { ExportChoices, ExportFile, ExportFormat } from './bundle';
export { sessionsInScope, bundleStem, fileNamePart, fileNameTime } from './scope';
export type { ExportScope } from './scope';
export { transformSessions, unchangedTranscript } from './transform';
export type { RealNameExport, RealNameExportLog, TranscriptContent, TranscriptTransform, TransformContext } from './transform';
export { buildInterviewSummary, summaryMarkdown, summaryFileName, summaryStateLabel } from './summary';
export type { InterviewSummary, SummaryItem, SummaryNote, SummaryQuestion, SummarySection } from './summary';
