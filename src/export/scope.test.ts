import { describe, expect, it } from 'vitest';
import { bundleStem, fileNamePart, sessionsInScope } from './scope';
import { session } from './test-fixtures';

const sessions = [
  session({ id: 'late', startedAt: 3000, participantId: 'kari' }),
  session({ id: 'early', startedAt: 1000, participantId: 'kari' }),
  session({ id: 'running', startedAt: 4000, participantId: 'kari', status: 'active' }),
  session({ id: 'pilot', startedAt: 2000, participantId: null, kind: 'pilot' }),
  session({ id: 'nils', startedAt: 1500, participantId: 'nils', status: 'approved' }),
];
const ids = (list: { id: string }[]) => list.map((item) => item.id);

describe('sessionsInScope', () => {
  it('takes one session whatever its state', () => {
    expect(ids(sessionsInScope(sessions, { kind: 'session', sessionId: 'running' }))).toEqual(['running']);
  });

  it('takes a participant’s finished sessions, oldest first, nobody else’s', () => {
    expect(ids(sessionsInScope(sessions, { kind: 'participant', participantId: 'kari' }))).toEqual(['early', 'late']);
  });

  it('takes every finished session of the project, pilots included', () => {
    expect(ids(sessionsInScope(sessions, { kind: 'project' }))).toEqual(['early', 'nils', 'pilot', 'late']);
  });
});

describe('file names', () => {
  it('keeps Norwegian letters and digits and replaces the rest', () => {
    expect(fileNamePart('Kåre Ødegård/2', 'x')).toBe('Kåre_Ødegård_2');
    expect(fileNamePart('  ', 'Intervju')).toBe('Intervju');
    expect(bundleStem('Sykepleie: studien', 'nb')).toBe('Sykepleie_studien-transkripsjoner');
    expect(bundleStem('', 'en')).toBe('Intervju-transcripts');
  });
});
