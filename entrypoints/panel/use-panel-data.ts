import { useEffect, useState } from 'preact/hooks';
import { latestStates, type CoverageState } from '../../src/coverage';
import { backgroundMessaging, onStoreChange, type PanelState } from '../../src/messages';

export interface PanelData extends PanelState {
  states: ReadonlyMap<string, CoverageState>;
}

/** Everything the panel shows, asked of the background and re-asked on every change notice. */
export function usePanelData(): [PanelData | null, () => Promise<void>] {
  const [data, setData] = useState<PanelData | null>(null);
  const reload = async () => {
    const state = await backgroundMessaging.sendMessage('panel.state');
    setData({ ...state, states: latestStates(state.events) });
  };
  useEffect(() => {
    void reload();
    return onStoreChange(() => void reload());
  }, []);
  return [data, reload];
}
