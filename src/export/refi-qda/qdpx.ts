/**
 * REFI-QDA project (.qdpx): a zip with `project.qde` (QDA-XML 1.0, namespace
 * `urn:QDA-XML:project:1.0`, schema `Project-mrt2019.xsd` beside this file) and
 * each transcript as `sources/<guid>.txt`. Read by ATLAS.ti, MAXQDA, NVivo and
 * others. What goes where:
 *
 * - each session → a TextSource (the f4 plain text without header, time marks as chosen);
 * - each participant → a Case referring to their sessions' sources (pilots have none);
 * - the guide's sections and questions → the CodeBook (sections not codable);
 * - each run of transcript under one question (see ../coding.ts) → a
 *   PlainTextSelection coded with that question;
 * - notes → Notes (memos), referred to from their session's source.
 */
import { strToU8, zipSync } from 'fflate';
import type { Guide } from '../../guide/model';
import { questionStretches } from '../coding';
import { GuidMap } from '../guid';
import { exportLabels } from '../labels';
import { plainTextLayout, type PlainTextOptions } from '../plain-text';
import { formatElapsed } from '../time';
import { sessionHeader } from '../transcript';
import type { ExportSession } from '../types';
import { element, textElement } from '../xml';

export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';

export interface QdpxOptions extends Omit<PlainTextOptions, 'header'> {
  /** The project's name in the analysis tool. Default "Intervju". */
  projectName?: string;
  /** When the file is written (creationDateTime). Default now. */
  now?: Date;
}

/** `2025-03-14T12:00:00Z`: xsd:dateTime in UTC, whole seconds. */
function dateTime(time: number | Date): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

/** Code names stay short (MAXQDA shows about 60 characters); the full text goes in the description. */
const CODE_NAME_LENGTH = 60;

function shortName(text: string): string {
  const oneLine = text.replace(/\s+/gu, ' ').trim();
  const characters = Array.from(oneLine);
  return characters.length <= CODE_NAME_LENGTH ? oneLine : `${characters.slice(0, CODE_NAME_LENGTH - 1).join('').trimEnd()}…`;
}

/**
 * Offsets in the text counted in Unicode characters (code points), as REFI-QDA
 * counts positions, from offsets in UTF-16 code units.
 */
function codePointOffsets(text: string): (utf16Offset: number) => number {
  const table = new Uint32Array(text.length + 1);
  let codePoints = 0;
  for (let index = 0; index < text.length; index++) {
    table[index] = codePoints;
    const code = text.charCodeAt(index);
    // A high surrogate and its low surrogate are one character.
    if (!(code >= 0xd800 && code <= 0xdbff && index + 1 < text.length)) codePoints++;
  }
  table[text.length] = codePoints;
  return (offset) => table[offset] ?? codePoints;
}

/** Sections and questions of all guides used, once each (the latest version's wording first). */
function codeTree(sessions: readonly ExportSession[]): { guide: Guide; sections: Guide['sections'] }[] {
  const byGuide = new Map<string, Guide[]>();
  for (const { guide } of sessions) byGuide.set(guide.id, [...(byGuide.get(guide.id) ?? []), guide]);
  return [...byGuide.values()].map((versions) => {
    const ordered = [...versions].sort((left, right) => right.version - left.version);
    const sections = new Map<string, Guide['sections'][number]>();
    for (const version of ordered) {
      for (const section of version.sections) {
        const known = sections.get(section.id);
        if (!known) sections.set(section.id, { ...section, questions: [...section.questions] });
        else for (const question of section.questions) if (!known.questions.some((q) => q.id === question.id)) known.questions.push(question);
      }
    }
    return { guide: ordered[0] as Guide, sections: [...sections.values()] };
  });
}

async function codeBookXml(sessions: readonly ExportSession[], guids: GuidMap): Promise<string | null> {
  const guideCodes = await Promise.all(
    codeTree(sessions).map(async ({ guide, sections }) =>
      Promise.all(
        sections.map(async (section, sectionIndex) => {
          const questions = await Promise.all(
            section.questions.map(async (question, questionIndex) =>
              element(
                'Code',
                {
                  guid: await guids.of('question', `${guide.id}/${question.id}`),
                  name: shortName(`${sectionIndex + 1}.${questionIndex + 1} ${question.text}`),
                  isCodable: true,
                },
                [textElement('Description', question.condition ? `${question.text}\n(${question.condition})` : question.text)],
              ),
            ),
          );
          return element(
            'Code',
            { guid: await guids.of('section', `${guide.id}/${section.id}`), name: shortName(`${sectionIndex + 1} ${section.title}`), isCodable: false },
            [textElement('Description', `${guide.title}: ${section.title}`), ...questions],
          );
        }),
      ),
    ),
  );
  const codes = guideCodes.flat();
  return codes.length === 0 ? null : element('CodeBook', {}, [element('Codes', {}, codes)]);
}

interface WrittenSource {
  guid: string;
  xml: string;
  text: string;
}

