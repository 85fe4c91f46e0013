/**
 * Coverage suggested by an imported transcript, the way a live call's is
 * (`proposeSuggestions` in src/coverage/suggestions.ts): the interviewer's
 * turns against the guide's questions (`asked`), the participant's against the
 * probes (`covered`); a `mixed` turn against both. Each item is suggested once
 * while its suggestion waits, timed where the turn stands in the interview.
 *
 * Teams and Zoom cut speech into cues of a few seconds, so one question often
 * spans two cues ("Kan du fortelle litt om deg selv og hvor lenge" / "du har
 * jobbet som sykepleier?"). Questions are therefore also matched against each
 * run of one channel's consecutive segments (pauses under RUN_GAP_SECONDS);
 * probes against each segment alone, as a live call's participant sentences are.
 */
import { createCoverageMatcher, proposeSuggestions, type CoverageMatcherOptions, type CoverageState, type CoverageSuggestion } from '../coverage';
import type { Guide } from '../guide';
import type { Segment } from '../store';

/** Longest pause inside one run of a speaker's cues, in seconds. */
const RUN_GAP_SECONDS = 1.5;

export interface ImportSuggestionOptions {
  /** When the interview started (ms since epoch): a suggestion's time is its turn's place in the interview. */
  startedAt: number;
  newId: () => string;
  matcher?: CoverageMatcherOptions;
  /** Marks already made in the session (none for a fresh import). */
  states?: ReadonlyMap<string, CoverageState>;
}

/** The pending suggestions for a whole imported transcript, in time order. */
export function suggestImportedCoverage(guide: Pick<Guide, 'sections'>, segments: readonly Segment[], options: ImportSuggestionOptions): CoverageSuggestion[] {
  const matcher = createCoverageMatcher(guide, options.matcher);
  const states = options.states ?? new Map<string, CoverageState>();
  const suggestions: CoverageSuggestion[] = [];
  const propose = (segment: Segment, text: string, channel: Segment['channel']) => {
    suggestions.push(
      ...proposeSuggestions({
        matcher,
        utterance: { segmentId: segment.id, channel, text },
        states,
        suggestions,
        now: options.startedAt + Math.round(segment.start * 1000),
        newId: options.newId,
      }),
    );
  };
  const ordered = [...segments].sort((left, right) => left.start - right.start);
  const runs = new Map(askingRuns(ordered).map((run) => [run[0]?.id, run]));
  for (const segment of ordered) {
    const run = runs.get(segment.id);
    // A run's whole text first (questions only), then each segment: a short question inside a long run still scores on its own.
    if (run && run.length > 1) propose(segment, run.map((part) => part.text).join(' '), 'interviewer');
    propose(segment, segment.text, segment.channel);
  }
  return suggestions;
}

/** Runs of consecutive interviewer (or mixed) segments of one channel, another channel or a pause ending a run. */
function askingRuns(ordered: readonly Segment[]): Segment[][] {
  const runs: Segment[][] = [];
  let current: Segment[] = [];
  for (const segment of ordered) {
    const previous = current.at(-1);
    const continues = previous !== undefined && previous.channel === segment.channel && segment.start - previous.end <= RUN_GAP_SECONDS;
    if (!continues) {
      if (current.length > 0) runs.push(current);
      current = [];
    }
    if (segment.channel !== 'participant') current.push(segment);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}
