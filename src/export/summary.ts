/**
 * The interview summary: what a researcher looks over after an interview —
 * coverage of every question and probe (state and how it was marked), time per
 * section against the plan, the closing items and the notes — as data for the
 * workspace view and as Markdown to download or print. Callers hand in notes
 * already pseudonymised (export-seams), like every other export.
 */
import type { CoverageEvent, CoverageSource, CoverageState } from '../coverage/model';
import { openMustAsk, sectionTimes } from '../coverage/pacing';
import type { Guide } from '../guide/model';
import type { Note, Session } from '../store/records';
import { fillLabel } from './labels';
import { formatElapsed } from './time';
import type { ExportLocale } from './types';

export interface SummaryItem {
  id: string;
  text: string;
  state: CoverageState;
  /** How the latest mark came about; null while nothing was marked. */
  source: CoverageSource | null;
}

export interface SummaryQuestion extends SummaryItem {
  mustAsk: boolean;
  probes: SummaryItem[];
}

export interface SummarySection {
  id: string;
  title: string;
  /** Null when the interview never reached the section. */
  spentMs: number | null;
  plannedMs: number | null;
  questions: SummaryQuestion[];
}

export interface SummaryNote {
  /** Seconds from the start of the interview. */
  at: number;
  text: string;
  reviseGuide: boolean;
  /** The wording of the question the note was written at; null when none. */
  question: string | null;
}

export interface InterviewSummary {
  guideTitle: string;
  guideVersion: number;
  /** The participant's pseudonym; null for pilots and imports without one. */
  pseudonym: string | null;
  kind: Session['kind'];
  startedAt: number;
  durationMs: number;
  plannedMs: number;
  sections: SummarySection[];
  /** Must-ask questions that were never asked (pending or skipped). */
  openMustAsk: string[];
  closing: { text: string; checked: boolean }[];
  notes: SummaryNote[];
}

/** Gathers the summary of one session; `now` stands in for the end of a session still running. */
export function buildInterviewSummary(input: {
  guide: Guide;
  session: Session;
  pseudonym: string | null;
  events: readonly CoverageEvent[];
  notes: readonly Note[];
  now?: number;
}): InterviewSummary {
  const { guide, session } = input;
  const endedAt = session.endedAt ?? input.now ?? Date.now();
  const latest = new Map<string, CoverageEvent>();
  for (const event of input.events) {
    const previous = latest.get(event.itemId);
    if (!previous || previous.time <= event.time) latest.set(event.itemId, event);
  }
  const item = (id: string, text: string): SummaryItem => {
    const event = latest.get(id);
    return { id, text, state: event?.state ?? 'pending', source: event && event.state !== 'pending' ? event.source : null };
  };
  const times = new Map(sectionTimes({ guide, startedAt: session.startedAt, endedAt, events: input.events }).map((time) => [time.sectionId, time]));
  const questionText = new Map(guide.sections.flatMap((section) => section.questions.map((question) => [question.id, question.text] as const)));
  const states = new Map([...latest].map(([id, event]) => [id, event.state]));
  const checked = new Set(session.closingChecked ?? []);
  return {
    guideTitle: guide.title,
    guideVersion: guide.version,
    pseudonym: input.pseudonym,
    kind: session.kind,
    startedAt: session.startedAt,
    durationMs: Math.max(0, endedAt - session.startedAt),
    plannedMs: guide.plannedMinutes * 60_000,
    sections: guide.sections.map((section) => ({
      id: section.id,
      title: section.title,
      spentMs: times.get(section.id)?.spentMs ?? null,
      plannedMs: times.get(section.id)?.plannedMs ?? null,
      questions: section.questions.map((question) => ({
        ...item(question.id, question.text),
        mustAsk: question.mustAsk === true,
        probes: question.probes.map((probe) => item(probe.id, probe.text)),
      })),
    })),
    openMustAsk: openMustAsk(guide, states).map((open) => open.text),
    closing: (guide.closing ?? []).map((closingItem) => ({ text: closingItem.text, checked: checked.has(closingItem.id) })),
    notes: [...input.notes]
      .sort((first, second) => first.time - second.time)
      .map((note) => ({
        at: Math.max(0, (note.time - session.startedAt) / 1000),
        text: note.text,
        reviseGuide: note.reviseGuide,
        question: note.questionId === null ? null : (questionText.get(note.questionId) ?? null),
      })),
  };
}

interface SummaryLabels {
  title: string;
  participant: string;
  pilot: string;
  date: string;
  guide: string;
  version: string;
  duration: string;
  coverage: string;
  mustAsk: string;
  notAskedMustAsk: string;
  times: string;
  section: string;
  spent: string;
  planned: string;
  notReached: string;
  closing: string;
  notes: string;
  noNotes: string;
  revise: string;
  atQuestion: string;
  states: Record<CoverageState, string>;
  sources: Record<CoverageSource, string>;
}

