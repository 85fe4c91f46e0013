import { describe, expect, it } from 'vitest';
import { createParticipant, getParticipant } from './participants';
import { createSession, getSession, recordConsent } from './sessions';
import { openTestDatabase, testEnvironment } from './test-support';

describe('consent checklist', () => {
  it('keeps the ticked items, and sets the consent time once the checklist is complete', async () => {
    const { database } = await openTestDatabase();
    const environment = testEnvironment();
    const participant = await createParticipant(database, { pseudonym: 'Kari' }, environment);
    const session = await createSession(
      database,
      { kind: 'interview', participantId: participant.id, guideId: 'g', guideVersion: 1, platform: 'zoom', language: 'no' },
      environment,
    );
    expect(session.consentChecked).toEqual([]);

    await recordConsent(database, session.id, ['purpose', 'withdrawal'], false, environment);
    expect((await getSession(database, session.id))?.consentChecked).toEqual(['purpose', 'withdrawal']);
    expect((await getParticipant(database, participant.id))?.consentAt).toBeNull();

    await recordConsent(database, session.id, ['purpose', 'withdrawal', 'recording'], true, environment);
    const consentAt = (await getParticipant(database, participant.id))?.consentAt;
    expect(consentAt).toEqual(expect.any(Number));

    // Unticking and ticking again does not move the first consent time.
    await recordConsent(database, session.id, ['purpose'], false, environment);
    await recordConsent(database, session.id, ['purpose', 'withdrawal', 'recording'], true, environment);
    expect((await getParticipant(database, participant.id))?.consentAt).toBe(consentAt);
  });
});
