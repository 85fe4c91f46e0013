import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isLevelsNotice, type LevelsNotice } from '../../src/messages';

/** The live level of each channel, straight from the offscreen document (never stored). */
export function useLevels(sessionId: string | null): LevelsNotice['levels'] {
  const [levels, setLevels] = useState<LevelsNotice['levels']>({});
  useEffect(() => {
    if (!sessionId) return;
    const listener = (message: unknown) => {
      if (isLevelsNotice(message) && message.sessionId === sessionId) setLevels(message.levels);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [sessionId]);
  return levels;
}
