/**
 * Editing steps for the workspace's guide editor. Each returns a new draft and
 * leaves the one passed in untouched, so undo is keeping the previous draft and
 * a saved version can never change under a session. Empty texts are allowed
 * while typing; `createGuide`/`newVersion` check them on save.
 */
import type { ChecklistItem, GuideDraft, Probe, Question, Section } from './model';
import { defaultIdSource, type IdSource } from './ids';

/** Thrown when an edit names a section, question, probe, item or reminder the draft does not have. */
export class GuideEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuideEditError';
  }
}

/** Where a new item goes (default: last) and where its id comes from. */
export interface AddOptions {
  position?: number;
  idSource?: IdSource;
}

/** Whose reminders to edit: a section's or a question's. */
export type ReminderOwner = { sectionId: string } | { questionId: string };

function clamp(index: number, length: number): number {
  return Math.max(0, Math.min(length, Math.trunc(index)));
}

function insertAt<T>(list: readonly T[], item: T, position: number = list.length): T[] {
  const copy = [...list];
  copy.splice(clamp(position, list.length), 0, item);
  return copy;
}

function moveTo<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item === undefined) return copy;
  copy.splice(clamp(to, copy.length), 0, item);
  return copy;
}

function indexOrThrow<T extends { id: string }>(list: readonly T[], id: string, what: string): number {
  const index = list.findIndex((item) => item.id === id);
  if (index === -1) throw new GuideEditError(`Fant ikke ${what} med id ${id}.`);
  return index;
}

function sectionOfQuestion(draft: GuideDraft, questionId: string): Section {
  const section = draft.sections.find((candidate) => candidate.questions.some((question) => question.id === questionId));
  if (!section) throw new GuideEditError(`Fant ikke spørsmål med id ${questionId}.`);
  return section;
}

function questionOfProbe(draft: GuideDraft, probeId: string): Question {
  const question = draft.sections.flatMap((section) => section.questions).find((candidate) => candidate.probes.some((probe) => probe.id === probeId));
  if (!question) throw new GuideEditError(`Fant ikke oppfølging med id ${probeId}.`);
  return question;
}

function mapSection<T extends GuideDraft>(draft: T, sectionId: string, change: (section: Section) => Section): T {
  const index = indexOrThrow(draft.sections, sectionId, 'del');
  return { ...draft, sections: draft.sections.map((section, position) => (position === index ? change(section) : section)) };
}

function mapQuestion<T extends GuideDraft>(draft: T, questionId: string, change: (question: Question) => Question): T {
  const owner = sectionOfQuestion(draft, questionId);
  return mapSection(draft, owner.id, (section) => ({
    ...section,
    questions: section.questions.map((question) => (question.id === questionId ? change(question) : question)),
  }));
}

/** Changes the guide's title or planned length. */
export function updateGuideDetails<T extends GuideDraft>(draft: T, changes: { title?: string; plannedMinutes?: number }): T {
  return { ...draft, ...changes };
}

/** Adds an empty section. */
export function addSection<T extends GuideDraft>(draft: T, title: string, options: AddOptions = {}): T {
  const section: Section = { id: (options.idSource ?? defaultIdSource)(), title, plannedMinutes: null, reminders: [], questions: [] };
  return { ...draft, sections: insertAt(draft.sections, section, options.position) };
}

/** Renames a section or changes its planned minutes. */
export function updateSection<T extends GuideDraft>(draft: T, sectionId: string, changes: { title?: string; plannedMinutes?: number | null }): T {
  return mapSection(draft, sectionId, (section) => ({ ...section, ...changes }));
}

/** Removes a section with its questions. */
export function removeSection<T extends GuideDraft>(draft: T, sectionId: string): T {
  indexOrThrow(draft.sections, sectionId, 'del');
  return { ...draft, sections: draft.sections.filter((section) => section.id !== sectionId) };
}

/** Moves a section to a new position (0 = first). */
export function moveSection<T extends GuideDraft>(draft: T, sectionId: string, toIndex: number): T {
  return { ...draft, sections: moveTo(draft.sections, indexOrThrow(draft.sections, sectionId, 'del'), toIndex) };
}

