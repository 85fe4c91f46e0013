import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { exampleGuide } from '../../src/guide';
import { panelScopeFromSearch } from '../../src/messages';
import { createParticipant, createSession, getSession, listCoverage, openIntervjuDatabase, saveGuide, setSetting } from '../../src/store';
import { runCoverageCommand } from './coverage-commands';
import { scopedCommand, scopeSessionSetting } from './panel-scope';

describe('panel scope', () => {
  it('is read from the panel URL: practice only when the practice page asks for it', () => {
    expect(panelScopeFromSearch('?platform=other&scope=practice')).toBe('practice');
    expect(panelScopeFromSearch('?platform=zoom')).toBe('call');
    expect(panelScopeFromSearch('?scope=anything')).toBe('call');
  });

  it('names the setting of its running session; a bare command is the live interview', () => {
    expect(scopeSessionSetting('practice')).toBe('practiceSessionId');
    expect(scopeSessionSetting('call')).toBe('activeSessionId');
    expect(scopeSessionSetting(undefined)).toBe('activeSessionId');
    expect(scopedCommand('mark-asked')).toEqual({ command: 'mark-asked', scope: 'call' });
    expect(scopedCommand({ command: 'next-question', scope: 'practice' })).toEqual({ command: 'next-question', scope: 'practice' });
  });

  it("runs the practice panel's keys on the pilot and leaves the live interview alone", async () => {
    const db = await openIntervjuDatabase({ indexedDB: new IDBFactory() });
    const guide = exampleGuide();
    await saveGuide(db, guide);
    const first = guide.sections[0]!.questions[0]!.id;
    const base = { guideId: guide.id, guideVersion: guide.version, platform: 'other', language: 'no', currentItemId: first } as const;
    const participant = await createParticipant(db, { pseudonym: 'Kari' });
    const live = await createSession(db, { ...base, kind: 'interview', participantId: participant.id });
    const pilot = await createSession(db, { ...base, kind: 'pilot', participantId: null });
    await setSetting(db, 'activeSessionId', live.id);
    await setSetting(db, 'practiceSessionId', pilot.id);

    await runCoverageCommand(db, 'mark-covered', Date.now(), scopeSessionSetting('practice'));
    await runCoverageCommand(db, 'next-question', Date.now(), scopeSessionSetting('practice'));

    expect((await listCoverage(db, pilot.id)).map((event) => [event.itemId, event.state])).toEqual([[first, 'covered']]);
    expect((await getSession(db, pilot.id))?.currentItemId).not.toBe(first);
    expect(await listCoverage(db, live.id)).toEqual([]);
    expect((await getSession(db, live.id))?.currentItemId).toBe(first);
  });
});
