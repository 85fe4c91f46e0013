/**
 * Speaker labels written into the text: "Kari Nordmann: Hei", "I: Hvordan …",
 * "Speaker 2: Ja". Zoom's WebVTT, many SRT files and plain-text transcripts mark
 * speakers this way. A colon in a sentence ("Det jeg mener er: …") must not be
 * taken for a speaker, so the label must look like a name or a known role.
 */

/** Roles transcription conventions use (f4, MAXQDA, Zoom's unnamed speakers), lower case. */
const KNOWN_LABELS = /^(?:i|ip|b|int|intervjuer|intervjuar|interviewer|deltaker|deltakar|informant|respondent|participant|interviewee|moderator|(?:speaker|taler|talar|person|deltaker|informant|participant|guest|gjest)\s*\d{1,2})$/iu;

/** Small words that may stand inside a name: "Ingrid van der Berg", "Ali bin Omar". */
const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'la', 'le', 'af', 'av', 'bin', 'ibn', 'al', 'el', 'og']);

function looksLikeName(label: string): boolean {
  const words = label.split(/\s+/u);
  if (words.length > 5 || label.length > 60) return false;
  // Teams and Zoom names may carry an organisation or a role: "Kari Nordmann (UiO)", "Nordmann, Kari".
  return words.every((word, index) => {
    const bare = word.replace(/^[(\[]|[)\],]$/gu, '');
    if (bare === '' || /^\d+$/u.test(bare)) return false;
    if (/^\p{Lu}/u.test(bare)) return true;
    return index > 0 && NAME_PARTICLES.has(bare.toLowerCase());
  });
}

/** True for a label that names a speaker: a known role ("I", "Intervjuer", "Speaker 2") or something shaped like a name. */
export function isSpeakerLabel(label: string): boolean {
  return KNOWN_LABELS.test(label) || looksLikeName(label);
}

const PREFIX = /^\s*([^:.?!;"“”«»]{1,60}?)\s*:\s+(.*)$/su;
/** How often a label must start a line to count as a speaker even when it does not look like a name ("kari:", "intervjuar 2:"). */
const REPEATED = 3;

/**
 * Labels that start at least three of the texts: a tool that writes speakers
 * writes them on every turn, so a repeated label is a speaker whatever its
 * spelling, while a colon inside a sentence seldom repeats word for word.
 */
export function repeatedLabels(texts: Iterable<string>): Set<string> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const label = PREFIX.exec(text)?.[1]?.trim();
    if (label && label.split(/\s+/u).length <= 4) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count >= REPEATED).map(([label]) => label));
}

/** The speaker label and the rest of the text, or null when the text starts with no label. `known`: labels accepted as they are (see `repeatedLabels`). */
export function splitSpeakerPrefix(text: string, known: ReadonlySet<string> = new Set()): { speaker: string; rest: string } | null {
  const match = PREFIX.exec(text);
  if (!match) return null;
  const speaker = (match[1] ?? '').trim();
  // "10:30" and the like are times, not speakers.
  if (speaker === '' || /^\d+$/u.test(speaker)) return null;
  if (!known.has(speaker) && !isSpeakerLabel(speaker)) return null;
  return { speaker, rest: (match[2] ?? '').trim() };
}