const LABELS: Record<ExportLocale, SummaryLabels> = {
  nb: {
    title: 'Oppsummering av intervjuet',
    participant: 'Deltaker',
    pilot: 'Pilotintervju',
    date: 'Dato',
    guide: 'Intervjuguide',
    version: 'versjon',
    duration: 'Varighet',
    coverage: 'Dekning',
    mustAsk: 'må spørres',
    notAskedMustAsk: 'Spørsmål som måtte stilles, men ikke ble det',
    times: 'Tid per del',
    section: 'Del',
    spent: 'Brukt',
    planned: 'Planlagt',
    notReached: 'ikke nådd',
    closing: 'Avslutning',
    notes: 'Notater',
    noNotes: 'Ingen notater.',
    revise: 'revider guiden',
    atQuestion: 'ved «{question}»',
    states: { pending: 'ikke stilt', asked: 'stilt', covered: 'dekket', skipped: 'hoppet over', declined: 'avslått' },
    sources: { manual: 'merket for hånd', suggested: 'merket automatisk fra transkripsjonen', confirmed: 'foreslått og bekreftet' },
  },
  en: {
    title: 'Interview summary',
    participant: 'Participant',
    pilot: 'Pilot interview',
    date: 'Date',
    guide: 'Interview guide',
    version: 'version',
    duration: 'Duration',
    coverage: 'Coverage',
    mustAsk: 'must ask',
    notAskedMustAsk: 'Must-ask questions that were not asked',
    times: 'Time per section',
    section: 'Section',
    spent: 'Spent',
    planned: 'Planned',
    notReached: 'not reached',
    closing: 'Closing',
    notes: 'Notes',
    noNotes: 'No notes.',
    revise: 'revise the guide',
    atQuestion: 'at “{question}”',
    states: { pending: 'not asked', asked: 'asked', covered: 'covered', skipped: 'skipped', declined: 'declined' },
    sources: { manual: 'marked by hand', suggested: 'marked automatically from the transcript', confirmed: 'suggested and confirmed' },
  },
};

/** The words the summary uses for a coverage state and how it was marked, in the UI's language. */
export function summaryStateLabel(item: SummaryItem, locale: ExportLocale): string {
  const labels = LABELS[locale];
  return item.source === null ? labels.states[item.state] : `${labels.states[item.state]} (${labels.sources[item.source]})`;
}

/** Whole minutes, rounded: the precision a plan is made in. */
function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`;
}

/** Markdown text can hold `*`, `_`, `#` or `|` from the guide or a note: escaped so they stay text. */
function escape(text: string): string {
  return text.replace(/([\\`*_[\]#|<>])/g, '\\$1').replace(/\n+/g, ' ');
}

/** The summary as Markdown: headings, lists and a table, readable as plain text too. */
export function summaryMarkdown(summary: InterviewSummary, locale: ExportLocale): string {
  const labels = LABELS[locale];
  const who = summary.pseudonym ?? (summary.kind === 'pilot' ? labels.pilot : labels.participant);
  const lines: string[] = [
    `# ${labels.title}: ${escape(who)}`,
    '',
    `- ${labels.date}: ${new Date(summary.startedAt).toISOString().slice(0, 10)}`,
    `- ${labels.guide}: ${escape(summary.guideTitle)} (${labels.version} ${summary.guideVersion})`,
    `- ${labels.duration}: ${minutes(summary.durationMs)} / ${minutes(summary.plannedMs)}`,
    '',
    `## ${labels.coverage}`,
  ];
  for (const section of summary.sections) {
    lines.push('', `### ${escape(section.title)}`, '');
    for (const question of section.questions) {
      const must = question.mustAsk ? ` **(${labels.mustAsk})**` : '';
      lines.push(`- ${escape(question.text)}${must}: ${summaryStateLabel(question, locale)}`);
      for (const probe of question.probes) lines.push(`  - ${escape(probe.text)}: ${summaryStateLabel(probe, locale)}`);
    }
  }
  if (summary.openMustAsk.length > 0) {
    lines.push('', `**${labels.notAskedMustAsk}:**`, '', ...summary.openMustAsk.map((text) => `- ${escape(text)}`));
  }
  lines.push('', `## ${labels.times}`, '', `| ${labels.section} | ${labels.spent} | ${labels.planned} |`, '| --- | --- | --- |');
  for (const section of summary.sections) {
    const spent = section.spentMs === null ? labels.notReached : minutes(section.spentMs);
    lines.push(`| ${escape(section.title)} | ${spent} | ${section.plannedMs === null ? '–' : minutes(section.plannedMs)} |`);
  }
  if (summary.closing.length > 0) {
    lines.push('', `## ${labels.closing}`, '', ...summary.closing.map((item) => `- [${item.checked ? 'x' : ' '}] ${escape(item.text)}`));
  }
  lines.push('', `## ${labels.notes}`, '');
  if (summary.notes.length === 0) lines.push(labels.noNotes);
  for (const note of summary.notes) {
    const where = note.question === null ? '' : ` ${fillLabel(labels.atQuestion, { question: escape(note.question) })}`;
    const revise = note.reviseGuide ? ` **[${labels.revise}]**` : '';
    lines.push(`- ${formatElapsed(note.at)}${where}${revise}: ${escape(note.text)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A file name that says what the file is and whose interview it was (the pseudonym, never a real name). */
export function summaryFileName(summary: InterviewSummary, locale: ExportLocale): string {
  const who = (summary.pseudonym ?? (summary.kind === 'pilot' ? LABELS[locale].pilot : LABELS[locale].participant)).replace(/[^\p{L}\p{N}-]+/gu, '-');
  const date = new Date(summary.startedAt).toISOString().slice(0, 10);
  return `${locale === 'nb' ? 'oppsummering' : 'summary'}-${who}-${date}.md`;
}
