/**
 * The transcript every exporter writes: speaker names, cleaned segment text
 * (`[uklart]` markers in the transcript's language, optional filler removal),
 * and turns (consecutive segments of one speaker).
 */
import type { Channel, Segment } from '../store/records';
import { formatUnclear, unclearLabel } from '../transcribe/unclear-policy';
import { exportLabels } from './labels';
import { formatDate } from './time';
import type { ExportSession, TranscriptOptions } from './types';

/**
 * The speaker of a channel: `I` for the interviewer, the pseudonym for the
 * participant (or "Deltaker"/"Participant" in a pilot), and `I/<pseudonym>` for a
 * `mixed` channel: one microphone heard both, so the export says so rather than guess.
 */
export function speakerName(channel: Channel, input: Pick<ExportSession, 'participant' | 'locale'>): string {
  const labels = exportLabels(input.locale);
  const participant = input.participant?.pseudonym.trim() || labels.participant;
  if (channel === 'interviewer') return labels.interviewer;
  if (channel === 'participant') return participant;
  return `${labels.interviewer}/${participant}`;
}

/** Every marker label the transcriber writes (docs/uklart.md). */
const MARKER = /\[(?:uklart|unclear|otydligt)(?::\s*([^\]]*))?\]/giu;

/** `[uklart]` / `[uklart: ord?]` markers written with the label of the transcript's language. */
export function normaliseMarkers(text: string, language: string): string {
  const label = unclearLabel(language);
  return text.replace(MARKER, (_match, guess: string | undefined) => formatUnclear(label, guess ?? null));
}

/** Filler words per transcript language; only words that are never anything else. */
const FILLERS: Record<string, readonly string[]> = {
  nb: ['eh', 'ehm', 'ehh', 'æh', 'æhm', 'øh', 'øhm', 'øhh', 'hm', 'hmm', 'em', 'ehem'],
  en: ['uh', 'uhm', 'um', 'umm', 'erm', 'er', 'hm', 'hmm'],
};
const FILLER_LANGUAGES: Record<string, string> = { nb: 'nb', nn: 'nb', no: 'nb', da: 'nb', en: 'en' };

function fillerPattern(language: string): RegExp | null {
  const primary = language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const words = FILLERS[FILLER_LANGUAGES[primary] ?? ''];
  if (!words) return null;
  // A filler stands alone (start or after space/comma), with its own comma, before a space, punctuation or the end.
  return new RegExp(`(?<=^|[\\s,(])(?:${words.join('|')})(?:[,…]|\\.\\.\\.)?(?=[\\s.!?;:)]|$)`, 'giu');
}

/** Removes filler words and tidies the spaces and commas they leave. Markers are left alone. */
export function removeFillers(text: string, language: string): string {
  const pattern = fillerPattern(language);
  if (!pattern) return text;
  // Markers (and their guesses) are not touched: split them out, clean the rest.
  const cleaned = text
    .split(/(\[[^\]]*\])/u)
    .map((piece, index) => (index % 2 === 1 ? piece : piece.replace(pattern, '')))
    .join('')
    .replace(/\s+([.,!?;:…])/gu, '$1')
    .replace(/,([.!?;:…])/gu, '$1')
    .replace(/^[\s,]+/u, '')
    .replace(/\s{2,}/gu, ' ')
    .trim();
  // "Eh, jeg vet ikke." starts a sentence again with "Jeg".
  const first = cleaned.charAt(0);
  return /^\p{Lu}/u.test(text) && first !== first.toUpperCase() ? first.toUpperCase() + cleaned.slice(1) : cleaned;
}

/** One segment's text as exports write it: trimmed, one line, markers normalised, fillers as chosen. */
export function segmentText(segment: Segment, language: string, options: TranscriptOptions = {}): string {
  const text = normaliseMarkers(segment.text.replace(/\s+/gu, ' ').trim(), language);
  return options.keepFillers === false ? removeFillers(text, language) : text;
}

/** One segment inside a turn. */
export interface TurnPart {
  segmentId: string;
  text: string;
  start: number;
  end: number;
}

export interface Turn {
  channel: Channel;
  speaker: string;
  /** Seconds from the session's start. */
  start: number;
  end: number;
  parts: TurnPart[];
}

/** The turn's text: its segments joined by spaces. */
export function turnText(turn: Turn): string {
  return turn.parts.map((part) => part.text).join(' ');
}

/** Segments with text (empty ones are left out), cleaned, in the order given. */
export function transcriptParts(input: ExportSession, options: TranscriptOptions = {}): (TurnPart & { channel: Channel })[] {
  return input.segments.flatMap((segment) => {
    const text = segmentText(segment, input.session.language, options);
    return text === '' ? [] : [{ segmentId: segment.id, text, start: segment.start, end: segment.end, channel: segment.channel }];
  });
}

/** Consecutive segments of one speaker (channel) merged into one turn. */
export function transcriptTurns(input: ExportSession, options: TranscriptOptions = {}): Turn[] {
  const turns: Turn[] = [];
  for (const { channel, ...part } of transcriptParts(input, options)) {
    const last = turns.at(-1);
    if (last && last.channel === channel) {
      last.parts.push(part);
      last.end = Math.max(last.end, part.end);
    } else {
      turns.push({ channel, speaker: speakerName(channel, input), start: part.start, end: part.end, parts: [part] });
    }
  }
  return turns;
}

/** The session's title: the pseudonym, or "Pilotintervju"/"Pilot interview". */
export function sessionTitle(input: Pick<ExportSession, 'participant' | 'locale'>): string {
  return input.participant?.pseudonym.trim() || exportLabels(input.locale).pilot;
}

export interface SessionHeader {
  title: string;
  /** `Dato: 2025-03-14 13:00` */
  date: string;
  /** `Intervjuguide: <title> (versjon 2)` */
  guide: string;
  /** The explanation of `I/…` turns, when the session has any; else null. */
  mixed: string | null;
}

/** What an export says about the session before the transcript. */
export function sessionHeader(input: ExportSession): SessionHeader {
  const labels = exportLabels(input.locale);
  const { guide, session } = input;
  return {
    title: sessionTitle(input),
    date: `${labels.date}: ${formatDate(session.startedAt)}`,
    guide: guide.id === '' ? `${labels.guide}: ${labels.noGuide}` : `${labels.guide}: ${guide.title} (${labels.version} ${guide.version})`,
    mixed: input.segments.some((segment) => segment.channel === 'mixed') ? labels.mixedExplained : null,
  };
}
