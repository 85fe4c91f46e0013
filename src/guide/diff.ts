/**
 * What one guide version changed compared with another, matched by id, for
 * the version history ("what did the pilot interview make us change?").
 */
import type { GuideDraft } from './model';

export type GuideChangeKind = 'added' | 'removed' | 'changed' | 'moved';
export type GuidePart = 'guide' | 'intro-item' | 'closing-item' | 'section' | 'question' | 'probe';
export type GuideField = 'title' | 'plannedMinutes' | 'text' | 'condition' | 'reminders' | 'mustAsk';

export interface GuideChange {
  kind: GuideChangeKind;
  part: GuidePart;
  /** The id of the changed item; null for the guide's own title and length. */
  id: string | null;
  /** For `changed`: which field. */
  field: GuideField | null;
  before: string | null;
  after: string | null;
  /** One line in Norwegian bokmål for the version history. */
  description: string;
}

interface Placed {
  id: string;
  parent: string;
  label: string;
}

const quote = (text: string): string => `«${text}»`;
const minutes = (value: number | null): string => (value === null ? 'ikke satt' : `${value} min`);

/** Ids that changed place: moved to another parent, or out of order among the items that stayed (outside the longest kept run). */
function movedIds(before: Placed[], after: Placed[]): Set<string> {
  const beforeById = new Map(before.map((item, index) => [item.id, { ...item, index }]));
  const moved = new Set<string>();
  const parents = [...new Set(after.map((item) => item.parent))];
  for (const parent of parents) {
    const stayed = after.filter((item) => item.parent === parent && beforeById.get(item.id)?.parent === parent);
    for (const item of after) if (item.parent === parent && beforeById.has(item.id) && beforeById.get(item.id)?.parent !== parent) moved.add(item.id);
    const positions = stayed.map((item) => beforeById.get(item.id)?.index ?? 0);
    const kept = longestIncreasingRun(positions);
    stayed.forEach((item, index) => {
      if (!kept.has(index)) moved.add(item.id);
    });
  }
  return moved;
}

/** Indexes of one longest strictly increasing subsequence. */
function longestIncreasingRun(values: number[]): Set<number> {
  const lengths = values.map(() => 1);
  const previous = values.map(() => -1);
  values.forEach((value, index) => {
    for (let earlier = 0; earlier < index; earlier += 1) {
      if ((values[earlier] ?? 0) < value && (lengths[earlier] ?? 0) + 1 > (lengths[index] ?? 0)) {
        lengths[index] = (lengths[earlier] ?? 0) + 1;
        previous[index] = earlier;
      }
    }
  });
  let cursor = lengths.indexOf(Math.max(0, ...lengths));
  const run = new Set<number>();
  while (cursor !== -1) {
    run.add(cursor);
    cursor = previous[cursor] ?? -1;
  }
  return run;
}

function change(kind: GuideChangeKind, part: GuidePart, id: string | null, description: string, field: GuideField | null = null, before: string | null = null, after: string | null = null): GuideChange {
  return { kind, part, id, field, before, after, description };
}

