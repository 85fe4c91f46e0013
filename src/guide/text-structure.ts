/**
 * Finds the guide's skeleton in cleaned lines: its title and the headings that
 * start sections. Everything else stays a text line for `text-import.ts`.
 */
import type { SourceLine } from './text-lines';
import {
  extractHeadingMinutes,
  isAllCaps,
  isQuestionSentence,
  isReminderMarked,
  parseDurationLine,
  splitCondition,
  splitListMarker,
  splitProbeLabel,
  splitSentences,
  startsLowercase,
  stripEmphasis,
  type ListItem,
} from './text-patterns';

export type Entry =
  | { kind: 'blank'; line: number }
  | { kind: 'title'; line: number; title: string; minutes: number | null }
  /**
   * `intro`: an "Innledning"-like heading over checklist or read-aloud text; its lines join the intro instead of making a section.
   * `closing`: an "Etter intervjuet:"-like label or heading over the closing checklist; its lines join `closing`.
   * `readAloud`: the heading says its text is read aloud ("leses opp"): each paragraph is kept whole, and its question is not a guide question.
   */
  | { kind: 'heading'; line: number; title: string; minutes: number | null; intro: boolean; numbered: boolean; readAloud?: boolean; closing?: boolean }
  | { kind: 'text'; line: number; text: string; indent: number; list: ListItem | null };

type TextEntry = Extract<Entry, { kind: 'text' }>;

interface Candidate {
  title: string;
  minutes: number | null;
  strength: 'strong' | 'numbered' | 'weak';
}

const SECTION_KEYWORD = /^(?:del|tema|seksjon|section|part|topic|theme|kapittel|chapter|bolk|blokk|block|fase|phase|modul|module)\s+(?:\d{1,2}|[IVX]{1,4}|[A-Z])\b\s*[:.–—-]?\s*/i;
const GUIDE_TITLE_WORDS = /intervjuguide|intervju-guide|interview guide|interview protocol|intervjumal|samtaleguide|temaguide|topic guide/i;
const INTRO_TITLE = /^(?:innledning|introduksjon|intro|før intervjuet|før opptak(?:et)?|før vi (?:starter|begynner)|informasjon(?: og samtykke)?|samtykke|sjekkliste|briefing|introduction|before the interview|before recording|consent|informed consent|checklist)\b/i;
const INTRO_LABEL = new RegExp(`${INTRO_TITLE.source.replace(/\\b$/, '')}$`, 'i');
/**
 * The closing checklist's own label ("Etter intervjuet:", "Avslutningsvis:"). A section
 * titled "Avslutning" stays a section of questions; only these words make a checklist.
 */
const CLOSING_TITLE = /^(?:etter intervjuet|etter samtalen|avslutningsvis|sjekkliste (?:for|ved) avslutning(?:en)?|avslutningssjekkliste|after the interview|closing checklist|closing items|wrap-up checklist)$/i;
const TITLE_LABEL = /^(?:tittel|title)\s*:\s*(.+)$/i;
/** A heading that says its text is read out to the participant: "Innledning (leses opp …)", "Intro – read aloud". */
const READ_ALOUD = /\b(?:leses opp|les opp|lesast opp|les høgt|leses høyt|til opplesning|read aloud|read out|to be read)\b/i;
/** Questions that belong to the procedure, not the guide: "Har du noen spørsmål før vi starter?". */
const PROCEDURAL_QUESTION = /spørsmål (?:før|til (?:dette|det)|om (?:dette|studien|prosjektet))|lurer på før|greit (?:at|om) (?:jeg|vi) (?:starter|begynner|tar opp|setter på)|klar (?:til å|for å) (?:starte|begynne)|questions before (?:we|I)|any questions\b|ok(?:ay)? (?:if|that) (?:I|we) (?:start|begin|record)|ready to (?:start|begin)/i;
/** Most notes a heading may stand over before its first question ("Les opp: …", "Husk …"). */
const MAX_NOTES_UNDER_HEADING = 4;

/** The body of a text line without its list marker. */
export function bodyOf(entry: TextEntry): string {
  return entry.list ? entry.list.body : entry.text;
}

