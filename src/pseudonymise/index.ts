/**
 * Pseudonymisation: finding and replacing real names, places, workplaces and
 * other identifying details in transcripts. Framework-free; the replacement list
 * itself is the key list (`src/store`). See docs/pseudonymisation.md.
 */
export { findOccurrences, matchCase, carrySuffix, replacementFor } from './occurrences';
export type { Replacement, Occurrence } from './occurrences';
export { applyTextEdits, replacementEdits, pseudonymiseText } from './replace';
export type { TextEdit, ReplacedSpan, ReplacedText } from './replace';
export { applyEditsToSegment, applyAcceptedReplacements, applyReplacementList, pseudonymiseTranscript } from './apply';
export type { AcceptedReplacement, ChangedSegment, TranscriptContent } from './apply';
export { suggestReplacements } from './suggest';
export type { Suggestion, SuggestionInput, SuggestionReason } from './suggest';
export { replacementConflict } from './conflicts';
export type { ReplacementConflict } from './conflicts';
export { acceptSuggestion, suggestionKey } from './review';
export type { ReviewChoice, ReviewOutcome } from './review';
