/**
 * The extension's one offscreen document, shared by a recording (capture and
 * playback) and the full-quality pass (a transcription worker, docs/final-pass.md).
 * The pass's document is closed before a recording's is made
 * (`FinalPassControl.yieldToRecording`).
 */
import { browser } from 'wxt/browser';

const documentUrl = () => browser.runtime.getURL('/offscreen.html');

export async function offscreenDocumentOpen(): Promise<boolean> {
  return (await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [documentUrl()] })).length > 0;
}

export async function ensureOffscreenDocument(purpose: 'recording' | 'final-pass' = 'recording'): Promise<void> {
  if (await offscreenDocumentOpen()) return;
  const url = documentUrl();
  await browser.offscreen.createDocument(
    purpose === 'recording'
      ? { url, reasons: ['USER_MEDIA', 'AUDIO_PLAYBACK'], justification: 'Records the interview (call tab and microphone) and transcribes it on this machine.' }
      : { url, reasons: ['WORKERS'], justification: 'Transcribes the stored interview audio again, with the larger model, on this machine.' },
  );
}

/**
 * A new offscreen document may not have registered its listener yet when
 * createDocument resolves; until it has, Chrome answers "Receiving end does not exist".
 */
export async function untilOffscreenListens<T>(send: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await send();
    } catch (cause) {
      const missing = cause instanceof Error && cause.message.includes('Receiving end does not exist');
      if (!missing || Date.now() > deadline) throw cause;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
