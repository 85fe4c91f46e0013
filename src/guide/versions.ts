/**
 * Saved guide versions. A saved version never changes: editing makes the next
 * version with the same id, so every session keeps the exact wording it used.
 */
import type { Guide, GuideDraft } from './model';
import { defaultIdSource, type IdSource } from './ids';
import { validateGuide, type GuideProblem } from './schema';

/** Thrown when a guide about to be saved breaks the rules (empty text, duplicate id, negative minutes …). */
export class GuideValidationError extends Error {
  constructor(readonly problems: GuideProblem[]) {
    super(`Guiden kan ikke lagres: ${problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`);
    this.name = 'GuideValidationError';
  }
}

function draftOf(guide: GuideDraft): GuideDraft {
  const draft: GuideDraft = { title: guide.title, plannedMinutes: guide.plannedMinutes, intro: guide.intro, sections: guide.sections };
  // Absent stays absent: a guide without closing items is stored as before.
  if (guide.closing !== undefined) draft.closing = guide.closing;
  return draft;
}

function checked(guide: Guide): Guide {
  const problems = validateGuide(guide);
  if (problems.length > 0) throw new GuideValidationError(problems);
  // A deep copy, so later edits to the caller's draft cannot reach the saved version.
  return structuredClone(guide);
}

/** Saves a draft as version 1 of a new guide; throws GuideValidationError when the draft is not valid. */
export function createGuide(draft: GuideDraft, options: { now?: Date; idSource?: IdSource; changeNote?: string } = {}): Guide {
  const { now = new Date(), idSource = defaultIdSource, changeNote = '' } = options;
  return checked({ id: idSource(), version: 1, parentVersion: null, changeNote, ...draftOf(draft), createdAt: now.toISOString() });
}

/** Saves an edited guide as the next version of `previous` (same id, version + 1); the change note is required. */
export function newVersion(previous: Guide, edited: GuideDraft | Guide, changeNote: string, now: Date = new Date()): Guide {
  if (changeNote.trim() === '') throw new Error('Skriv hva som er endret (endringsnotat) før en ny versjon lagres.');
  if ('id' in edited && edited.id !== previous.id) throw new Error(`Den redigerte guiden (${edited.id}) er ikke en versjon av ${previous.id}.`);
  return checked({
    id: previous.id,
    version: previous.version + 1,
    parentVersion: previous.version,
    changeNote: changeNote.trim(),
    ...draftOf(edited),
    createdAt: now.toISOString(),
  });
}

/** One question or probe in guide order, for next/previous navigation and coverage. */
export interface GuideItem {
  id: string;
  kind: 'question' | 'probe';
  sectionId: string;
  /** The question itself for a question; the probe's question for a probe. */
  questionId: string;
  text: string;
}

/** All questions and their probes in the order the guide lists them. */
export function guideItems(guide: GuideDraft): GuideItem[] {
  return guide.sections.flatMap((section) =>
    section.questions.flatMap((question) => [
      { id: question.id, kind: 'question' as const, sectionId: section.id, questionId: question.id, text: question.text },
      ...question.probes.map((probe) => ({ id: probe.id, kind: 'probe' as const, sectionId: section.id, questionId: question.id, text: probe.text })),
    ]),
  );
}

/** Sum of the sections' planned minutes (a section without a plan counts as 0); compare with `guide.plannedMinutes`. */
export function totalPlannedMinutes(guide: GuideDraft): number {
  return guide.sections.reduce((sum, section) => sum + (section.plannedMinutes ?? 0), 0);
}
