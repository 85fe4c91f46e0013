import { describe, expect, it } from 'vitest';
import type { Segment, Session } from '../store';
import type { PanelState } from './background-protocol';
import type { PanelChange } from './panel-changes';
import { PanelUpdates } from './panel-updates';
import type { RecordingState } from './recording-protocol';

const session = (patch: Partial<Session> = {}): Session => ({
  id: 's1',
  kind: 'interview',
  participantId: 'p1',
  guideId: 'g1',
  guideVersion: 1,
  platform: 'zoom',
  startedAt: 0,
  endedAt: null,
  status: 'active',
  currentItemId: 'q1',
  language: 'nb',
  hasAudio: false,
  consentChecked: [],
  ...patch,
});

const segment = (id: string, start: number, text = id): Segment => ({
  id,
  sessionId: 's1',
  channel: 'participant',
  start,
  end: start + 1,
  text,
  words: [],
  unclear: [],
  source: 'live',
});

const state = (revision: number, segments: Segment[] = [], patch: Partial<PanelState> = {}): PanelState => ({
  vault: 'open',
  guide: null,
  session: session({ revision }),
  revision,
  participant: null,
  events: [],
  notes: [],
  segments,
  recording: null,
  recordingVersion: 0,
  sessionsWithAudio: 0,
  recordingFailure: null,
  autoMark: false,
  ...patch,
});

const saved = (revision: number, item: Segment): PanelChange => ({ type: 'segment.saved', sessionId: 's1', revision, segment: item });
const texts = (updates: PanelUpdates) => updates.current()?.segments.map((item) => item.text);

describe('the panel applies stored changes one by one', () => {
  it('shows a new segment without asking for the whole session, in time order', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(3, [segment('a', 1), segment('c', 9)]));
    expect(updates.receive(saved(4, segment('b', 5)), 0)).toBe('applied');
    expect(texts(updates)).toEqual(['a', 'b', 'c']);
    expect(updates.current()?.revision).toBe(4);
  });

  it('replaces a segment stored again under the same id (an edit), not adding a second', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(1, [segment('a', 1)]));
    updates.receive(saved(2, segment('a', 1, 'rettet')), 0);
    expect(texts(updates)).toEqual(['rettet']);
  });

  it('drops a change it already shows (a duplicate or an older one)', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(5, [segment('a', 1)]));
    expect(updates.receive(saved(5, segment('x', 2)), 0)).toBe('stale');
    expect(updates.receive(saved(2, segment('y', 3)), 0)).toBe('stale');
    expect(texts(updates)).toEqual(['a']);
  });

  it('holds a change that overtook an earlier one, and applies both in order when the earlier arrives', () => {
    const updates = new PanelUpdates(1000);
    updates.snapshot(state(1));
    const note: PanelChange = { type: 'note.saved', sessionId: 's1', revision: 3, note: { id: 'n', sessionId: 's1', time: 5, text: 'notat', questionId: null, reviseGuide: false } };
    expect(updates.receive(note, 100)).toBe('held');
    expect(updates.current()?.notes).toEqual([]);
    expect(updates.needsReload(600)).toBe(false);
    expect(updates.receive(saved(2, segment('a', 1)), 700)).toBe('applied');
    expect(updates.current()?.revision).toBe(3);
    expect(updates.current()?.notes.map((item) => item.text)).toEqual(['notat']);
    expect(updates.needsReload(5000)).toBe(false);
  });

  it('asks for a full reload when a missing change does not come within the gap', () => {
    const updates = new PanelUpdates(1000);
    updates.snapshot(state(1));
    updates.receive(saved(3, segment('b', 2)), 100);
    expect(updates.needsReload(1099)).toBe(false);
    expect(updates.needsReload(1100)).toBe(true);
    // The reload brings revision 3 with both changes: nothing is held any more.
    updates.snapshot(state(3, [segment('a', 1), segment('b', 2)]));
    expect(updates.needsReload(10_000)).toBe(false);
    expect(texts(updates)).toEqual(['a', 'b']);
  });

  it('drops a full state older than what it shows, and keeps changes newer than a full state', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(2, [segment('a', 1)]));
    updates.receive(saved(3, segment('b', 2)), 0);
    expect(updates.snapshot(state(2, [segment('a', 1)]))).toBe(false);
    expect(texts(updates)).toEqual(['a', 'b']);
    // A change held before the full state that the full state does not include yet is applied on top.
    const fresh = new PanelUpdates();
    fresh.snapshot(state(1));
    fresh.receive(saved(5, segment('e', 5)), 0);
    fresh.receive(saved(4, segment('d', 4)), 0);
    expect(fresh.snapshot(state(3, [segment('c', 3)]))).toBe(true);
    expect(texts(fresh)).toEqual(['c', 'd', 'e']);
  });

  it('tells the panel to reload when the shown session ends, and ignores other sessions', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(1));
    expect(updates.receive({ ...saved(2, segment('z', 1)), sessionId: 's2' }, 0)).toBe('other-session');
    expect(updates.receive({ type: 'session.updated', sessionId: 's1', revision: 2, session: session({ status: 'ended', revision: 2 }) }, 0)).toBe('reload');
  });

  it('moves the current question when the session record changes', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(1));
    updates.receive({ type: 'session.updated', sessionId: 's1', revision: 2, session: session({ currentItemId: 'q4', revision: 2 }) }, 0);
    expect(updates.current()?.session?.currentItemId).toBe('q4');
  });

  it('keeps text out of a locked panel while still following the revisions', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(1, [], { vault: 'locked' }));
    expect(updates.receive(saved(2, segment('a', 1)), 0)).toBe('applied');
    expect(texts(updates)).toEqual([]);
    expect(updates.current()?.revision).toBe(2);
  });

  it('finds it is behind when the store holds a later revision than shown', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(4));
    expect(updates.isBehind('s1', 4)).toBe(false);
    expect(updates.isBehind('s1', 5)).toBe(true);
    expect(updates.isBehind('other', 9)).toBe(false);
  });

  it("shows only this session's recording", () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(1));
    updates.recordingChanged(recording('recording'), 1);
    expect(updates.current()?.recording?.status).toBe('recording');
    updates.recordingChanged({ ...recording('recording'), sessionId: 'other' }, 2);
    expect(updates.current()?.recording).toBeNull();
  });
});

