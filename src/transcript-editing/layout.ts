/**
 * The transcript as the view lays it out: speaker turns (consecutive segments
 * of one channel), with the guide's questions as headings where they came up
 * (became the current question, or were marked: the earlier of the two; see
 * src/coverage/question-moments.ts) and the notes at their times. A heading
 * comes before the first segment that ends at or after that moment, as the
 * exports' coding counts it (src/export/coding.ts).
 */
import { questionMoments } from '../coverage/question-moments';
import type { CoverageEvent } from '../coverage/model';
import type { Guide } from '../guide/model';
import type { Channel, CurrentChange, Note, Segment } from '../store/records';

export type TranscriptItem =
  | { kind: 'heading'; key: string; questionId: string; text: string; sectionTitle: string; at: number }
  | { kind: 'note'; key: string; note: Note; at: number }
  | { kind: 'turn'; key: string; channel: Channel; start: number; segments: Segment[] };

/** Each question's first moment (became current or marked), in session seconds, in time order. */
export function questionHeadings(
  guide: Guide | null,
  coverage: readonly CoverageEvent[],
  sessionStartedAt: number,
  currentChanges?: readonly CurrentChange[],
) {
  if (!guide) return [];
  const questions = new Map<string, { questionId: string; text: string; sectionTitle: string }>();
  for (const section of guide.sections) {
    for (const question of section.questions) questions.set(question.id, { questionId: question.id, text: question.text, sectionTitle: section.title });
  }
  const first = new Map<string, { questionId: string; text: string; sectionTitle: string; at: number }>();
  for (const moment of questionMoments({ guide, coverage, currentChanges, sessionStartedAt })) {
    const question = questions.get(moment.questionId);
    if (question && !first.has(question.questionId)) first.set(question.questionId, { ...question, at: moment.at });
  }
  return [...first.values()];
}

/** Headings, notes and turns in reading order. */
export function transcriptItems(input: {
  segments: readonly Segment[];
  notes: readonly Note[];
  coverage: readonly CoverageEvent[];
  guide: Guide | null;
  sessionStartedAt: number;
  /** `Session.currentChanges`; absent on older sessions (headings from marks alone). */
  currentChanges?: readonly CurrentChange[];
}): TranscriptItem[] {
  const headings = questionHeadings(input.guide, input.coverage, input.sessionStartedAt, input.currentChanges);
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
