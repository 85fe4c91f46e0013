/**
 * Preact components, i18n and UI helpers shared by the panel, the side panel,
 * the workspace, the microphone page and the practice page. Domain code lives in
 * the other src/ folders (key storage in src/unlock, the meeting page's host
 * element in src/meeting, the VAD loader in src/audio, bundled models in
 * src/transcribe, the last-deletion notice in src/store).
 */
export { pickLocale, translator } from './i18n';
export type { Locale, MessageKey, Translate } from './i18n';
export { GuideView } from './GuideView';
export type { GuideViewProps } from './GuideView';
export { PassphraseGate } from './PassphraseGate';
export { panelHostLabels } from './panel-host-labels';
export { TranscriptText } from './TranscriptText';
export { LIVE_TRANSCRIPT_LIMIT, latestSegments } from './live-window';
export { LanguageSelect } from './LanguageSelect';
export { describeProblems } from './session-problems';
export { describeTranscriptProblem } from './transcript-problems';
export { describeFinalPass, finalPassStateLabel, channelLabel } from './final-pass-labels';
