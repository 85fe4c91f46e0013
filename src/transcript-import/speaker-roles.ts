/**
 * Who each speaker of an imported transcript is in the interview: the
 * interviewer, the participant, or `mixed` (a label under which both speak,
 * or none at all). The researcher decides; `guessRoles` only fills the form.
 */
import type { Channel, Segment } from '../store';
import type { TranscriptTurn } from './model';

/** What a speaker's turns become: a channel, or left out (a third person, the tool's own notices). */
export type SpeakerRole = Channel | 'leave-out';

/** The key a speaker has in a role map; turns with no speaker share ''. */
export function speakerKey(speaker: string | null): string {
  return speaker ?? '';
}

/** The markers Intervju's [uklart] policy writes (see src/ui/TranscriptText.tsx), with a kept guess: `[uklart: ord?]`. */
const UNCLEAR_MARKER = /\[(?:uklart|unclear|otydligt)(?::\s*([^\]]*?))?\??\]/gu;

/** The guess of each unclear marker in a text (null where none), in order. */
function unclearMarkers(text: string): (string | null)[] {
  return [...text.matchAll(UNCLEAR_MARKER)].map((match) => match[1]?.replace(/\?$/u, '').trim() || null);
}

const INTERVIEWER_LABEL = /^(?:i|int|intervjuer|intervjuar|interviewer|moderator)$/iu;
const PARTICIPANT_LABEL = /^(?:ip|b|deltaker|deltakar|informant|respondent|participant|interviewee|intervjuobjekt)(?:\s*\d{1,2})?$/iu;

/**
 * A first guess: labels that say the role (`I`, `Intervjuer`, `IP`, `B`,
 * `Deltaker`) say it; otherwise the first to speak is taken for the
 * interviewer (who opens the interview) and the others for participants.
 * Turns without a speaker are `mixed`.
 */
export function guessRoles(speakers: readonly (string | null)[]): Map<string, SpeakerRole> {
  const roles = new Map<string, SpeakerRole>();
  const named = speakers.filter((speaker): speaker is string => speaker !== null);
  const labelled = named.some((speaker) => INTERVIEWER_LABEL.test(speaker));
  for (const speaker of speakers) {
    // "I/Deltaker" is how Intervju's own export labels a turn both spoke in (one microphone).
    if (speaker === null || /^I\/|\/I$/u.test(speaker)) roles.set(speaker ?? '', 'mixed');
    else if (INTERVIEWER_LABEL.test(speaker)) roles.set(speaker, 'interviewer');
    else if (PARTICIPANT_LABEL.test(speaker)) roles.set(speaker, 'participant');
    else roles.set(speaker, !labelled && speaker === named[0] ? 'interviewer' : 'participant');
  }
  return roles;
}

/** The segments an import stores: one per turn, times kept, left-out speakers dropped. */
export function turnsToSegments(
  turns: readonly TranscriptTurn[],
  roles: ReadonlyMap<string, SpeakerRole>,
  sessionId: string,
  idSource: () => string,
): Segment[] {
  const segments: Segment[] = [];
  for (const turn of turns) {
    const role = roles.get(speakerKey(turn.speaker)) ?? 'mixed';
    if (role === 'leave-out') continue;
    segments.push({
      id: idSource(),
      sessionId,
      channel: role,
      start: turn.start,
      end: turn.end,
      text: turn.text,
      // The file gives no word times or confidences: nothing is judged unclear here, but the
      // [uklart] markers the file already has (an Intervju export, a hand transcript) are kept as spans over the turn.
      words: [],
      unclear: unclearMarkers(turn.text).map((guess) => ({ start: turn.start, end: turn.end, guess })),
      source: 'live',
    });
  }
  return segments;
}
