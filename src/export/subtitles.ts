/**
 * Subtitles: WebVTT (speakers as voice spans `<v Name>`) and SRT (speaker as a
 * `Name:` prefix). One cue per segment, so cues stay as short as what was said.
 */
import { formatCueTime } from './time';
import { speakerName, transcriptParts } from './transcript';
import type { ExportSession, TranscriptOptions } from './types';

export interface SubtitleOptions extends TranscriptOptions {
  /** Name the speaker of each cue. Default true. */
  speakers?: boolean;
}

/** WebVTT cue text: `&`, `<` and `>` as character references. */
export function escapeVtt(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/** A cue never ends before it starts. */
function cueEnd(start: number, end: number): number {
  return Math.max(start, end);
}

export function exportWebVtt(input: ExportSession, options: SubtitleOptions = {}): string {
  const cues = transcriptParts(input, options).map((part, index) => {
    const voice = options.speakers === false ? '' : `<v ${escapeVtt(speakerName(part.channel, input))}>`;
    return `${index + 1}\n${formatCueTime(part.start)} --> ${formatCueTime(cueEnd(part.start, part.end))}\n${voice}${escapeVtt(part.text)}`;
  });
  return ['WEBVTT', ...cues].join('\n\n') + '\n';
}

export function exportSrt(input: ExportSession, options: SubtitleOptions = {}): string {
  const cues = transcriptParts(input, options).map((part, index) => {
    const speaker = options.speakers === false ? '' : `${speakerName(part.channel, input)}: `;
    const times = `${formatCueTime(part.start, ',')} --> ${formatCueTime(cueEnd(part.start, part.end), ',')}`;
    return `${index + 1}\n${times}\n${speaker}${part.text}`;
  });
  return cues.length === 0 ? '' : cues.join('\n\n') + '\n';
}
