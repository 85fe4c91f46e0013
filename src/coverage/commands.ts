import type { Guide } from '../guide';
import type { CoverageEvent, CoverageState } from './model';
import { itemKindOf, neighbourQuestion } from './navigation';

/**
 * What the researcher can do to the current question without looking away from
 * the call: the extension's keyboard commands and the panel's own keys.
 */
export const COVERAGE_COMMANDS = [
  'next-question',
  'previous-question',
  'mark-asked',
  'mark-covered',
  'mark-skipped',
  'mark-declined',
] as const;
export type CoverageCommand = (typeof COVERAGE_COMMANDS)[number];

const MARKS: Partial<Record<CoverageCommand, CoverageState>> = {
  'mark-asked': 'asked',
  'mark-covered': 'covered',
  'mark-skipped': 'skipped',
  'mark-declined': 'declined',
};

export interface CommandOutcome {
  /** The item that is current after the command. */
  currentItemId: string | null;
  /** A coverage event to record, when the command marked something. */
  event: Omit<CoverageEvent, 'id'> | null;
}

/** Narrows an untrusted string (a chrome.commands name) to a known command. */
export function isCoverageCommand(value: string): value is CoverageCommand {
  return (COVERAGE_COMMANDS as readonly string[]).includes(value);
}

/** Works out what a command does to a session; pure, so background and panel agree. */
export function applyCoverageCommand(
  command: CoverageCommand,
  context: { guide: Guide; sessionId: string; currentItemId: string | null; now: number },
): CommandOutcome {
  const { guide, sessionId, now } = context;
  const current = context.currentItemId ?? neighbourQuestion(guide, null, 1);
  switch (command) {
    case 'next-question':
      return { currentItemId: neighbourQuestion(guide, context.currentItemId, 1), event: null };
    case 'previous-question':
      return { currentItemId: neighbourQuestion(guide, context.currentItemId, -1), event: null };
    case 'mark-asked':
    case 'mark-covered':
    case 'mark-skipped':
    case 'mark-declined': {
      const state = MARKS[command];
      const itemKind = current === null ? null : itemKindOf(guide, current);
      if (current === null || itemKind === null || state === undefined) return { currentItemId: current, event: null };
      return {
        currentItemId: current,
        event: { sessionId, itemId: current, itemKind, state, time: now, source: 'manual' },
      };
    }
  }
}
