/**
 * One export as a file to save: a session in the chosen format, or several
 * sessions as a zip of such files (fflate), or as one REFI-QDA project in which
 * every session is a source and every participant a case.
 */
import { strToU8, zipSync } from 'fflate';
import { exportDocx } from './docx';
import { exportPlainText } from './plain-text';
import { exportQdpx, type QdpxOptions } from './refi-qda/qdpx';
import { fileNamePart, fileNameTime } from './scope';
import { exportSrt, exportWebVtt } from './subtitles';
import { sessionTitle } from './transcript';
import type { ExportSession } from './types';

export const EXPORT_FORMATS = ['docx', 'txt', 'vtt', 'srt', 'qdpx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The researcher's choices, shared by every format that has them. */
export interface ExportChoices {
  /** `#hh:mm:ss-d#` at the end of each turn (text, Word, the .qdpx's sources). */
  timeMarks: boolean;
  /** Word's line numbers in the margin. */
  lineNumbers: boolean;
  /** Notes in Word: an appendix, comments beside the turns, or left out. */
  notes: 'appendix' | 'comments' | 'none';
  /** Filler words kept (verbatim). */
  keepFillers: boolean;
  /** The sessions' audio inside the .qdpx, synchronised to the transcript: off unless chosen (the file then holds voices). */
  audio?: boolean;
}

export const DEFAULT_EXPORT_CHOICES: ExportChoices = { timeMarks: true, lineNumbers: false, notes: 'appendix', keepFillers: true, audio: false };

export interface ExportFile {
  name: string;
  /** MIME type of the file. */
  type: string;
  bytes: Uint8Array;
}

const MIME: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain;charset=utf-8',
  vtt: 'text/vtt;charset=utf-8',
  srt: 'application/x-subrip;charset=utf-8',
  qdpx: 'application/zip',
};

/** `Kåre_2025-03-14_1300`, `Pilotintervju_2025-03-14_1300`: who and when, without the extension. */
export function sessionFileStem(input: ExportSession): string {
  return `${fileNamePart(sessionTitle(input), 'Intervju')}_${fileNameTime(input.session.startedAt)}`;
}

async function sessionBytes(input: ExportSession, format: Exclude<ExportFormat, 'qdpx'>, choices: ExportChoices): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return exportDocx(input, {
        timeMarks: choices.timeMarks,
        lineNumbers: choices.lineNumbers,
        notes: choices.notes === 'none' ? false : choices.notes,
        keepFillers: choices.keepFillers,
      });
    case 'txt':
      return strToU8(exportPlainText(input, { timeMarks: choices.timeMarks, keepFillers: choices.keepFillers }));
    case 'vtt':
      return strToU8(exportWebVtt(input, { keepFillers: choices.keepFillers }));
    case 'srt':
      return strToU8(exportSrt(input, { keepFillers: choices.keepFillers }));
  }
}

/** `name`, or `name-2`, `name-3` … when an earlier file took it (two sessions in the same minute). */
function uniqueName(taken: Set<string>, stem: string, extension: string): string {
  let name = `${stem}.${extension}`;
  for (let count = 2; taken.has(name); count++) name = `${stem}-${count}.${extension}`;
  taken.add(name);
  return name;
}

/**
 * The file for `inputs` in `format`. One session: its file (`<who>_<when>.<format>`).
 * Several: a zip `<bundle.stem>-<format>.zip` of one file per session, oldest
 * first. A .qdpx is always one project holding every session, named
 * `<bundle.stem>.qdpx` when a stem is given (a participant's or the project's
 * export, however many sessions it has), else after its one session. Its
 * audio (`bundle.audio`, decrypted by the caller) goes in only with `choices.audio`.
 */
export async function exportFile(
  inputs: readonly ExportSession[],
  format: ExportFormat,
  choices: ExportChoices = DEFAULT_EXPORT_CHOICES,
  bundle: { stem?: string; projectName?: string; now?: Date; audio?: QdpxOptions['audio'] } = {},
): Promise<ExportFile> {
  if (inputs.length === 0) throw new RangeError('Nothing to export: no sessions.');
  const only = inputs.length === 1 ? inputs[0] : undefined;
  if (format === 'qdpx') {
    const bytes = await exportQdpx(inputs, {
      timeMarks: choices.timeMarks,
      keepFillers: choices.keepFillers,
      projectName: bundle.projectName ?? bundle.stem ?? (only ? sessionTitle(only) : 'Intervju'),
      ...(bundle.now ? { now: bundle.now } : {}),
      // The audio only when chosen, whatever the caller loaded.
      ...(choices.audio && bundle.audio ? { audio: bundle.audio } : {}),
    });
    const stem = bundle.stem ?? (only ? sessionFileStem(only) : 'Intervju');
    return { name: `${stem}.qdpx`, type: MIME.qdpx, bytes };
  }
  if (only) return { name: `${sessionFileStem(only)}.${format}`, type: MIME[format], bytes: await sessionBytes(only, format, choices) };
  const taken = new Set<string>();
  const files: Record<string, Uint8Array> = {};
  for (const input of inputs) files[uniqueName(taken, sessionFileStem(input), format)] = await sessionBytes(input, format, choices);
  // .docx is a zip already: stored, not deflated again.
  return { name: `${bundle.stem ?? 'Intervju'}-${format}.zip`, type: 'application/zip', bytes: zipSync(files, { level: format === 'docx' ? 0 : 6 }) };
}
