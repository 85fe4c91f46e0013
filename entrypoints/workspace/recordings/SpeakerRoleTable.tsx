import type { ParsedTranscript, SpeakerRole } from '../../../src/transcript-import';
import { speakerKey } from '../../../src/transcript-import';
import type { MessageKey, Translate } from '../../../src/ui';

const ROLES: readonly SpeakerRole[] = ['interviewer', 'participant', 'mixed', 'leave-out'];
const ROLE_LABEL: Record<SpeakerRole, MessageKey> = {
  interviewer: 'transcriptRole_interviewer',
  participant: 'transcriptRole_participant',
  mixed: 'transcriptRole_mixed',
  'leave-out': 'transcriptRole_leave_out',
};

/** One row per speaker found in the file: how many turns, the first words (to tell who is who), and the role chosen. */
export function SpeakerRoleTable(props: {
  t: Translate;
  transcript: ParsedTranscript;
  roles: ReadonlyMap<string, SpeakerRole>;
  onChange: (speaker: string, role: SpeakerRole) => void;
  disabled: boolean;
}) {
  const { t, transcript } = props;
  return (
    <fieldset data-testid="transcript-speakers">
      <legend>{t('transcriptSpeakers')}</legend>
      {transcript.speakers.map((speaker) => {
        const key = speakerKey(speaker);
        const turns = transcript.turns.filter((turn) => turn.speaker === speaker);
        const first = turns[0]?.text ?? '';
        const id = `transcript-role-${transcript.speakers.indexOf(speaker)}`;
        return (
          <div key={key} class="speaker-role" data-testid="transcript-speaker" data-speaker={key}>
            <label for={id}>
              <strong>{speaker ?? t('transcriptNoSpeaker')}</strong>{' '}
              <small class="muted">{t('transcriptSpeakerTurns', { count: turns.length, first: first.length > 80 ? `${first.slice(0, 80)}…` : first })}</small>
            </label>
            <select
              id={id}
              data-testid="transcript-role"
              value={props.roles.get(key) ?? 'mixed'}
              disabled={props.disabled}
              onChange={(event) => props.onChange(key, event.currentTarget.value as SpeakerRole)}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(ROLE_LABEL[role])}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