/** True for a line that asks something or sets a condition for the next question. */
export function isQuestionLevel(entry: Entry | undefined): boolean {
  if (entry?.kind !== 'text') return false;
  const body = bodyOf(entry);
  if (splitProbeLabel(body) !== null) return false;
  return body.includes('?') || splitCondition(body) !== null;
}

/** Cleans a heading's text: numbering, "Del 2:"-style prefixes and a trailing colon go; the title is what remains. */
function headingCandidate(text: string, allowBullets: boolean): Candidate | null {
  if (text.includes('?') || isReminderMarked(text) || splitCondition(text) || splitProbeLabel(text) !== null || parseDurationLine(text) !== null) return null;
  const list = splitListMarker(text);
  const numbered = list !== null && (list.kind.startsWith('number') || list.kind === 'letter');
  if (list && !numbered && !allowBullets) return null;
  const body = list ? list.body : text;
  const keyword = SECTION_KEYWORD.exec(body);
  const { title: withoutMinutes, minutes } = extractHeadingMinutes(body);
  let title = withoutMinutes.replace(/\s*:$/, '');
  if (keyword && title.length > keyword[0].length) title = title.slice(keyword[0].length).trim();
  if (/[.,;!:]$/.test(title) || title === '' || startsLowercase(title)) return null;
  if (title.length > 80 || title.split(/\s+/).length > 10) return null;
  const strength = keyword || minutes !== null || isAllCaps(title) ? 'strong' : numbered ? 'numbered' : 'weak';
  // "Gjør dette:" introduces the lines below it; only a marked heading ("Del 2:") may end in a colon.
  if (strength === 'weak' && /:$/.test(withoutMinutes)) return null;
  return { title, minutes, strength };
}

function nextNonBlank(entries: Entry[], index: number, step: 1 | -1): Entry | undefined {
  for (let cursor = index + step; cursor >= 0 && cursor < entries.length; cursor += step) {
    if (entries[cursor]?.kind !== 'blank') return entries[cursor];
  }
  return undefined;
}

/** The next line that is not blank, a "Tid: 10 min" line or an "NB:" note: what a heading's part starts with. */
function nextAfterNotes(entries: Entry[], index: number): Entry | undefined {
  let cursor = index;
  for (;;) {
    const next = nextNonBlank(entries, cursor, 1);
    const isNote = next?.kind === 'text' && (parseDurationLine(next.text) !== null || isReminderMarked(next.text));
    if (!isNote) return next;
    cursor = entries.indexOf(next, cursor + 1);
  }
}

/**
 * The first line under a heading once notes to the interviewer are passed: a
 * few paragraphs that are full sentences but not questions ("Les opp: Vi
 * snakker ikke om enkeltpersoner ved navn."), bullets among them. A line that
 * could itself be a heading stops the search: the heading has no questions of its own.
 */
function nextAfterInterviewerNotes(entries: Entry[], index: number): Entry | undefined {
  let cursor = index;
  for (let notes = 0; notes <= MAX_NOTES_UNDER_HEADING; notes += 1) {
    const next = nextAfterNotes(entries, cursor);
    if (next?.kind !== 'text' || isQuestionLevel(next)) return next;
    if (splitProbeLabel(bodyOf(next)) !== null || headingCandidate(next.text, false) !== null) return next;
    cursor = entries.indexOf(next, cursor + 1);
  }
  return undefined;
}

function isNumberedListSibling(entry: Entry | undefined, kind: string | undefined): boolean {
  return entry?.kind === 'text' && entry.list?.kind === kind && !bodyOf(entry).includes('?');
}

