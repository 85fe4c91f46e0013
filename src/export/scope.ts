/**
 * What one export covers: one session, all of a participant's sessions, or the
 * whole project, and the name its file gets.
 */
import type { Session } from '../store/records';
import { exportLabels } from './labels';
import type { ExportLocale } from './types';

export type ExportScope = { kind: 'session'; sessionId: string } | { kind: 'participant'; participantId: string } | { kind: 'project' };

/**
 * The sessions an export holds, oldest first. A participant's or a project's
 * export leaves out a session still under way (its transcript is not finished);
 * pilots and imports count as sessions like interviews. One session is exported
 * whatever its state: the researcher asked for it.
 */
export function sessionsInScope(sessions: readonly Session[], scope: ExportScope): Session[] {
  const chosen = sessions.filter((session) => {
    switch (scope.kind) {
      case 'session':
        return session.id === scope.sessionId;
      case 'participant':
        return session.participantId === scope.participantId && session.status !== 'active';
      case 'project':
        return session.status !== 'active';
    }
  });
  return chosen.sort((left, right) => left.startedAt - right.startedAt);
}

/** A file-name-safe form of a name: letters (æøå too) and digits kept, the rest `_`. */
export function fileNamePart(text: string, fallback: string): string {
  return text.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/gu, '') || fallback;
}

/** `2025-03-14_1300` in the machine's time zone, as file names carry a session's start. */
export function fileNameTime(time: number): string {
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}_${pad(date.getHours())}${pad(date.getMinutes())}`;
}

/**
 * The name (without extension) of an export of several sessions:
 * `Kåre-transkripsjoner` for a participant, `<project title>-transkripsjoner` for the project.
 */
export function bundleStem(name: string, locale: ExportLocale): string {
  return `${fileNamePart(name, 'Intervju')}-${exportLabels(locale).transcripts}`;
}
