import { describe, expect, it } from 'vitest';
import { latestStates } from '../coverage';
import { exampleGuide, type Guide } from '../guide';
import {
  getParticipant,
  initialiseVault,
  listCoverage,
  listSegments,
  listSessions,
  saveGuide,
  setSetting,
  type IntervjuDatabase,
  type Vault,
} from '../store';
import { dumpAllStores, openTestDatabase, PASSPHRASE, rawStoreContains, TEST_ITERATIONS, testEnvironment } from '../store/test-support';
import { parseWebVtt } from './webvtt';
import { saveImportedTranscript } from './save-imported-session';
import { guessRoles, turnsToSegments } from './speaker-roles';

const INTERVIEW = `WEBVTT

00:00:02.000 --> 00:00:06.000
<v Ingrid Solberg>Hei, og velkommen. Kan du fortelle litt om deg selv og hva du driver med nå?</v>

00:00:06.500 --> 00:00:15.000
<v Maja Lund>Ja, jeg studerer sykepleie i Bergen og bor sammen med to venner i et kollektiv.</v>

00:01:10.000 --> 00:01:16.000
<v Ingrid Solberg>Hva savnet du egentlig mest fra tiden før pandemien?</v>

00:01:16.500 --> 00:01:30.000
<v Maja Lund>Trening, tror jeg. Og studiemiljøet.</v>

00:01:31.000 --> 00:01:32.000
<v Bjørn Opptak>Opptaket fortsetter.</v>
`;

async function unlockedStore(): Promise<{ database: IntervjuDatabase; vault: Vault; guide: Guide }> {
  const { database } = await openTestDatabase();
  const vault = await initialiseVault(database, PASSPHRASE, { iterations: TEST_ITERATIONS });
  const guide = exampleGuide(new Date('2025-03-01T10:00:00Z'));
  await saveGuide(database, guide);
  return { database, vault, guide };
}

function questionId(guide: Guide, start: string): string {
  const found = guide.sections.flatMap((section) => section.questions).find((question) => question.text.startsWith(start));
  if (!found) throw new Error(`no question ${start}`);
  return found.id;
}

describe('speaker roles', () => {
  it('takes role labels at their word, else the first speaker for the interviewer; unnamed turns are mixed', () => {
    expect([...guessRoles(['Kari', 'I', null])]).toEqual([
      ['Kari', 'participant'],
      ['I', 'interviewer'],
      ['', 'mixed'],
    ]);
    expect([...guessRoles(['Ingrid Solberg', 'Maja Lund', 'Speaker 3'])]).toEqual([
      ['Ingrid Solberg', 'interviewer'],
      ['Maja Lund', 'participant'],
      ['Speaker 3', 'participant'],
    ]);
  });

  it('takes Intervju’s own “I/Deltaker” label for a turn both spoke in', () => {
    expect(guessRoles(['I', 'I/Deltaker', 'Deltaker']).get('I/Deltaker')).toBe('mixed');
  });

  it('keeps the [uklart] markers a file already has as unclear spans over the turn', () => {
    const [segment] = turnsToSegments([{ speaker: 'Kari', start: 4, end: 9, text: 'Vi bodde i [uklart: Lia?] og [uklart].', line: 1 }], new Map([['Kari', 'participant' as const]]), 's', () => 'x');
    expect(segment?.unclear).toEqual([
      { start: 4, end: 9, guess: 'Lia' },
      { start: 4, end: 9, guess: null },
    ]);
  });

  it('keeps times and text, and leaves out speakers the researcher left out', () => {
    const turns = parseWebVtt(INTERVIEW).turns;
    const roles = new Map([
      ['Ingrid Solberg', 'interviewer' as const],
      ['Maja Lund', 'participant' as const],
      ['Bjørn Opptak', 'leave-out' as const],
    ]);
    let id = 0;
    const segments = turnsToSegments(turns, roles, 'session-1', () => `s${(id += 1)}`);
    expect(segments.map(({ channel, start, end }) => [channel, start, end])).toEqual([
      ['interviewer', 2, 6],
      ['participant', 6.5, 15],
      ['interviewer', 70, 76],
      ['participant', 76.5, 90],
    ]);
  });
});

