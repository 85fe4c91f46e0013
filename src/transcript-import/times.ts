/** Times as transcript files write them, read into seconds. */

/**
 * A cue time: `hh:mm:ss.mmm`, `mm:ss.mmm` (WebVTT), `hh:mm:ss,mmm` (SRT), or
 * the loose `0:0:5.12` of Teams' older transcripts. Hours may exceed 99. Null
 * when the text is not a time.
 */
export function parseCueTime(text: string): number | null {
  const match = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1] ?? 0);
  const minutes = Number(match[2]);
  const seconds = Number(match[3]);
  if (minutes > 59 || seconds > 59) return null;
  // "5.12" is 5 s 120 ms: the fraction is read as decimals, whatever its length.
  const fraction = match[4] ? Number(`0.${match[4]}`) : 0;
  return hours * 3600 + minutes * 60 + seconds + fraction;
}

/** Seconds as `hh:mm:ss` for messages and the preview. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
}

/**
 * Words a speaker says in a second, to estimate how long a turn lasted when the
 * file gives only its start and nothing follows it (about 150 words a minute,
 * the usual figure for conversational Norwegian and English speech).
 */
const WORDS_PER_SECOND = 2.5;

/** A guess at the length of a turn from its words; at least one second. */
export function estimatedSeconds(text: string): number {
  const words = text.split(/\s+/u).filter(Boolean).length;
  return Math.max(1, Math.round((words / WORDS_PER_SECOND) * 10) / 10);
}
