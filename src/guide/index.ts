/** Public API of the interview-guide domain: model, text import, JSON files, versions, diff and editing. */
export * from './model';
export { defaultIdSource, type IdSource } from './ids';
export { parseGuideText, UNPLACED_REASONS, type GuideImportOptions, type GuideImportResult, type UnplacedLine } from './text-import';
export { EXAMPLE_GUIDE_TEXT, exampleGuide } from './example-guide';
export { guideToJson, parseGuideJson, GUIDE_FILE_FORMAT, type GuideFile, type GuideJsonResult } from './json';
export { validateGuide, type GuideProblem } from './schema';
export { consentComplete } from './consent';
export { createGuide, newVersion, guideItems, totalPlannedMinutes, GuideValidationError, type GuideItem } from './versions';
export { diffGuides, type GuideChange, type GuideChangeKind, type GuideField, type GuidePart } from './diff';
export {
  GuideEditError,
  addChecklistItem,
  addClosingItem,
  moveClosingItem,
  removeClosingItem,
  updateClosingItem,
  addProbe,
  addQuestion,
  addReminder,
  addSection,
  moveChecklistItem,
  moveProbe,
  moveQuestion,
  moveReminder,
  moveSection,
  removeChecklistItem,
  removeProbe,
  removeQuestion,
  removeReminder,
  removeSection,
  updateChecklistItem,
  updateGuideDetails,
  updateProbe,
  updateQuestion,
  updateReminder,
  updateSection,
  type AddOptions,
  type ReminderOwner,
} from './edit';