describe('saveImportedTranscript', () => {
  it('stores an ended import session with its segments encrypted and its coverage suggested, not marked', async () => {
    const { database, vault, guide } = await unlockedStore();
    const turns = parseWebVtt(INTERVIEW).turns;
    const roles = new Map([
      ['Ingrid Solberg', 'interviewer' as const],
      ['Maja Lund', 'participant' as const],
      ['Bjørn Opptak', 'leave-out' as const],
    ]);
    const result = await saveImportedTranscript(
      database,
      vault,
      { turns, roles, participant: { kind: 'new', pseudonym: 'Sol' }, guide, platform: 'teams', language: 'no', startedAt: Date.UTC(2025, 2, 10, 9) },
      testEnvironment(),
    );

    const [session] = await listSessions(database);
    expect(session).toMatchObject({ kind: 'import', status: 'ended', platform: 'teams', guideId: guide.id, guideVersion: guide.version });
    expect(session?.endedAt).toBe(Date.UTC(2025, 2, 10, 9) + 90_000);
    expect((await getParticipant(database, session?.participantId ?? ''))?.pseudonym).toBe('Sol');

    const segments = await listSegments(database, vault, session?.id ?? '');
    expect(segments.map((segment) => segment.text)).toEqual([
      'Hei, og velkommen. Kan du fortelle litt om deg selv og hva du driver med nå?',
      'Ja, jeg studerer sykepleie i Bergen og bor sammen med to venner i et kollektiv.',
      'Hva savnet du egentlig mest fra tiden før pandemien?',
      'Trening, tror jeg. Og studiemiljøet.',
    ]);
    expect(rawStoreContains(await dumpAllStores(database), 'kollektiv')).toBe(false);
    // Real names from the file are never stored: only the roles they were mapped to.
    expect(rawStoreContains(await dumpAllStores(database), 'Solberg')).toBe(false);

    // Suggested, not marked: pending with the session, for the researcher to confirm or dismiss.
    expect(await listCoverage(database, session?.id ?? '')).toEqual([]);
    const suggestions = session?.suggestions ?? [];
    expect(suggestions.every((suggestion) => suggestion.status === 'pending')).toBe(true);
    const suggested = new Map(suggestions.map((suggestion) => [suggestion.itemId, suggestion]));
    expect(suggested.get(questionId(guide, 'Kan du fortelle litt om deg selv'))).toMatchObject({ state: 'asked', segmentId: segments[0]?.id, time: Date.UTC(2025, 2, 10, 9) + 2000 });
    expect(suggested.get(questionId(guide, 'Hva savnet du mest'))).toMatchObject({ state: 'asked', time: Date.UTC(2025, 2, 10, 9) + 70_000 });
    expect(suggested.has(questionId(guide, 'Hva betyr ordet ensomhet'))).toBe(false);
    const savnet = guide.sections.flatMap((section) => section.questions).find((question) => question.text.startsWith('Hva savnet'));
    const trening = savnet?.probes.find((probe) => probe.text === 'trening');
    expect(suggested.get(trening?.id ?? '')).toMatchObject({ state: 'covered', segmentId: segments[3]?.id });
    expect(result).toMatchObject({ segmentCount: 4, participantCreated: true, autoMarked: false });
  });

  it('marks the suggestions at once, at their moment in the interview, when auto-marking is on', async () => {
    const { database, vault, guide } = await unlockedStore();
    await setSetting(database, 'autoMarkSuggestions', true);
    const turns = parseWebVtt(INTERVIEW).turns;
    const startedAt = Date.UTC(2025, 2, 10, 9);
    const result = await saveImportedTranscript(database, vault, { turns, roles: guessRoles(['Ingrid Solberg', 'Maja Lund', 'Bjørn Opptak']), participant: { kind: 'none' }, guide, platform: 'teams', language: 'no', startedAt });
    expect(result.autoMarked).toBe(true);
    expect(result.session.participantId).toBeNull();
    expect(result.session.suggestions?.every((suggestion) => suggestion.status === 'auto-marked')).toBe(true);
    const coverage = await listCoverage(database, result.session.id);
    expect(coverage.every((event) => event.source === 'suggested')).toBe(true);
    expect(latestStates(coverage).get(questionId(guide, 'Kan du fortelle litt om deg selv'))).toBe('asked');
    expect(coverage[0]?.time).toBe(startedAt + 2000);
  });

  it('removes the session and the participant made for it when storing fails part-way', async () => {
    const { database, guide } = await unlockedStore();
    // A vault whose key cannot encrypt: the session and participant exist by then, the segments fail.
    const vault: Vault = { kind: 'intervju-vault', dataKey: null as unknown as CryptoKey };
    const turns = parseWebVtt(INTERVIEW).turns;
    await expect(
      saveImportedTranscript(database, vault, { turns, roles: guessRoles(['Ingrid Solberg', 'Maja Lund']), participant: { kind: 'new', pseudonym: 'Sol' }, guide, platform: 'file', language: 'no' }),
    ).rejects.toThrow();
    expect(await listSessions(database)).toEqual([]);
    expect((await dumpAllStores(database)).participants).toEqual([]);
  });
});