/** Adds a question (no condition, probes or reminders yet) to a section. */
export function addQuestion<T extends GuideDraft>(draft: T, sectionId: string, text: string, options: AddOptions = {}): T {
  const question: Question = { id: (options.idSource ?? defaultIdSource)(), text, condition: null, probes: [], reminders: [] };
  return mapSection(draft, sectionId, (section) => ({ ...section, questions: insertAt(section.questions, question, options.position) }));
}

/** Changes a question's wording, its "ask only if" condition (null removes it) or whether it must be asked. */
export function updateQuestion<T extends GuideDraft>(
  draft: T,
  questionId: string,
  changes: { text?: string; condition?: string | null; mustAsk?: boolean },
): T {
  return mapQuestion(draft, questionId, (question) => {
    const { mustAsk, ...rest } = changes;
    const next: Question = { ...question, ...rest };
    // Unticking removes the field, so the question reads exactly as one never marked.
    if (mustAsk === true) next.mustAsk = true;
    else if (mustAsk === false) delete next.mustAsk;
    return next;
  });
}

/** Removes a question with its probes. */
export function removeQuestion<T extends GuideDraft>(draft: T, questionId: string): T {
  const owner = sectionOfQuestion(draft, questionId);
  return mapSection(draft, owner.id, (section) => ({ ...section, questions: section.questions.filter((question) => question.id !== questionId) }));
}

/** Moves a question to a position in the same or another section. */
export function moveQuestion<T extends GuideDraft>(draft: T, questionId: string, toSectionId: string, toIndex: number): T {
  const owner = sectionOfQuestion(draft, questionId);
  indexOrThrow(draft.sections, toSectionId, 'del');
  const question = owner.questions.find((candidate) => candidate.id === questionId) as Question;
  const without = removeQuestion(draft, questionId);
  return mapSection(without, toSectionId, (section) => ({ ...section, questions: insertAt(section.questions, question, toIndex) }));
}

/** Adds a follow-up probe to a question. */
export function addProbe<T extends GuideDraft>(draft: T, questionId: string, text: string, options: AddOptions = {}): T {
  const probe: Probe = { id: (options.idSource ?? defaultIdSource)(), text };
  return mapQuestion(draft, questionId, (question) => ({ ...question, probes: insertAt(question.probes, probe, options.position) }));
}

/** Changes a probe's wording. */
export function updateProbe<T extends GuideDraft>(draft: T, probeId: string, text: string): T {
  const owner = questionOfProbe(draft, probeId);
  return mapQuestion(draft, owner.id, (question) => ({ ...question, probes: question.probes.map((probe) => (probe.id === probeId ? { ...probe, text } : probe)) }));
}

/** Removes a probe. */
export function removeProbe<T extends GuideDraft>(draft: T, probeId: string): T {
  const owner = questionOfProbe(draft, probeId);
  return mapQuestion(draft, owner.id, (question) => ({ ...question, probes: question.probes.filter((probe) => probe.id !== probeId) }));
}

/** Moves a probe to a position under the same or another question. */
export function moveProbe<T extends GuideDraft>(draft: T, probeId: string, toQuestionId: string, toIndex: number): T {
  const owner = questionOfProbe(draft, probeId);
  sectionOfQuestion(draft, toQuestionId);
  const probe = owner.probes.find((candidate) => candidate.id === probeId) as Probe;
  const without = removeProbe(draft, probeId);
  return mapQuestion(without, toQuestionId, (question) => ({ ...question, probes: insertAt(question.probes, probe, toIndex) }));
}

function mapReminders<T extends GuideDraft>(draft: T, owner: ReminderOwner, change: (reminders: string[]) => string[]): T {
  if ('sectionId' in owner) return mapSection(draft, owner.sectionId, (section) => ({ ...section, reminders: change(section.reminders) }));
  return mapQuestion(draft, owner.questionId, (question) => ({ ...question, reminders: change(question.reminders) }));
}

