/**
 * Editing a transcript against its audio, framework-free: timed tokens of a
 * segment's text, the edits (text, `[uklart]` resolution, split, merge, speaker,
 * checked) with undo/redo, progress, the transcriber's keys, where stored audio
 * lies in session time, and the reading layout (turns, guide headings, notes).
 * See docs/session-view.md.
 */
export { tokenize, timedTokens, markerGuess, UNCLEAR_MARKER } from './tokens';
export type { TextToken, TimedToken, TimedWord, TimedMarker } from './tokens';
export { editText, resolveUnclear, setSpeaker, setChecked, splitSegment, mergeSegments, originalOf } from './operations';
export type { UnclearResolution } from './operations';
export { EditHistory, writeBetween } from './history';
export type { Change, Write } from './history';
export { TranscriptEditor } from './editor';
export type { Persist } from './editor';
export { transcriptProgress, nextUnclear, unresolvedMarkers } from './progress';
export type { TranscriptProgress } from './progress';
export {
  TRANSCRIBER_ACTIONS,
  DEFAULT_KEYS,
  JUMP_SECONDS,
  PLAYBACK_RATES,
  REWIND_RANGE,
  keyName,
  resolveBindings,
  actionFor,
  conflicts,
  stepRate,
  clampRewind,
} from './keys';
export type { TranscriberAction, KeyPress } from './keys';
export { audioRuns, mediaTimeOf, sessionTimeOf, runAt, RECORDER_SLICE_SECONDS } from './audio-timeline';
export type { AudioRun } from './audio-timeline';
export { transcriptItems, questionHeadings, blocksOf } from './layout';
export type { TranscriptItem } from './layout';
