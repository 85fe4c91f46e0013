import type { Guide } from './model';

/**
 * Whether the consent checklist (the guide's intro) is complete: every item
 * ticked. The one rule for it: the panel shows it, the background stores it with
 * the ticks and refuses to start a recording without it. A guide without intro
 * items needs no ticks.
 */
export function consentComplete(guide: Pick<Guide, 'intro'>, checkedItemIds: Iterable<string>): boolean {
  const checked = new Set(checkedItemIds);
  return guide.intro.every((item) => checked.has(item.id));
}