/** Reads cleaned lines as blank lines, the title, section headings and text lines. */
export function classifyLines(lines: SourceLine[], format: 'markdown' | 'plain'): Entry[] {
  const entries: Entry[] = [];
  const markdownLevels = new Map<number, number>();
  for (const source of lines) {
    let trimmed = source.text.trim();
    if (format === 'markdown') trimmed = trimmed.replace(/^(?:>\s?)+/, '');
    if (!/[\p{L}\d]/u.test(trimmed)) {
      entries.push({ kind: 'blank', line: source.line });
      continue;
    }
    const heading = format === 'markdown' ? /^(#{1,6})\s+(.*?)\s*#*$/.exec(trimmed) : null;
    if (heading) {
      const text = stripEmphasis(heading[2] ?? '');
      const candidate = headingCandidate(text, true);
      const { title, minutes } = candidate ?? extractHeadingMinutes(text);
      markdownLevels.set(entries.length, (heading[1] ?? '').length);
      entries.push({ kind: 'heading', line: source.line, title, minutes, intro: false, numbered: false });
      continue;
    }
    const text = format === 'markdown' ? stripEmphasis(trimmed) : trimmed;
    const indent = /^\s*/.exec(source.text)?.[0].replace(/\t/g, '    ').length ?? 0;
    entries.push({ kind: 'text', line: source.line, text, indent, list: splitListMarker(text) });
  }

  if (format === 'plain') markPlainHeadings(entries);
  else markBoldHeadings(entries, lines);
  markTitle(entries, markdownLevels);
  markIntroHeadings(entries);
  markReadAloudHeadings(entries);
  markClosingHeadings(entries);
  return entries;
}

function markPlainHeadings(entries: Entry[]): void {
  entries.forEach((entry, index) => {
    if (entry.kind !== 'text' || (entry.list && !entry.list.kind.startsWith('number') && entry.list.kind !== 'letter')) return;
    const candidate = headingCandidate(entry.text, false);
    if (!candidate) return;
    const previous = nextNonBlank(entries, index, -1);
    const next = nextNonBlank(entries, index, 1);
    let isHeading = candidate.strength === 'strong';
    if (candidate.strength === 'numbered') {
      // A run of numbered lines without questions, one per line, is a list (a consent checklist), not headings.
      isHeading = !isNumberedListSibling(entries[index - 1], entry.list?.kind) && !isNumberedListSibling(entries[index + 1], entry.list?.kind);
    }
    if (candidate.strength === 'weak') {
      const blankBefore = index === 0 || entries[index - 1]?.kind === 'blank' || previous?.kind === 'heading';
      const short = candidate.title.length <= 60 && candidate.title.split(/\s+/).length <= 8;
      isHeading = blankBefore && short && isQuestionLevel(nextAfterInterviewerNotes(entries, index));
    }
    if (isHeading) {
      entries[index] = { kind: 'heading', line: entry.line, title: candidate.title, minutes: candidate.minutes, intro: false, numbered: entry.list !== null || SECTION_KEYWORD.test(entry.text) };
    }
  });
}

function markBoldHeadings(entries: Entry[], lines: SourceLine[]): void {
  const boldLines = new Set(lines.filter((source) => /^\s*(?:\*\*[^*]+\*\*|__[^_]+__):?\s*$/.test(source.text)).map((source) => source.line));
  entries.forEach((entry, index) => {
    if (entry.kind !== 'text' || !boldLines.has(entry.line)) return;
    const candidate = headingCandidate(entry.text, false);
    if (candidate) entries[index] = { kind: 'heading', line: entry.line, title: candidate.title, minutes: candidate.minutes, intro: false, numbered: false };
  });
}

/** Decides which line, if any, is the guide's own title. */
function markTitle(entries: Entry[], markdownLevels: Map<number, number>): void {
  const headingIndexes = entries.flatMap((entry, index) => (entry.kind === 'heading' ? [index] : []));
  const levelOnes = headingIndexes.filter((index) => markdownLevels.get(index) === 1);
  const firstHeading = headingIndexes[0];
  if (levelOnes.length === 1 && levelOnes[0] === firstHeading && firstHeading !== undefined) {
    const heading = entries[firstHeading];
    if (heading?.kind === 'heading') entries[firstHeading] = { kind: 'title', line: heading.line, title: heading.title, minutes: heading.minutes };
    return;
  }
  const firstIndex = entries.findIndex((entry) => entry.kind !== 'blank');
  const first = entries[firstIndex];
  if (!first || markdownLevels.has(firstIndex)) return;
  const text = first.kind === 'text' ? first.text : first.kind === 'heading' ? first.title : '';
  const label = TITLE_LABEL.exec(text);
  const after = entries[firstIndex + 1];
  let isTitle = label !== null;
  if (!isTitle && first.kind === 'heading') {
    const nextHeading = entries.findIndex((entry, index) => index > firstIndex && entry.kind === 'heading');
    const firstQuestion = entries.findIndex((entry, index) => index > firstIndex && isQuestionLevel(entry));
    isTitle = !first.numbered && (GUIDE_TITLE_WORDS.test(text) || (nextHeading !== -1 && (firstQuestion === -1 || nextHeading < firstQuestion)));
  }
  if (!isTitle && first.kind === 'text' && !first.list && !text.includes('?') && !/[.!:;,]$/.test(text)) {
    const short = text.split(/\s+/).length <= 12 && text.length <= 100 && !startsLowercase(text);
    const standsAlone = after === undefined || after.kind === 'blank' || after.kind === 'heading';
    const plain = !splitCondition(text) && splitProbeLabel(text) === null && parseDurationLine(text) === null && !isReminderMarked(text);
    isTitle = short && plain && (standsAlone || GUIDE_TITLE_WORDS.test(text));
  }
  if (!isTitle) return;
  const { title, minutes } = extractHeadingMinutes(label ? (label[1] ?? '').trim() : text);
  entries[firstIndex] = { kind: 'title', line: first.line, title, minutes };
}

/** Marks "Innledning"-like headings before any question whose text has no question: their lines are the intro checklist. */
function markIntroHeadings(entries: Entry[]): void {
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index];
    if (isQuestionLevel(entry)) return;
    // "Før intervjuet:" over the consent points is the intro's own heading; "(leses opp)" after it says how it is used.
    const label = entry?.kind === 'text' && !entry.list ? extractHeadingMinutes(entry.text.replace(/:$/, '')).title : '';
    const bareLabel = label.replace(/\s*\([^()]*\)$/, '');
    if (entry?.kind === 'text' && INTRO_LABEL.test(bareLabel)) {
      entries[index] = { kind: 'heading', line: entry.line, title: label, minutes: null, intro: true, numbered: false, readAloud: READ_ALOUD.test(label) };
      continue;
    }
    if (entry?.kind !== 'heading' || !INTRO_TITLE.test(entry.title)) continue;
    const end = entries.findIndex((candidate, position) => position > index && candidate.kind === 'heading');
    const block = entries.slice(index + 1, end === -1 ? undefined : end);
    const questions = block.filter(isQuestionLevel);
    const readAloud = READ_ALOUD.test(entry.title);
    // A read-aloud intro may end by asking whether the participant has questions: that is the intro, not a part of the guide.
    if (questions.length === 0 || (readAloud && questions.every(isReadAloudParagraph)) || questions.every(isProceduralParagraph)) {
      entries[index] = { ...entry, intro: true, readAloud };
    }
  }
}

