import type { BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The participant's voice, which the fake call plays when a test calls `__playParticipant()`. */
const PARTICIPANT_WAV = path.resolve('tests/e2e/audio/participant-with-dropout.wav');

/**
 * Stand-ins for Zoom's and Teams' web clients, served at their real URLs through
 * request routing, so the content script's real match patterns are exercised.
 * Each page carries a script of its own, as the real clients do, which tries to
 * read everything it can reach and keeps it in `window.__meetingPageSaw`.
 */
export const FAKE_MEETING_HOSTS = [
  'app.zoom.us',
  'us05web.zoom.us',
  'zoom.us',
  'teams.microsoft.com',
  'teams.live.com',
  'teams.cloud.microsoft',
];

export const FAKE_MEETING_URLS = {
  zoom: 'https://app.zoom.us/wc/81234567890/join?fromPWA=1',
  zoomVanity: 'https://us05web.zoom.us/wc/81234567890/start',
  teams: 'https://teams.microsoft.com/v2/?meetingjoin=true',
  teamsLive: 'https://teams.live.com/v2/',
  teamsCloud: 'https://teams.cloud.microsoft/',
  /** Zoom's home page is no call: the panel must not appear there. */
  zoomHome: 'https://zoom.us/',
} as const;

const MEETING_PAGE = (title: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title></head>
<body style="margin:0;background:#222;color:#eee;font-family:sans-serif">
  <div id="root"><div class="video">${title} — fake call</div>
  <div class="footer" style="position:fixed;bottom:0;left:0;right:0;height:80px;background:#111">controls</div></div>
  <script>
    // What a meeting client's own script could collect: the page's text, every open
    // shadow root, and the documents of any frames it may open.
    window.__playParticipant = (loop = false) => {
      const audio = new Audio('/__intervju-test/participant.wav');
      audio.loop = loop;
      document.body.append(audio);
      return audio.play().then(() => true);
    };
    window.__collectEverything = () => {
      const texts = [];
      const visit = (root) => {
        if (!root) return;
        if (root.textContent) texts.push(root.textContent);
        for (const element of root.querySelectorAll ? root.querySelectorAll('*') : []) {
          if (element.shadowRoot) visit(element.shadowRoot);
          if (element.tagName === 'IFRAME') {
            if (element.contentDocument) visit(element.contentDocument);
            else texts.push('[frame-closed]');
            try { visit(element.contentWindow.document); } catch (error) { texts.push('[blocked:' + error.name + ']'); }
          }
        }
      };
      visit(document);
      return texts.join('\\n');
    };
  </script>
</body></html>`;

/** Serves the fake meeting pages for every request to the meeting hosts. */
export async function routeFakeMeetings(context: BrowserContext): Promise<void> {
  for (const host of FAKE_MEETING_HOSTS) {
    await context.route(`https://${host}/**`, (route) =>
      new URL(route.request().url()).pathname === '/__intervju-test/participant.wav'
        ? route.fulfill({ status: 200, contentType: 'audio/wav', body: readFileSync(PARTICIPANT_WAV) })
        : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: MEETING_PAGE(host) }),
    );
  }
}
