/**
 * Which stored segments the in-call panel shows: the latest ones only. The
 * panel frame lives for the whole interview, and a DOM row per segment (842 in
 * the one-hour soak) is memory that grows with the interview's length; the
 * session view shows the whole transcript. The panel's state still holds every
 * segment (src/messages/panel-updates.ts): only what is rendered is bounded.
 */

/** Segments the live transcript renders: about 7 minutes of a lively interview (14 a minute in the soak). */
export const LIVE_TRANSCRIPT_LIMIT = 100;

/** The latest `limit` segments by start time (oldest first), and how many earlier ones are left out. */
export function latestSegments<T extends { start: number }>(
  segments: readonly T[],
  limit: number = LIVE_TRANSCRIPT_LIMIT,
): { shown: T[]; earlier: number } {
  const ordered = [...segments].sort((a, b) => a.start - b.start);
  const earlier = Math.max(0, ordered.length - Math.max(0, limit));
  return { shown: ordered.slice(earlier), earlier };
}
