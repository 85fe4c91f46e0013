/**
 * Reads an interview guide pasted from Word, a PDF or Markdown into a draft:
 * title, intro checklist, sections, questions, probes, conditions, reminders.
 * The rules are written for researchers in docs/guide-import.md; keep the two in step.
 * Nothing is dropped without a trace: a line that fits nowhere is returned in
 * `unplaced` so the researcher can place it by hand.
 */
import { DEFAULT_PLANNED_MINUTES, type ChecklistItem, type GuideDraft, type Question, type Section } from './model';
import { defaultIdSource, type IdSource } from './ids';
import { cleanExtractedText } from './text-lines';
import { bodyOf, classifyLines, isQuestionLevel, type Entry } from './text-structure';
import {
  isQuestionSentence,
  parseBracketedList,
  parseDurationLine,
  splitCondition,
  splitProbeLabel,
  splitSentences,
  type ListItem,
} from './text-patterns';

/** A line the importer could not place, with its 1-based line number in the pasted text. */
export interface UnplacedLine {
  line: number;
  text: string;
  reason: string;
}

export interface GuideImportResult {
  draft: GuideDraft;
  unplaced: UnplacedLine[];
  format: 'markdown' | 'plain';
}

export interface GuideImportOptions {
  /** The title the researcher typed: kept as the guide's title, over a title line in the text. */
  title?: string;
  idSource?: IdSource;
}

// Shown to the researcher beside each unplaced line (the app speaks Norwegian bokmål).
export const UNPLACED_REASONS = {
  aboveTitle: 'Står over guidens tittel.',
  fragment: 'For kort til å være et spørsmål, en oppfølging eller en påminnelse (rest etter kopiering?).',
  probeWithoutQuestion: 'Oppfølging uten et spørsmål over seg.',
  conditionWithoutQuestion: 'Betingelse («spør bare hvis …») som ikke blir fulgt av et spørsmål.',
  introLabel: 'Ser ut som en overskrift for punktene under, ikke som et punkt i sjekklisten.',
} as const;

/** "! Spørsmål?", "Spørsmål? (må spørres)", "(must ask) Question?": the researcher marks a question that must be asked. */
const MUST_ASK_MARK = /^!\s*|\s*[(\[](?:må spørres|må stilles|skal spørres|must ask|must be asked)[)\]]\s*/i;

/** The question text without its must-ask marker, and whether it had one. */
export function splitMustAsk(text: string): { text: string; mustAsk: boolean } {
  if (!MUST_ASK_MARK.test(text)) return { text, mustAsk: false };
  return { text: text.replace(MUST_ASK_MARK, ' ').replace(/\s+([?.!])/g, '$1').trim(), mustAsk: true };
}

type TextEntry = Extract<Entry, { kind: 'text' }>;

interface QuestionCursor {
  question: Question;
  list: ListItem | null;
  indent: number;
  /** Set when a standalone condition ("Hvis ja:") introduced a list: the list's other items are this question's probes. */
  siblingsAreProbes: boolean;
}

function looksNorwegian(text: string): boolean {
  const norwegian = text.match(/\b(?:og|jeg|du|hva|hvordan|ikke|det|på|har|deg|om)\b|[æøå]/gi)?.length ?? 0;
  const english = text.match(/\b(?:the|you|and|what|how|your|is|do|of|about)\b/gi)?.length ?? 0;
  return norwegian >= english;
}

function stripOuterBrackets(text: string): string {
  const match = /^[(\[](.*)[)\]]\.?$/.exec(text.trim());
  return match && !/[()\[\]]/.test(match[1] ?? '') ? (match[1] ?? '').trim() : text;
}

/** Splits a question line: the text up to its first question, further questions and bracketed lists as probes, remarks as reminders. */
function splitQuestionText(text: string): { text: string; probes: string[]; reminders: string[] } {
  const sentences = splitSentences(text);
  const first = sentences.findIndex(isQuestionSentence);
  if (first === -1) return { text, probes: [], reminders: [] };
  let questionText = sentences.slice(0, first + 1).join(' ');
  const probes: string[] = [];
  const reminders: string[] = [];
  const inner = /\s*(\([^()]+\))\s*\?$/.exec(questionText);
  const innerItems = inner ? parseBracketedList(inner[1] ?? '') : null;
  if (inner && innerItems) {
    questionText = `${questionText.slice(0, inner.index)}?`;
    probes.push(...innerItems);
  }
  for (const sentence of sentences.slice(first + 1)) {
    const items = isQuestionSentence(sentence) ? [sentence] : parseBracketedList(sentence);
    if (items) probes.push(...items);
    else reminders.push(stripOuterBrackets(sentence));
  }
  return { text: questionText, probes, reminders };
}

