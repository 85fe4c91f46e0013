/**
 * Coverage suggested by an imported transcript, the way a live call's would be:
 * the interviewer's turns against the guide's questions (`asked`), the
 * participant's against the probes (`covered`); a `mixed` turn against both.
 * Each item is suggested once, at the first turn that matches it.
 */
import { createCoverageMatcher, type CoverageItemKind, type CoverageMatcherOptions, type CoverageState } from '../coverage';
import type { Guide } from '../guide';
import type { Segment } from '../store';

export interface ImportSuggestion {
  itemId: string;
  itemKind: CoverageItemKind;
  state: Extract<CoverageState, 'asked' | 'covered'>;
  /** Seconds from the start of the recording: the turn that matched. */
  at: number;
  /** The segment that matched, so the sentence is one click away. */
  segmentId: string;
}

/** The suggestions for a whole imported transcript, in time order. */
export function suggestImportedCoverage(
  guide: Pick<Guide, 'sections'>,
  segments: readonly Segment[],
  options?: CoverageMatcherOptions,
): ImportSuggestion[] {
  const matcher = createCoverageMatcher(guide, options);
  const suggestions: ImportSuggestion[] = [];
  const seen = new Set<string>();
  const add = (itemId: string, itemKind: CoverageItemKind, segment: Segment) => {
    if (seen.has(itemId)) return;
    seen.add(itemId);
    suggestions.push({ itemId, itemKind, state: itemKind === 'question' ? 'asked' : 'covered', at: segment.start, segmentId: segment.id });
  };
  const ordered = [...segments].sort((left, right) => left.start - right.start);
  for (const segment of ordered) {
    if (segment.channel !== 'participant') {
      const best = matcher.matchQuestion(segment.text)[0];
      if (best) add(best.itemId, 'question', segment);
    }
    if (segment.channel !== 'interviewer') {
      for (const match of matcher.matchProbes(segment.text)) add(match.itemId, 'probe', segment);
    }
  }
  return suggestions;
}
