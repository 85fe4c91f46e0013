import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { MEETING_ORIGIN_MATCHES } from './src/meeting/meeting-platforms';

// The extension must make no network request at run time: everything it runs is
// bundled, and the CSP below forbids loading anything that is not the extension's own.
// `wasm-unsafe-eval` lets onnxruntime compile its bundled WebAssembly; `wxt build`
// writes no CSP of its own (only the dev server does), so we own it here.
const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self' blob: data:",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self' https://*.zoom.us https://teams.microsoft.com https://teams.live.com https://teams.cloud.microsoft",
].join('; ');

export default defineConfig({
  vite: () => ({
    // @preact/preset-vite is typed against the top-level Vite (vitest's); WXT bundles
    // its own Vite 7, which runs the same plugin API.
    plugins: [preact() as never],
    build: { target: 'es2022' },
  }),
  manifest: ({ browser }) => ({
    name: 'Intervju',
    description: 'Interview guide, coverage and local transcription beside a Zoom or Teams call. Nothing leaves your machine.',
    minimum_chrome_version: '116',
    // Recording uses Chrome's tabCapture and offscreen documents, and the panel Chrome's
    // side panel; the Firefox build has the guide, coverage, notes and lifecycle, with
    // the panel in Firefox's sidebar, and no recording.
    permissions:
      browser === 'firefox'
        ? ['storage', 'unlimitedStorage', 'alarms']
        : ['storage', 'unlimitedStorage', 'sidePanel', 'alarms', 'offscreen', 'tabCapture'],
    ...(browser === 'firefox' ? { sidebar_action: { default_panel: 'panel.html', default_title: 'Intervju' } } : {}),
    // The meeting sites the content script runs on anyway; listed so the toolbar
    // button can tell a call tab (panel already on the page) from any other tab.
    host_permissions: [...MEETING_ORIGIN_MATCHES],
    action: { default_title: 'Intervju' },
    ...(browser === 'firefox' ? {} : { side_panel: { default_path: 'panel.html' } }),
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    web_accessible_resources: [{ resources: ['panel.html'], matches: [...MEETING_ORIGIN_MATCHES] }],
    commands: {
      // Chrome allows at most four suggested shortcuts; the others can be set by the
      // researcher at chrome://extensions/shortcuts.
      'next-question': { suggested_key: { default: 'Alt+Shift+Down' }, description: 'Next question / Neste spørsmål' },
      'previous-question': { suggested_key: { default: 'Alt+Shift+Up' }, description: 'Previous question / Forrige spørsmål' },
      'mark-asked': { suggested_key: { default: 'Alt+Shift+A' }, description: 'Mark as asked / Merk som spurt' },
      'mark-covered': { suggested_key: { default: 'Alt+Shift+C' }, description: 'Mark as covered / Merk som dekket' },
      'mark-skipped': { description: 'Skip question / Hopp over spørsmål' },
      // The newest suggestion from the transcript (the panel's own keys: y / n).
      'confirm-suggestion': { description: 'Confirm the newest suggestion / Bekreft nyeste forslag' },
      'dismiss-suggestion': { description: 'Dismiss the newest suggestion / Avvis nyeste forslag' },
      // Asks for confirmation in the panel; recording stops before the interview ends.
      'end-interview': { description: 'End the interview (asks first) / Avslutt intervjuet (spør først)' },
    },
    browser_specific_settings: { gecko: { id: 'intervju@intervju.local' } },
  }),
});