/** Reads a guide's text (plain text from Word or a PDF, or Markdown) into a draft, listing every line it could not place. */
export function parseGuideText(text: string, options: GuideImportOptions = {}): GuideImportResult {
  const idSource = options.idSource ?? defaultIdSource;
  const { lines } = cleanExtractedText(text);
  const format = lines.some((source) => /^\s{0,3}#{1,6}\s+\S/.test(source.text)) ? 'markdown' : 'plain';
  const entries = classifyLines(lines, format);
  const norwegian = looksNorwegian(text);

  const unplaced: UnplacedLine[] = [];
  const intro: ChecklistItem[] = [];
  const closing: ChecklistItem[] = [];
  /** Lines below the closing checklist's label go to `closing` until the next heading. */
  let inClosing = false;
  const sections: Section[] = [];
  let title: string | null = null;
  let totalMinutes: number | null = null;
  let section: Section | null = null;
  let cursor: QuestionCursor | null = null;
  let pendingCondition: { condition: string; line: number; text: string } | null = null;
  // After a bare "Oppfølging:" label the lines below are probes, up to a blank
  // line, or the first plain line after a list of them.
  let probeLabel: 'closed' | 'open' | 'list' = 'closed';
  let beforeTitle = entries.some((entry) => entry.kind === 'title');
  /** The current heading says its text is read aloud. */
  let readAloud = false;
  const hasSections = entries.some((entry) => entry.kind === 'heading' && !entry.intro && !entry.closing);

  const leave = (entry: { line: number; text: string }, reason: string): void => {
    unplaced.push({ line: entry.line, text: entry.text, reason });
  };
  const flushCondition = (): void => {
    if (pendingCondition) leave(pendingCondition, UNPLACED_REASONS.conditionWithoutQuestion);
    pendingCondition = null;
  };
  const addProbes = (question: Question, probeText: string): void => {
    const bracketed = parseBracketedList(probeText);
    const sentences = splitSentences(probeText);
    const texts = bracketed ?? (sentences.length > 1 && sentences.every(isQuestionSentence) ? sentences : [probeText]);
    question.probes.push(...texts.map((probe) => ({ id: idSource(), text: probe })));
  };
  const startQuestion = (entry: TextEntry, questionLine: string, condition: string | null, siblingsAreProbes = false): void => {
    if (!section) return;
    const marked = splitMustAsk(questionLine);
    const parts = splitQuestionText(marked.text);
    const question: Question = {
      id: idSource(),
      text: parts.text,
      condition,
      probes: parts.probes.map((probe) => ({ id: idSource(), text: probe })),
      reminders: parts.reminders,
    };
    if (marked.mustAsk) question.mustAsk = true;
    section.questions.push(question);
    cursor = { question, list: entry.list, indent: entry.indent, siblingsAreProbes };
    pendingCondition = null;
  };

  const handleIntro = (entry: TextEntry, body: string): void => {
    if (splitProbeLabel(body) !== null) return leave(entry, UNPLACED_REASONS.probeWithoutQuestion);
    if (/:$/.test(body)) return leave(entry, UNPLACED_REASONS.introLabel);
    // A read-aloud paragraph is read as one: one item, not one per sentence.
    const items = entry.list || readAloud ? [body] : splitSentences(body);
    intro.push(...items.map((item) => ({ id: idSource(), text: item })));
  };

  const handleSectionText = (current: Section, entry: TextEntry, body: string): void => {
    // Under "Avslutning (leses opp)", a paragraph read out (thanks, what happens next) is a reminder, even if it ends by asking something.
    if (readAloud && !cursor && !entry.list && splitSentences(body).length > 1) {
      current.reminders.push(body);
      return;
    }
    const probeRest = splitProbeLabel(body);
    if (probeRest !== null) {
      if (!cursor) return leave(entry, UNPLACED_REASONS.probeWithoutQuestion);
      if (probeRest === '') probeLabel = 'open';
      else addProbes(cursor.question, probeRest);
      return;
    }
    if (cursor) {
      if (probeLabel === 'list' && !entry.list) probeLabel = 'closed';
      if (probeLabel !== 'closed') {
        if (entry.list) probeLabel = 'list';
        return addProbes(cursor.question, body);
      }
      if (entry.list) {
        const child = !cursor.list || entry.list.kind !== cursor.list.kind || entry.indent > cursor.indent;
        if (child && pendingCondition && body.includes('?')) return startQuestion(entry, body, pendingCondition.condition, true);
        if (child || !body.includes('?') || cursor.siblingsAreProbes) return addProbes(cursor.question, body);
      } else if (parseBracketedList(body) || (entry.indent > cursor.indent && body.includes('?') && !splitCondition(body))) {
        return addProbes(cursor.question, body);
      }
    }
    const condition = splitCondition(body);
    if (condition && condition.rest === '') {
      flushCondition();
      pendingCondition = { condition: condition.condition, line: entry.line, text: entry.text };
      return;
    }
    if (condition && condition.rest.includes('?')) {
      if (pendingCondition) flushCondition();
      return startQuestion(entry, condition.rest, condition.condition);
    }
    if (!condition && body.includes('?')) return startQuestion(entry, body, pendingCondition?.condition ?? null);
    const reminder = stripOuterBrackets(body);
    if (cursor) cursor.question.reminders.push(reminder);
    else current.reminders.push(reminder);
  };

  for (const entry of entries) {
    if (entry.kind === 'blank') {
      probeLabel = 'closed';
      continue;
    }
    if (entry.kind === 'title') {
      title = entry.title;
      totalMinutes = entry.minutes ?? totalMinutes;
      beforeTitle = false;
      continue;
    }
    if (entry.kind === 'heading') {
      flushCondition();
      cursor = null;
      probeLabel = 'closed';
      readAloud = entry.readAloud === true;
      inClosing = entry.closing === true;
      section = entry.intro || inClosing ? null : { id: idSource(), title: entry.title, plannedMinutes: entry.minutes, reminders: [], questions: [] };
      if (section) sections.push(section);
      continue;
    }
    const body = bodyOf(entry);
    if ((body.match(/[\p{L}\d]/gu) ?? []).length < 2) {
      leave(entry, UNPLACED_REASONS.fragment);
      continue;
    }
    if (beforeTitle) {
      leave(entry, UNPLACED_REASONS.aboveTitle);
      continue;
    }
    const minutes = parseDurationLine(body);
    if (minutes !== null && (!section || section.plannedMinutes === null)) {
      if (section) section.plannedMinutes = minutes;
      else totalMinutes = minutes;
      continue;
    }
    if (!section && !hasSections && isQuestionLevel(entry)) {
      section = { id: idSource(), title: norwegian ? 'Spørsmål' : 'Questions', plannedMinutes: null, reminders: [], questions: [] };
      sections.push(section);
    }
    if (inClosing) closing.push(...(entry.list ? [body] : splitSentences(body)).map((item) => ({ id: idSource(), text: item })));
    else if (section) handleSectionText(section, entry, body);
    else handleIntro(entry, body);
  }
  flushCondition();

  const sectionMinutes = sections.map((candidate) => candidate.plannedMinutes);
  const allSectionsTimed = sections.length > 0 && sectionMinutes.every((value) => value !== null);
  const plannedMinutes = totalMinutes ?? (allSectionsTimed ? sectionMinutes.reduce<number>((sum, value) => sum + (value ?? 0), 0) : DEFAULT_PLANNED_MINUTES);
  const typedTitle = options.title?.trim() || null;
  unplaced.sort((first, second) => first.line - second.line);
  const draftTitle = typedTitle ?? title ?? (norwegian ? 'Intervjuguide' : 'Interview guide');
  const draft: GuideDraft = { title: draftTitle, plannedMinutes, intro, sections };
  if (closing.length > 0) draft.closing = closing;
  return { draft, unplaced, format };
}
