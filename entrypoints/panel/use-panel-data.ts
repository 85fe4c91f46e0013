import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { latestStates, type CoverageState } from '../../src/coverage';
import {
  backgroundMessaging,
  DEFAULT_GAP_MS,
  isPanelChangeNotice,
  isRecordingStateNotice,
  onStoreChange,
  PanelUpdates,
  type PanelState,
} from '../../src/messages';
import { panelScope } from './panel-scope';

export interface PanelData extends PanelState {
  states: ReadonlyMap<string, CoverageState>;
}

/** The User Timing entry each shown segment adds: stored → on screen, read by the soak benchmark and its test. */
export const PANEL_UPDATE_MEASURE = 'intervju:panel-update';

/**
 * Everything the panel shows: the full state when the panel opens (or after a
 * gap, or when something outside the session changed), then each stored change
 * applied as it arrives (src/messages/panel-updates.ts).
 */
export function usePanelData(): [PanelData | null, () => Promise<void>] {
  const [data, setData] = useState<PanelData | null>(null);
  const updates = useRef(new PanelUpdates()).current;
  const reloadRef = useRef<() => Promise<void>>(async () => undefined);

  useEffect(() => {
    let alive = true;
    let asked = 0;
    let shownTicket = 0;
    let gapTimer: ReturnType<typeof setTimeout> | null = null;
    let revisionTimer: ReturnType<typeof setTimeout> | null = null;
    const show = () => {
      const state = updates.current();
      if (alive && state) setData({ ...state, states: latestStates(state.events) });
    };
    const reload = async () => {
      const ticket = ++asked;
      const state = await backgroundMessaging.sendMessage('panel.state', panelScope);
      // A reply to an older request, overtaken by a newer one, is dropped.
      if (!alive || ticket < shownTicket) return;
      shownTicket = ticket;
      if (updates.snapshot(state)) show();
    };
    reloadRef.current = reload;
    // A change that never came is found two ways: a later one arrives first (held,
    // then a reload when the gap lasts), or a store-change notice names a revision
    // the panel has not seen.
    const watchGap = () => {
      gapTimer ??= setTimeout(() => {
        gapTimer = null;
        if (updates.needsReload(Date.now())) void reload();
      }, DEFAULT_GAP_MS);
    };
    const checkRevisionSoon = (sessionId: string) => {
      revisionTimer ??= setTimeout(() => {
        revisionTimer = null;
        void backgroundMessaging.sendMessage('panel.revision', sessionId).then((stored) => {
          if (alive && stored !== null && updates.isBehind(sessionId, stored)) void reload();
        });
      }, DEFAULT_GAP_MS);
    };

    const onMessage = (message: unknown) => {
      if (isRecordingStateNotice(message)) {
        if (updates.recordingChanged(message.state, message.version)) show();
        return;
      }
      if (!isPanelChangeNotice(message)) return;
      switch (updates.receive(message.change, Date.now())) {
        case 'applied':
          show();
          if (message.change.type === 'segment.saved') measureShown(message.storedAt);
          return;
        case 'held':
          return watchGap();
        case 'reload':
          return void reload();
        case 'stale':
        case 'other-session':
          return;
      }
    };
    browser.runtime.onMessage.addListener(onMessage);
    const unsubscribe = onStoreChange((change) => {
      const shown = updates.current()?.session?.id;
      switch (change.type) {
        case 'session.changed':
          return change.sessionId === shown ? checkRevisionSoon(shown) : void reload();
        case 'coverage.changed':
        case 'notes.changed':
        case 'segments.changed':
          return change.sessionId === shown ? checkRevisionSoon(shown) : undefined;
        default:
          return void reload();
      }
    });
    void reload();
    return () => {
      alive = false;
      if (gapTimer) clearTimeout(gapTimer);
      if (revisionTimer) clearTimeout(revisionTimer);
      browser.runtime.onMessage.removeListener(onMessage);
      unsubscribe();
    };
  }, []);
  return [data, () => reloadRef.current()];
}

/** Records how long a stored segment took to reach the screen (after Preact's render, which runs before the next task). */
function measureShown(storedAt: number): void {
  setTimeout(() => {
    const end = performance.now();
    const duration = Math.max(0, Date.now() - storedAt);
    performance.measure(PANEL_UPDATE_MEASURE, { start: Math.max(0, end - duration), end });
  }, 0);
}
