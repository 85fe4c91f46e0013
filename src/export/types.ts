/**
 * What every exporter reads: one session with everything needed to write it
 * out, already decrypted. Callers (the workspace) gather it from the store.
 */
import type { CoverageEvent } from '../coverage/model';
import type { Guide } from '../guide/model';
import type { Note, Participant, Segment, Session } from '../store/records';

/** Language of headers and labels in an export: the UI's language. */
export type ExportLocale = 'nb' | 'en';

export interface ExportSession {
  session: Session;
  /** Null for pilots and imports without a participant. */
  participant: Participant | null;
  /** The guide version the session used. */
  guide: Guide;
  /** Decrypted, in time order (interviewer and participant channels together). */
  segments: readonly Segment[];
  notes: readonly Note[];
  coverage: readonly CoverageEvent[];
  /** Language of headers and labels (bokmål or English). */
  locale: ExportLocale;
}

/** Options every transcript exporter shares. */
export interface TranscriptOptions {
  /**
   * Keep filler words (`eh`, `ehm`, `øh`; `uh`, `um`, …) as transcribed. Default true:
   * verbatim is the research default; removing them is a choice for quoting.
   */
  keepFillers?: boolean;
}
