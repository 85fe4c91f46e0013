/** Times as the export formats write them; all take seconds from the session's start. */

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `#hh:mm:ss-d#` (tenths), the time mark f4/f5 transcripts use and MAXQDA and ATLAS.ti import. */
export function formatTimestamp(seconds: number): string {
  const tenths = Math.max(0, Math.round(seconds * 10));
  const hours = Math.floor(tenths / 36_000);
  const minutes = Math.floor((tenths % 36_000) / 600);
  const wholeSeconds = Math.floor((tenths % 600) / 10);
  return `#${pad(hours)}:${pad(minutes)}:${pad(wholeSeconds)}-${tenths % 10}#`;
}

/** `hh:mm:ss.mmm` (WebVTT) or `hh:mm:ss,mmm` (SRT, `separator` ','). */
export function formatCueTime(seconds: number, separator: '.' | ',' = '.'): string {
  const millis = Math.max(0, Math.round(seconds * 1000));
  const hours = Math.floor(millis / 3_600_000);
  const minutes = Math.floor((millis % 3_600_000) / 60_000);
  const wholeSeconds = Math.floor((millis % 60_000) / 1000);
  return `${pad(hours)}:${pad(minutes)}:${pad(wholeSeconds)}${separator}${pad(millis % 1000, 3)}`;
}

/** `hh:mm:ss` of a time into the session (notes). */
export function formatElapsed(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
}

/** `YYYY-MM-DD HH:mm` in the machine's time zone, as the workspace shows dates. */
export function formatDate(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
