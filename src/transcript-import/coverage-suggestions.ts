/**
 * Coverage suggested by an imported transcript, the way a live call's would be:
 * the interviewer's turns against the guide's questions (`asked`), the
 * participant's against the probes (`covered`); a `mixed` turn against both.
 * Each item is suggested once, at the first turn that matches it.
 *
 * Teams and Zoom cut speech into cues of a few seconds, so one question often
 * spans two cues ("Kan du fortelle litt om deg selv og hvor lenge" / "du har
 * jobbet som sykepleier?"). Questions are therefore matched against each run of
 * one channel's consecutive segments (gaps under RUN_GAP_SECONDS) as well as
 * against each segment; probes against each segment alone, as a live call's
 * participant sentences are.
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
  for (const run of askingRuns(ordered)) {
    // The run as a whole, and each segment of it: a short question inside a long run still scores on its own.
    const texts = run.length > 1 ? [run.map((segment) => segment.text).join(' '), ...run.map((segment) => segment.text)] : [run[0]?.text ?? ''];
    const first = run[0];
    for (const text of texts) {
      const best = matcher.matchQuestion(text)[0];
      if (best && first) add(best.itemId, 'question', first);
    }
  }
  for (const segment of ordered) {
    if (segment.channel === 'interviewer') continue;
    for (const match of matcher.matchProbes(segment.text)) add(match.itemId, 'probe', segment);
  }
  suggestions.sort((left, right) => left.at - right.at);
  return suggestions;
}

/** Longest pause inside one run of a speaker's cues, in seconds. */
const RUN_GAP_SECONDS = 1.5;

/** Runs of consecutive interviewer (or mixed) segments, another channel or a pause ending a run. */
function askingRuns(ordered: readonly Segment[]): Segment[][] {
  const runs: Segment[][] = [];
  let current: Segment[] = [];
  for (const segment of ordered) {
    const previous = current.at(-1);
    const continues = previous !== undefined && previous.channel === segment.channel && segment.start - previous.end <= RUN_GAP_SECONDS;
    if (!continues && current.length > 0) runs.push(current);
    if (!continues) current = [];
    if (segment.channel !== 'participant') current.push(segment);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}
