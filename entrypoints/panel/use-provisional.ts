import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isProvisionalNotice, type ProvisionalNotice, type RecordingChannel } from '../../src/messages';

/** Each channel's provisional text of the utterance under way, straight from the offscreen document (never stored). */
export function useProvisional(sessionId: string | null): ProvisionalNotice[] {
  const [byChannel, setByChannel] = useState<Partial<Record<RecordingChannel, ProvisionalNotice>>>({});
  useEffect(() => {
    setByChannel({});
    if (!sessionId) return;
    const listener = (message: unknown) => {
      if (!isProvisionalNotice(message) || message.sessionId !== sessionId) return;
      setByChannel((current) => {
        const next = { ...current };
        if (message.text === null) delete next[message.channel];
        else next[message.channel] = message;
        return next;
      });
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [sessionId]);
  return Object.values(byChannel).sort((a, b) => a.start - b.start);
}
