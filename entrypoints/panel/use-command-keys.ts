import { useEffect } from 'preact/hooks';
import type { CoverageCommand } from '../../src/coverage';

/** Single keys while focus is in the panel; chrome.commands covers focus in the call. */
const PANEL_KEYS: Record<string, CoverageCommand> = {
  ArrowDown: 'next-question',
  j: 'next-question',
  ArrowUp: 'previous-question',
  k: 'previous-question',
  a: 'mark-asked',
  c: 'mark-covered',
  s: 'mark-skipped',
  d: 'mark-declined',
};

/** True while the researcher types in a field: single keys are text there, not commands. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Runs a coverage command for the panel's keyboard shortcuts, unless the researcher is typing. */
export function useCommandKeys(run: ((command: CoverageCommand) => Promise<void>) | null): void {
  useEffect(() => {
    if (!run) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const command = PANEL_KEYS[event.key];
      if (!command) return;
      event.preventDefault();
      void run(command);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [run]);
}
