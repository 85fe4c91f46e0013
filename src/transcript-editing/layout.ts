/**
 * The transcript as the view lays it out: speaker turns (consecutive segments
 * of one channel), with the guide's questions as headings where they were
 * first marked (asked, covered or declined; by hand or a confirmed
 * suggestion; a probe counts for its question) and the notes at their times.
 * Marks are the only record of when a question came up (the current question
 * is not logged), and the same rule as the exports' coding (src/export/coding.ts):
 * a heading comes before the first segment that ends at or after its mark.
 */
import type { CoverageEvent, CoverageState } from '../coverage/model';
import type { Guide } from '../guide/model';
import type { Channel, Note, Segment } from '../store/records';

const MARKING_STATES: ReadonlySet<CoverageState> = new Set(['asked', 'covered', 'declined']);

export type TranscriptItem =
  | { kind: 'heading'; key: string; questionId: string; text: string; sectionTitle: string; at: number }
  | { kind: 'note'; key: string; note: Note; at: number }
  | { kind: 'turn'; key: string; channel: Channel; start: number; segments: Segment[] };

/** The first mark of each question, in session seconds, in time order. */
export function questionHeadings(guide: Guide | null, coverage: readonly CoverageEvent[], sessionStartedAt: number) {
  if (!guide) return [];
  const questions = new Map<string, { questionId: string; text: string; sectionTitle: string }>();
  for (const section of guide.sections) {
    for (const question of section.questions) {
      const entry = { questionId: question.id, text: question.text, sectionTitle: section.title };
      questions.set(question.id, entry);
      for (const probe of question.probes) questions.set(probe.id, entry);
    }
  }
  const first = new Map<string, { questionId: string; text: string; sectionTitle: string; at: number }>();
  for (const event of [...coverage].sort((left, right) => left.time - right.time)) {
    if (!MARKING_STATES.has(event.state) || event.source === 'suggested') continue;
    const question = questions.get(event.itemId);
    if (question && !first.has(question.questionId)) first.set(question.questionId, { ...question, at: (event.time - sessionStartedAt) / 1000 });
  }
  return [...first.values()].sort((left, right) => left.at - right.at);
}

/** Headings, notes and turns in reading order. */
export function transcriptItems(input: {
  segments: readonly Segment[];
  notes: readonly Note[];
  coverage: readonly CoverageEvent[];
  guide: Guide | null;
  sessionStartedAt: number;
}): TranscriptItem[] {
  const headings = questionHeadings(input.guide, input.coverage, input.sessionStartedAt);
  const notes = [...input.notes]
    .map((note) => ({ note, at: (note.time - input.sessionStartedAt) / 1000 }))
    .sort((left, right) => left.at - right.at);
  const items: TranscriptItem[] = [];
  let heading = 0;
  let note = 0;
  let turn: Extract<TranscriptItem, { kind: 'turn' }> | null = null;
  for (const segment of input.segments) {
    while (heading < headings.length && headings[heading]!.at <= segment.end) {
      const next = headings[heading++]!;
      items.push({ kind: 'heading', key: `heading:${next.questionId}`, ...next });
      turn = null;
    }
    while (note < notes.length && notes[note]!.at < segment.start) {
      const next = notes[note++]!;
      items.push({ kind: 'note', key: `note:${next.note.id}`, ...next });
      turn = null;
    }
    if (turn && turn.channel === segment.channel) turn.segments.push(segment);
    else {
      turn = { kind: 'turn', key: `turn:${segment.id}`, channel: segment.channel, start: segment.start, segments: [segment] };
      items.push(turn);
    }
  }
  for (const rest of headings.slice(heading)) items.push({ kind: 'heading', key: `heading:${rest.questionId}`, ...rest });
  for (const rest of notes.slice(note)) items.push({ kind: 'note', key: `note:${rest.note.id}`, ...rest });
  return items;
}

/**
 * Items cut into blocks of about `size` segments (a turn is never cut), so the
 * view can render only the blocks near the screen.
 */
export function blocksOf(items: readonly TranscriptItem[], size = 40): TranscriptItem[][] {
  const blocks: TranscriptItem[][] = [];
  let current: TranscriptItem[] = [];
  let count = 0;
  for (const item of items) {
    current.push(item);
    if (item.kind === 'turn') count += item.segments.length;
    if (count >= size) {
      blocks.push(current);
      current = [];
      count = 0;
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}