const recording = (status: 'recording' | 'stopping'): RecordingState => ({
  sessionId: 's1',
  status,
  mode: 'call',
  tabId: 3,
  startedAt: 0,
  model: null,
  warnings: [],
});

describe('the recording state shown is the newest, whichever way it came', () => {
  it('keeps "stopped" when a full state read before the stop ended arrives after its notice', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(1, [], { recording: recording('recording'), recordingVersion: 4 }));
    // The stop: "stopping" (5), then no recording (6); a reload asked in between answers late.
    expect(updates.recordingChanged(recording('stopping'), 5)).toBe(true);
    expect(updates.recordingChanged(null, 6)).toBe(true);
    updates.snapshot(state(1, [], { recording: recording('stopping'), recordingVersion: 5 }));
    expect(updates.current()?.recording).toBeNull();
    expect(updates.current()?.recordingVersion).toBe(6);
  });

  it('keeps a notice that came before the panel had its first full state', () => {
    const updates = new PanelUpdates();
    // A panel opened mid-stop: the end of the stop is heard before the first reply.
    expect(updates.recordingChanged(null, 6)).toBe(false);
    updates.snapshot(state(1, [], { recording: recording('stopping'), recordingVersion: 5 }));
    expect(updates.current()?.recording).toBeNull();
  });

  it('takes the full state when it is newer than every notice, and drops notices older than it', () => {
    const updates = new PanelUpdates();
    updates.recordingChanged(recording('recording'), 2);
    updates.snapshot(state(1, [], { recording: recording('stopping'), recordingVersion: 3 }));
    expect(updates.current()?.recording?.status).toBe('stopping');
    expect(updates.recordingChanged(recording('recording'), 3)).toBe(false);
    expect(updates.current()?.recording?.status).toBe('stopping');
  });

  it('drops a notice older than one already applied', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(1));
    updates.recordingChanged(null, 8);
    expect(updates.recordingChanged(recording('recording'), 7)).toBe(false);
    expect(updates.current()?.recording).toBeNull();
  });
});

describe('the line for the last interview’s full-quality pass', () => {
  const pass = (requestedAt: number, doneSeconds: number) => ({
    state: 'running' as const,
    model: 'final',
    totalSeconds: 100,
    doneSeconds,
    runsDone: 0,
    channel: 'participant' as const,
    doneUntil: doneSeconds,
    utterancesDone: 1,
    replaced: 1,
    readings: 0,
    requestedAt,
    startedAt: requestedAt,
    finishedAt: null,
  });
  const ended = (id: string, requestedAt: number, doneSeconds: number): PanelChange => ({
    type: 'session.updated',
    sessionId: id,
    revision: 9,
    session: session({ id, status: 'ended', finalPass: pass(requestedAt, doneSeconds) }),
  });

  it('follows the pass of another session change by change, without a reload', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(1, [], { session: null, revision: 0 }));
    expect(updates.receive(ended('old', 10, 20), 0)).toBe('applied');
    expect(updates.current()?.lastFinalPass).toMatchObject({ sessionId: 'old', pass: { doneSeconds: 20 } });
    expect(updates.receive(ended('old', 10, 40), 0)).toBe('applied');
    expect(updates.current()?.lastFinalPass?.pass.doneSeconds).toBe(40);
  });

  it('keeps the pass asked for last', () => {
    const updates = new PanelUpdates();
    updates.snapshot(state(1, [], { session: null, revision: 0, lastFinalPass: { sessionId: 'new', pass: pass(50, 5) } }));
    expect(updates.receive(ended('older', 10, 80), 0)).toBe('other-session');
    expect(updates.current()?.lastFinalPass?.sessionId).toBe('new');
  });
});