function checkReminderIndex(reminders: readonly string[], index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= reminders.length) throw new GuideEditError(`Det finnes ingen påminnelse nummer ${index + 1}.`);
}

/** Adds an interviewer reminder to a section or a question. */
export function addReminder<T extends GuideDraft>(draft: T, owner: ReminderOwner, text: string, position?: number): T {
  return mapReminders(draft, owner, (reminders) => insertAt(reminders, text, position));
}

/** Rewrites the reminder at `index` of a section or question. */
export function updateReminder<T extends GuideDraft>(draft: T, owner: ReminderOwner, index: number, text: string): T {
  return mapReminders(draft, owner, (reminders) => {
    checkReminderIndex(reminders, index);
    return reminders.map((reminder, position) => (position === index ? text : reminder));
  });
}

/** Removes the reminder at `index` of a section or question. */
export function removeReminder<T extends GuideDraft>(draft: T, owner: ReminderOwner, index: number): T {
  return mapReminders(draft, owner, (reminders) => {
    checkReminderIndex(reminders, index);
    return reminders.filter((_, position) => position !== index);
  });
}

/** Moves a reminder within its section or question. */
export function moveReminder<T extends GuideDraft>(draft: T, owner: ReminderOwner, fromIndex: number, toIndex: number): T {
  return mapReminders(draft, owner, (reminders) => {
    checkReminderIndex(reminders, fromIndex);
    return moveTo(reminders, fromIndex, toIndex);
  });
}

/** Adds an item to the intro/consent checklist. */
export function addChecklistItem<T extends GuideDraft>(draft: T, text: string, options: AddOptions = {}): T {
  const item: ChecklistItem = { id: (options.idSource ?? defaultIdSource)(), text };
  return { ...draft, intro: insertAt(draft.intro, item, options.position) };
}

/** Rewrites a checklist item. */
export function updateChecklistItem<T extends GuideDraft>(draft: T, itemId: string, text: string): T {
  const index = indexOrThrow(draft.intro, itemId, 'punkt i sjekklisten');
  return { ...draft, intro: draft.intro.map((item, position) => (position === index ? { ...item, text } : item)) };
}

/** Removes a checklist item. */
export function removeChecklistItem<T extends GuideDraft>(draft: T, itemId: string): T {
  indexOrThrow(draft.intro, itemId, 'punkt i sjekklisten');
  return { ...draft, intro: draft.intro.filter((item) => item.id !== itemId) };
}

/** Moves a checklist item to a new position (0 = first). */
export function moveChecklistItem<T extends GuideDraft>(draft: T, itemId: string, toIndex: number): T {
  return { ...draft, intro: moveTo(draft.intro, indexOrThrow(draft.intro, itemId, 'punkt i sjekklisten'), toIndex) };
}

/** Adds an item to the closing checklist (`Guide.closing`), creating the list when the guide had none. */
export function addClosingItem<T extends GuideDraft>(draft: T, text: string, options: AddOptions = {}): T {
  const item: ChecklistItem = { id: (options.idSource ?? defaultIdSource)(), text };
  return { ...draft, closing: insertAt(draft.closing ?? [], item, options.position) };
}

/** Rewrites a closing item. */
export function updateClosingItem<T extends GuideDraft>(draft: T, itemId: string, text: string): T {
  const closing = draft.closing ?? [];
  const index = indexOrThrow(closing, itemId, 'punkt i avslutningen');
  return { ...draft, closing: closing.map((item, position) => (position === index ? { ...item, text } : item)) };
}

/** Removes a closing item. */
export function removeClosingItem<T extends GuideDraft>(draft: T, itemId: string): T {
  const closing = draft.closing ?? [];
  indexOrThrow(closing, itemId, 'punkt i avslutningen');
  return { ...draft, closing: closing.filter((item) => item.id !== itemId) };
}

/** Moves a closing item to a new position (0 = first). */
export function moveClosingItem<T extends GuideDraft>(draft: T, itemId: string, toIndex: number): T {
  const closing = draft.closing ?? [];
  return { ...draft, closing: moveTo(closing, indexOrThrow(closing, itemId, 'punkt i avslutningen'), toIndex) };
}
