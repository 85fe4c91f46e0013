/**
 * The interview guide as stored and shown. A guide is immutable once saved:
 * editing makes a new version (same `id`, `version + 1`, `parentVersion` set),
 * so a session always knows exactly which wording it used.
 *
 * WARNING: these shapes are persisted in IndexedDB and in exported JSON. A change
 * needs a store migration and a bump of GUIDE_FORMAT_VERSION.
 */
export const GUIDE_FORMAT_VERSION = 1;

/** Default planned length of an interview, in minutes. */
export const DEFAULT_PLANNED_MINUTES = 60;

export interface ChecklistItem {
  id: string;
  text: string;
}

export interface Probe {
  id: string;
  text: string;
}

export interface Question {
  id: string;
  text: string;
  /** "Ask only if …": shown to the interviewer, never evaluated automatically. */
  condition: string | null;
  probes: Probe[];
  /** Interviewer reminders tied to this question. */
  reminders: string[];
  /**
   * The researcher marked this question as one that must be asked in every
   * interview; towards the end the panel lists those still open. Optional:
   * absent means false (guides saved before it existed need no migration).
   */
  mustAsk?: boolean;
}

export interface Section {
  id: string;
  title: string;
  /** Planned minutes for this section; null when the guide does not say. */
  plannedMinutes: number | null;
  /** Interviewer reminders for the whole section ("do not let third parties be identifiable"). */
  reminders: string[];
  questions: Question[];
}

export interface Guide {
  /** Stable across versions of the same guide. */
  id: string;
  version: number;
  parentVersion: number | null;
  changeNote: string;
  title: string;
  /** Planned length of the whole interview in minutes. */
  plannedMinutes: number;
  /** Intro / consent checklist, ticked before recording may start. */
  intro: ChecklistItem[];
  sections: Section[];
  /**
   * Closing checklist (thank the participant, remind them they can withdraw, ask
   * whether they have anything to add), shown in the panel as the interview nears
   * its planned end. Optional: absent means none (no migration).
   */
  closing?: ChecklistItem[];
  /** ISO 8601 time the version was saved. */
  createdAt: string;
}

/** A guide's content before it is saved as a version: what the importer produces and the editor changes. */
export type GuideDraft = Omit<Guide, 'id' | 'version' | 'parentVersion' | 'changeNote' | 'createdAt'>;
