import { browser } from 'wxt/browser';
import { panelHostLabels, pickLocale } from '../../src/ui';
import {
  MEETING_PAGE_MATCHES,
  controlInsets,
  mountPanelHost,
  platformOf,
  PANEL_HOST_ID,
  readPanelHostState,
  writePanelHostState,
} from '../../src/meeting';

/**
 * Places the panel beside a Zoom or Teams web call. Only the host element and its
 * frame enter the page; the panel itself is an extension page inside the frame.
 */
export default defineContentScript({
  matches: [...MEETING_PAGE_MATCHES],
  runAt: 'document_idle',
  async main(ctx) {
    const platform = platformOf(location.href);
    const mount = async () =>
      mountPanelHost({
        document,
        panelUrl: `${browser.runtime.getURL('/panel.html')}?platform=${platform}`,
        insets: controlInsets(platform),
        state: await readPanelHostState(),
        onStateChange: (state) => void writePanelHostState(state),
        labels: panelHostLabels(pickLocale()),
      });
    let host = await mount();
    // Meeting clients are single-page apps that may rebuild the document; put the
    // panel back if it was taken away.
    ctx.setInterval(() => {
      if (!document.getElementById(PANEL_HOST_ID)) void mount().then((mounted) => (host = mounted));
    }, 2000);
    ctx.onInvalidated(() => host.remove());
  },
});
