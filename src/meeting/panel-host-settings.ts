import { browser } from 'wxt/browser';
import { DEFAULT_PANEL_HOST_STATE, type PanelHostState } from './panel-host';

const STORAGE_KEY = 'panelHost';

/** Where the researcher left the panel last time (side, width, collapsed); not sensitive. */
export async function readPanelHostState(area = browser.storage.local): Promise<PanelHostState> {
  const stored = (await area.get(STORAGE_KEY))[STORAGE_KEY] as Partial<PanelHostState> | undefined;
  return {
    side: stored?.side === 'left' ? 'left' : DEFAULT_PANEL_HOST_STATE.side,
    width: typeof stored?.width === 'number' ? stored.width : DEFAULT_PANEL_HOST_STATE.width,
    collapsed: stored?.collapsed === true,
  };
}

/** Remembers the panel's place for the next call. */
export async function writePanelHostState(state: PanelHostState, area = browser.storage.local): Promise<void> {
  await area.set({ [STORAGE_KEY]: state });
}
