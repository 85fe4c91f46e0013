/**
 * Where the in-call panel appears, and how much room each meeting client needs
 * for its own controls. Zoom's web client keeps its controls in a footer bar;
 * Teams keeps them in a bar at the top of the call.
 */
export type MeetingPlatform = 'zoom' | 'teams' | 'other';

export const MEETING_PAGE_MATCHES = [
  'https://app.zoom.us/wc/*',
  'https://*.zoom.us/wc/*',
  'https://teams.microsoft.com/*',
  'https://teams.live.com/*',
  'https://teams.cloud.microsoft/*',
] as const;

/**
 * The origins those pages live on. Chrome accepts only whole-origin patterns (path
 * `/*`) for web_accessible_resources, which is where the panel page is offered.
 */
export const MEETING_ORIGIN_MATCHES = [
  'https://*.zoom.us/*',
  'https://teams.microsoft.com/*',
  'https://teams.live.com/*',
  'https://teams.cloud.microsoft/*',
] as const;

/** Pixels at the top and bottom of the viewport the panel must leave free. */
export interface ControlInsets {
  top: number;
  bottom: number;
}

const INSETS: Record<MeetingPlatform, ControlInsets> = {
  zoom: { top: 0, bottom: 88 },
  teams: { top: 64, bottom: 0 },
  other: { top: 0, bottom: 0 },
};

/** Which meeting client a page URL belongs to. */
export function platformOf(url: string): MeetingPlatform {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return 'other';
  }
  if (host === 'zoom.us' || host.endsWith('.zoom.us')) return 'zoom';
  if (host === 'teams.microsoft.com' || host === 'teams.live.com' || host === 'teams.cloud.microsoft') return 'teams';
  return 'other';
}

/** The room a platform's own call controls take up, which the panel must not cover. */
export function controlInsets(platform: MeetingPlatform): ControlInsets {
  return INSETS[platform];
}
