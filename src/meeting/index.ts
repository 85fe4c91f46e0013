/**
 * What the extension does on a meeting page: which Zoom and Teams pages it
 * serves (the content script's matches, the manifest's web-accessible origins),
 * how much room each client's own controls need, and the host element the
 * content script adds there (a closed shadow root around the panel's iframe),
 * with the place the researcher left it.
 *
 * Not in src/ui: the host is plain DOM in the meeting page's document, not a
 * Preact component of an extension page, and it is the boundary the meeting page
 * must not see through (docs/architecture.md, "The meeting page must not see the
 * interview"). Its labels come from src/ui (`panelHostLabels`), as i18n does.
 */
export { MEETING_PAGE_MATCHES, MEETING_ORIGIN_MATCHES, platformOf, controlInsets } from './meeting-platforms';
export type { MeetingPlatform, ControlInsets } from './meeting-platforms';
export { mountPanelHost, PANEL_HOST_ID } from './panel-host';
export type { PanelHostState, PanelHostOptions, PanelHost } from './panel-host';
export { readPanelHostState, writePanelHostState } from './panel-host-settings';