/** Lists what changed from guide `a` to guide `b`: added, removed, changed and moved sections, questions (wording, condition, reminders, must-ask), probes, and intro and closing items. */
export function diffGuides(a: GuideDraft, b: GuideDraft): GuideChange[] {
  const changes: GuideChange[] = [];
  if (a.title !== b.title) changes.push(change('changed', 'guide', null, `Tittel endret: ${quote(a.title)} → ${quote(b.title)}`, 'title', a.title, b.title));
  if (a.plannedMinutes !== b.plannedMinutes) {
    changes.push(change('changed', 'guide', null, `Planlagt lengde endret: ${minutes(a.plannedMinutes)} → ${minutes(b.plannedMinutes)}`, 'plannedMinutes', String(a.plannedMinutes), String(b.plannedMinutes)));
  }

  const introBefore = a.intro.map((item) => ({ id: item.id, parent: '', label: item.text }));
  const introAfter = b.intro.map((item) => ({ id: item.id, parent: '', label: item.text }));
  compare(changes, 'intro-item', introBefore, introAfter, {
    added: (item) => `Nytt punkt i sjekklisten: ${quote(item.label)}`,
    removed: (item) => `Punkt fjernet fra sjekklisten: ${quote(item.label)}`,
    moved: (item) => `Punkt i sjekklisten flyttet: ${quote(item.label)}`,
    text: (old, item) => `Punkt i sjekklisten endret: ${quote(old.label)} → ${quote(item.label)}`,
  });

  const closingBefore = (a.closing ?? []).map((item) => ({ id: item.id, parent: '', label: item.text }));
  const closingAfter = (b.closing ?? []).map((item) => ({ id: item.id, parent: '', label: item.text }));
  compare(changes, 'closing-item', closingBefore, closingAfter, {
    added: (item) => `Nytt avslutningspunkt: ${quote(item.label)}`,
    removed: (item) => `Avslutningspunkt fjernet: ${quote(item.label)}`,
    moved: (item) => `Avslutningspunkt flyttet: ${quote(item.label)}`,
    text: (old, item) => `Avslutningspunkt endret: ${quote(old.label)} → ${quote(item.label)}`,
  });

  const sectionTitle = new Map([...a.sections, ...b.sections].map((section) => [section.id, section.title]));
  const sectionsBefore = a.sections.map((section) => ({ id: section.id, parent: '', label: section.title }));
  const sectionsAfter = b.sections.map((section) => ({ id: section.id, parent: '', label: section.title }));
  compare(changes, 'section', sectionsBefore, sectionsAfter, {
    added: (item) => `Ny del: ${quote(item.label)}`,
    removed: (item) => `Del fjernet: ${quote(item.label)}`,
    moved: (item) => `Del flyttet: ${quote(item.label)}`,
    text: (old, item) => `Del omdøpt: ${quote(old.label)} → ${quote(item.label)}`,
  }, 'title');
  for (const section of b.sections) {
    const old = a.sections.find((candidate) => candidate.id === section.id);
    if (!old) continue;
    if (old.plannedMinutes !== section.plannedMinutes) {
      changes.push(change('changed', 'section', section.id, `Planlagt tid for ${quote(section.title)} endret: ${minutes(old.plannedMinutes)} → ${minutes(section.plannedMinutes)}`, 'plannedMinutes', old.plannedMinutes === null ? null : String(old.plannedMinutes), section.plannedMinutes === null ? null : String(section.plannedMinutes)));
    }
    if (old.reminders.join('\n') !== section.reminders.join('\n')) {
      changes.push(change('changed', 'section', section.id, `Påminnelser i ${quote(section.title)} endret`, 'reminders', old.reminders.join('\n'), section.reminders.join('\n')));
    }
  }

  const questions = (guide: GuideDraft) => guide.sections.flatMap((section) => section.questions.map((question) => ({ question, section })));
  const questionsBefore = questions(a);
  const questionsAfter = questions(b);
  compare(changes, 'question', questionsBefore.map(({ question, section }) => ({ id: question.id, parent: section.id, label: question.text })), questionsAfter.map(({ question, section }) => ({ id: question.id, parent: section.id, label: question.text })), {
    added: (item) => `Nytt spørsmål i ${quote(sectionTitle.get(item.parent) ?? '')}: ${quote(item.label)}`,
    removed: (item) => `Spørsmål fjernet: ${quote(item.label)}`,
    moved: (item) => `Spørsmål flyttet (nå i ${quote(sectionTitle.get(item.parent) ?? '')}): ${quote(item.label)}`,
    text: (old, item) => `Spørsmål endret: ${quote(old.label)} → ${quote(item.label)}`,
  });
  for (const { question } of questionsAfter) {
    const old = questionsBefore.find((candidate) => candidate.question.id === question.id)?.question;
    if (!old) continue;
    if (old.condition !== question.condition) {
      changes.push(change('changed', 'question', question.id, `Betingelse for ${quote(question.text)} endret: ${old.condition === null ? 'ingen' : quote(old.condition)} → ${question.condition === null ? 'ingen' : quote(question.condition)}`, 'condition', old.condition, question.condition));
    }
    if (old.reminders.join('\n') !== question.reminders.join('\n')) {
      changes.push(change('changed', 'question', question.id, `Påminnelser for ${quote(question.text)} endret`, 'reminders', old.reminders.join('\n'), question.reminders.join('\n')));
    }
    if ((old.mustAsk ?? false) !== (question.mustAsk ?? false)) {
      const now = question.mustAsk ?? false;
      changes.push(change('changed', 'question', question.id, `${quote(question.text)} ${now ? 'må nå spørres' : 'må ikke lenger spørres'}`, 'mustAsk', String(old.mustAsk ?? false), String(now)));
    }
  }

  const questionText = new Map([...questionsBefore, ...questionsAfter].map(({ question }) => [question.id, question.text]));
  const probes = (list: typeof questionsBefore) => list.flatMap(({ question }) => question.probes.map((probe) => ({ id: probe.id, parent: question.id, label: probe.text })));
  compare(changes, 'probe', probes(questionsBefore), probes(questionsAfter), {
    added: (item) => `Ny oppfølging til ${quote(questionText.get(item.parent) ?? '')}: ${quote(item.label)}`,
    removed: (item) => `Oppfølging fjernet: ${quote(item.label)}`,
    moved: (item) => `Oppfølging flyttet (nå under ${quote(questionText.get(item.parent) ?? '')}): ${quote(item.label)}`,
    text: (old, item) => `Oppfølging endret: ${quote(old.label)} → ${quote(item.label)}`,
  });
  return changes;
}

interface Describers {
  added: (item: Placed) => string;
  removed: (item: Placed) => string;
  moved: (item: Placed) => string;
  text: (old: Placed, item: Placed) => string;
}

function compare(changes: GuideChange[], part: GuidePart, before: Placed[], after: Placed[], describe: Describers, field: GuideField = 'text'): void {
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterIds = new Set(after.map((item) => item.id));
  const moved = movedIds(before, after);
  for (const item of before) if (!afterIds.has(item.id)) changes.push(change('removed', part, item.id, describe.removed(item), null, item.label, null));
  for (const item of after) {
    const old = beforeById.get(item.id);
    if (!old) {
      changes.push(change('added', part, item.id, describe.added(item), null, null, item.label));
      continue;
    }
    if (old.label !== item.label) changes.push(change('changed', part, item.id, describe.text(old, item), field, old.label, item.label));
    // For a move to another section or question, before/after hold the old and new parent ids.
    const parentChanged = old.parent !== item.parent;
    if (moved.has(item.id)) changes.push(change('moved', part, item.id, describe.moved(item), null, parentChanged ? old.parent : null, parentChanged ? item.parent : null));
  }
}