/** A paragraph read out as it stands: statements, perhaps ending in a question, not a list item. */
function isReadAloudParagraph(entry: Entry): boolean {
  return entry.kind === 'text' && entry.list === null && (splitSentences(entry.text).length > 1 || PROCEDURAL_QUESTION.test(entry.text));
}

/** A paragraph whose only question is about the procedure ("Har du noen spørsmål før vi starter?"). */
function isProceduralParagraph(entry: Entry): boolean {
  if (entry.kind !== 'text' || entry.list !== null) return false;
  const asked = splitSentences(entry.text).filter(isQuestionSentence);
  return asked.length > 0 && asked.every((sentence) => PROCEDURAL_QUESTION.test(sentence));
}

/** Marks headings that say their text is read aloud ("Avslutning (leses opp)"), wherever they stand. */
export function markReadAloudHeadings(entries: Entry[]): void {
  entries.forEach((entry, index) => {
    if (entry.kind === 'heading' && !entry.intro && READ_ALOUD.test(entry.title)) entries[index] = { ...entry, readAloud: true };
  });
}

/** Marks the closing checklist's label or heading ("Etter intervjuet:"), wherever it stands, when no question follows it in its block. */
function markClosingHeadings(entries: Entry[]): void {
  entries.forEach((entry, index) => {
    const title = entry.kind === 'heading' ? entry.title : entry.kind === 'text' && !entry.list && /:$/.test(entry.text) ? entry.text.replace(/\s*:$/, '') : null;
    if (title === null || !CLOSING_TITLE.test(stripEmphasis(title).trim())) return;
    const end = entries.findIndex((candidate, position) => position > index && candidate.kind === 'heading');
    const block = entries.slice(index + 1, end === -1 ? undefined : end);
    if (block.some(isQuestionLevel)) return;
    entries[index] = { kind: 'heading', line: entry.line, title, minutes: null, intro: false, numbered: false, closing: true };
  });
}
