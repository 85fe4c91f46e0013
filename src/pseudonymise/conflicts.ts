/**
 * Pairs that would undo or chain each other. The list is applied again on every
 * export, to text already pseudonymised: a fictive name that is also a real term
 * of the list ("Kari" → "Lina" beside "Lina" → "Eva") would turn "Lina" into "Eva"
 * there, putting the wrong name on what Kari said.
 */
import { findOccurrences, type Replacement } from './occurrences';

export interface ReplacementConflict<E extends Replacement = Replacement> {
  /** The pair already on the list that the new one collides with (or the new pair itself, when its fictive name holds its own real one). */
  entry: E | Replacement;
  /** `fictive-is-real`: the new fictive name holds that entry's real term; `real-in-fictive`: the new real term occurs in that entry's fictive name. */
  reason: 'fictive-is-real' | 'real-in-fictive';
}

/** The first pair on `list` that `candidate` would collide with; null when it is safe to add. Same-real entries are ignored (an edit of one). */
export function replacementConflict<E extends Replacement>(list: readonly E[], candidate: Replacement): ReplacementConflict<E> | null {
  const sameReal = (entry: Replacement) => entry.real.trim().toLocaleLowerCase('nb') === candidate.real.trim().toLocaleLowerCase('nb');
  // "Kari" → "Kari Hansen" would grow by a "Hansen" at every export.
  if (findOccurrences(candidate.fictive, [candidate]).length > 0) return { entry: candidate, reason: 'fictive-is-real' };
  const others = list.filter((entry) => !sameReal(entry));
  const inFictive = findOccurrences(candidate.fictive, others)[0];
  if (inFictive) return { entry: inFictive.replacement as E, reason: 'fictive-is-real' };
  for (const entry of others) {
    if (findOccurrences(entry.fictive, [candidate]).length > 0) return { entry, reason: 'real-in-fictive' };
  }
  return null;
}