async function sourceXml(input: ExportSession, options: QdpxOptions, guids: GuidMap): Promise<WrittenSource> {
  const { session } = input;
  const guid = await guids.of('session', session.id);
  const layout = plainTextLayout(input, { ...options, header: false });
  const position = codePointOffsets(layout.text);
  const selections = await Promise.all(
    questionStretches(input, [...layout.segments.keys()]).map(async (stretch, index) => {
      const first = layout.segments.get(stretch.segmentIds[0] ?? '');
      const last = layout.segments.get(stretch.segmentIds.at(-1) ?? '');
      if (!first || !last) return '';
      const question = await guids.of('question', `${input.guide.id}/${stretch.questionId}`);
      return element(
        'PlainTextSelection',
        {
          guid: await guids.of('selection', `${session.id}/${index}`),
          name: shortName(layout.text.slice(first.start, last.end)),
          startPosition: position(first.start),
          endPosition: position(last.end),
          creationDateTime: dateTime(session.startedAt),
        },
        [element('Coding', { guid: await guids.of('coding', `${session.id}/${index}`) }, [element('CodeRef', { targetGUID: question })])],
      );
    }),
  );
  const noteRefs = await Promise.all(input.notes.map(async (note) => element('NoteRef', { targetGUID: await guids.of('note', note.id) })));
  const header = sessionHeader(input);
  const xml = element(
    'TextSource',
    {
      guid,
      name: `${header.title} ${dateTime(session.startedAt).slice(0, 10)}`,
      plainTextPath: `internal://${guid}.txt`,
      creationDateTime: dateTime(session.startedAt),
    },
    [textElement('Description', [header.date, header.guide, ...(header.mixed === null ? [] : [header.mixed])].join('\n')), ...selections, ...noteRefs],
  );
  return { guid, xml, text: layout.text };
}

async function notesXml(sessions: readonly ExportSession[], guids: GuidMap): Promise<string | null> {
  const notes = await Promise.all(
    sessions.flatMap((input) => {
      const labels = exportLabels(input.locale);
      const questions = new Map(input.guide.sections.flatMap((section) => section.questions.map((question) => [question.id, question.text])));
      return input.notes.map(async (note) => {
        const question = note.questionId === null ? undefined : questions.get(note.questionId);
        const elapsed = formatElapsed((note.time - input.session.startedAt) / 1000);
        return element('Note', { guid: await guids.of('note', note.id), name: `${labels.notes}: ${sessionHeader(input).title} ${elapsed}`, creationDateTime: dateTime(note.time) }, [
          ...(question === undefined ? [] : [textElement('Description', `${labels.question}: ${question}`)]),
          textElement('PlainTextContent', note.text),
        ]);
      });
    }),
  );
  return notes.length === 0 ? null : element('Notes', {}, notes);
}

async function casesXml(sessions: readonly ExportSession[], guids: GuidMap): Promise<string | null> {
  const byParticipant = new Map<string, { pseudonym: string; sessionIds: string[] }>();
  for (const { participant, session } of sessions) {
    if (!participant) continue;
    const known = byParticipant.get(participant.id) ?? { pseudonym: participant.pseudonym, sessionIds: [] };
    known.sessionIds.push(session.id);
    byParticipant.set(participant.id, known);
  }
  const cases = await Promise.all(
    [...byParticipant].map(async ([id, { pseudonym, sessionIds }]) =>
      element(
        'Case',
        { guid: await guids.of('participant', id), name: pseudonym },
        await Promise.all(sessionIds.map(async (sessionId) => element('SourceRef', { targetGUID: await guids.of('session', sessionId) }))),
      ),
    ),
  );
  return cases.length === 0 ? null : element('Cases', {}, cases);
}

export interface QdaProject {
  /** The `project.qde` XML. */
  xml: string;
  /** Transcript texts by zip path (`sources/<guid>.txt`). */
  sources: Record<string, string>;
}

/** The project file and its sources, before zipping. */
export async function qdaProject(sessions: readonly ExportSession[], options: QdpxOptions = {}): Promise<QdaProject> {
  const guids = new GuidMap();
  const user = await guids.of('user', 'intervju');
  const written = await Promise.all(sessions.map((input) => sourceXml(input, options, guids)));
  const parts = [
    element('Users', {}, [element('User', { guid: user, name: 'Intervju' })]),
    await codeBookXml(sessions, guids),
    await casesXml(sessions, guids),
    written.length === 0 ? null : element('Sources', {}, written.map((source) => source.xml)),
    await notesXml(sessions, guids),
  ].filter((part): part is string => part !== null);
  const project = element(
    'Project',
    {
      xmlns: QDA_NAMESPACE,
      name: options.projectName ?? 'Intervju',
      origin: 'Intervju',
      creatingUserGUID: user,
      creationDateTime: dateTime(options.now ?? new Date()),
    },
    parts,
  );
  return {
    xml: `<?xml version="1.0" encoding="utf-8"?>\n${project}\n`,
    sources: Object.fromEntries(written.map((source) => [`sources/${source.guid}.txt`, source.text])),
  };
}

/** The .qdpx file (a zip) as bytes. */
export async function exportQdpx(sessions: readonly ExportSession[], options: QdpxOptions = {}): Promise<Uint8Array> {
  const project = await qdaProject(sessions, options);
  const files: Record<string, Uint8Array> = { 'project.qde': strToU8(project.xml) };
  for (const [path, text] of Object.entries(project.sources)) files[path] = strToU8(text);
  return zipSync(files, { level: 6 });
}
