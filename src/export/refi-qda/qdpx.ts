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
 * - notes → Notes (memos), referred to from their session's source;
 * - with `audio` (an export option, off by default): each recording of each
 *   channel → an AudioSource (`sources/<guid>.<ext>`, the file as stored) whose
 *   Transcript is the session's text with SyncPoints (position in the text ↔
 *   milliseconds in that file) at the start of each segment and the end of the last.
 */
import { strToU8, zipSync } from 'fflate';
import type { Guide } from '../../guide/model';
import type { Channel } from '../../store/records';
import { mediaTimeOf, type AudioRun } from '../../transcript-editing/audio-timeline';
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
  /**
   * The sessions' audio to put in the project, by session id: each recording of
   * each channel, decrypted. Absent (the default): no audio in the file.
   */
  audio?: Readonly<Record<string, readonly QdpxAudio[]>>;
}

/** One recording of one channel: one playable file, and where it lies in session time. */
export interface QdpxAudio {
  channel: Channel;
  run: Pick<AudioRun, 'codec' | 'start' | 'end' | 'pieces'>;
  bytes: Uint8Array;
}

/** File extensions of the codecs a recording or an imported file comes in. */
const AUDIO_EXTENSIONS: readonly [string, string][] = [
  ['audio/webm', 'webm'],
  ['audio/ogg', 'ogg'],
  ['audio/mpeg', 'mp3'],
  ['audio/mp3', 'mp3'],
  ['audio/wav', 'wav'],
  ['audio/x-wav', 'wav'],
  ['audio/wave', 'wav'],
  ['audio/mp4', 'm4a'],
  ['audio/x-m4a', 'm4a'],
  ['audio/aac', 'aac'],
  ['audio/flac', 'flac'],
  ['video/webm', 'webm'],
  ['video/mp4', 'mp4'],
];

function audioExtension(codec: string): string {
  const type = codec.split(';')[0]?.trim().toLowerCase() ?? '';
  return AUDIO_EXTENSIONS.find(([prefix]) => type === prefix)?.[1] ?? 'audio';
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
  /** Audio files by zip path. */
  media: Record<string, Uint8Array>;
}

/**
 * The session's audio as AudioSources, each with the session's transcript
 * (the same text file as its TextSource) synchronised to that file: a sync
 * point where each segment heard in the recording starts, and where the last ends.
 */
async function audioSourcesXml(
  input: ExportSession,
  audio: readonly QdpxAudio[],
  text: { guid: string; name: string; layout: ReturnType<typeof plainTextLayout>; position: (offset: number) => number },
  guids: GuidMap,
): Promise<{ xml: string[]; media: Record<string, Uint8Array> }> {
  const labels = exportLabels(input.locale);
  const channelName: Record<Channel, string> = {
    interviewer: labels.interviewer,
    participant: input.participant?.pseudonym ?? labels.participant,
    mixed: `${labels.interviewer}/${input.participant?.pseudonym ?? labels.participant}`,
  };
  const byId = new Map(input.segments.map((segment) => [segment.id, segment]));
  const xml: string[] = [];
  const media: Record<string, Uint8Array> = {};
  for (const [index, recording] of audio.entries()) {
    const key = `${input.session.id}/${index}`;
    const guid = await guids.of('audio', key);
    const file = `${guid}.${audioExtension(recording.run.codec)}`;
    media[`sources/${file}`] = recording.bytes;
    const points: { position: number; timeStamp: number }[] = [];
    let last: { position: number; timeStamp: number } | null = null;
    for (const [segmentId, range] of text.layout.segments) {
      const segment = byId.get(segmentId);
      if (!segment || segment.end <= recording.run.start || segment.start >= recording.run.end) continue;
      const point = { position: text.position(range.start), timeStamp: Math.round(mediaTimeOf(recording.run, segment.start) * 1000) };
      if (points.at(-1)?.position !== point.position) points.push(point);
      last = { position: text.position(range.end), timeStamp: Math.round(mediaTimeOf(recording.run, segment.end) * 1000) };
    }
    if (last && points.at(-1)?.position !== last.position) points.push(last);
    const syncPoints = await Promise.all(points.map(async (point, at) => element('SyncPoint', { guid: await guids.of('sync', `${key}/${at}`), timeStamp: point.timeStamp, position: point.position })));
    const name = `${text.name} – ${channelName[recording.channel]}${audio.length > 1 ? ` (${index + 1})` : ''}`;
    xml.push(
      element('AudioSource', { guid, name, path: `internal://${file}`, creationDateTime: dateTime(input.session.startedAt + recording.run.start * 1000) }, [
        element('Transcript', { guid: await guids.of('transcript', key), name: text.name, plainTextPath: `internal://${text.guid}.txt` }, syncPoints),
      ]),
    );
  }
  return { xml, media };
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
  const name = `${header.title} ${dateTime(session.startedAt).slice(0, 10)}`;
  const audio = await audioSourcesXml(input, options.audio?.[session.id] ?? [], { guid, name, layout, position }, guids);
  const xml = element(
    'TextSource',
    {
      guid,
      name,
      plainTextPath: `internal://${guid}.txt`,
      creationDateTime: dateTime(session.startedAt),
    },
    [textElement('Description', [header.date, header.guide, ...(header.mixed === null ? [] : [header.mixed])].join('\n')), ...selections, ...noteRefs],
  );
  return { guid, xml: [xml, ...audio.xml].join(''), text: layout.text, media: audio.media };
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
  /** Audio files by zip path (`sources/<guid>.<ext>`), when asked for. */
  media: Record<string, Uint8Array>;
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
    media: Object.assign({}, ...written.map((source) => source.media)) as Record<string, Uint8Array>,
  };
}

/** The .qdpx file (a zip) as bytes. */
export async function exportQdpx(sessions: readonly ExportSession[], options: QdpxOptions = {}): Promise<Uint8Array> {
  const project = await qdaProject(sessions, options);
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = { 'project.qde': strToU8(project.xml) };
  for (const [path, text] of Object.entries(project.sources)) files[path] = strToU8(text);
  // Audio is compressed already: stored as it is.
  for (const [path, bytes] of Object.entries(project.media)) files[path] = [bytes, { level: 0 }];
  return zipSync(files, { level: 6 });
}
