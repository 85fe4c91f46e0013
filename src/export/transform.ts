/**
 * The step between the store and the exporters where the transcript is changed
 * before it leaves the extension: pseudonymisation (real names → fictive ones)
 * by default. The exporters themselves know nothing of it; the workspace passes
 * `src/pseudonymise`'s function (see docs/exports.md, "Pseudonymised by default").
 */
import type { Note, Participant, Segment, Session } from '../store/records';
import type { ExportSession } from './types';

/** What a transform may change: the text of segments and notes. */
export interface TranscriptContent {
  segments: readonly Segment[];
  notes: readonly Note[];
}

/** Which session the content belongs to (for a replacement list per participant, say). */
export interface TransformContext {
  session: Session;
  participant: Participant | null;
}

/** Changes a session's content before export; may be async (a replacement list read from the store). */
export type TranscriptTransform = (content: TranscriptContent, context: TransformContext) => TranscriptContent | Promise<TranscriptContent>;

/** Leaves the content as it is: an export with real names (a logged choice), or nothing wired yet. */
export const unchangedTranscript: TranscriptTransform = (content) => content;

/** Each session with its segments and notes passed through `transform`. */
export async function transformSessions(inputs: readonly ExportSession[], transform: TranscriptTransform): Promise<ExportSession[]> {
  return Promise.all(
    inputs.map(async (input) => {
      const changed = await transform({ segments: input.segments, notes: input.notes }, { session: input.session, participant: input.participant });
      return { ...input, segments: changed.segments, notes: changed.notes };
    }),
  );
}

/** What is logged when a researcher exports with real names (no content: who chose what, when). */
export interface RealNameExport {
  /** `session`, `participant` or `project`, and the ids of the sessions the file holds. */
  scope: 'session' | 'participant' | 'project';
  sessionIds: string[];
  format: string;
  fileName: string;
  /** Milliseconds since the Unix epoch. */
  at: number;
}

/** Keeps the record of a real-name export; the export is written only after it resolves. */
export type RealNameExportLog = (entry: RealNameExport) => Promise<void>;
