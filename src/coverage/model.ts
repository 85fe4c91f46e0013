/**
 * Coverage: what happened to each question and probe of the guide during one
 * session. Stored as an append-only log of events; the current state of an item
 * is its latest event, so nothing a researcher marked is ever overwritten.
 *
 * WARNING: persisted in IndexedDB; changing these shapes needs a store migration.
 */
export const COVERAGE_STATES = ['pending', 'asked', 'covered', 'skipped', 'declined'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

/** How a state came about: marked by hand, proposed by the transcript, or a proposal accepted. */
export type CoverageSource = 'manual' | 'suggested' | 'confirmed';

/** What an item is: a question, or a follow-up probe of one. */
export type CoverageItemKind = 'question' | 'probe';

export interface CoverageEvent {
  id: string;
  sessionId: string;
  /** A question id or a probe id of the session's guide version. */
  itemId: string;
  itemKind: CoverageItemKind;
  state: CoverageState;
  /** Milliseconds since the Unix epoch. */
  time: number;
  source: CoverageSource;
}
