/**
 * The one place the exports meet pseudonymisation and the real-name log. Every
 * ExportPanel takes its `transform` and `logRealNameExport` from here unless
 * given its own: the transcript is pseudonymised with the whole key list (every
 * pair, every occurrence, whatever was skipped in review), and an export with
 * real names is logged with its sessions before the file is written.
 */
import type { RealNameExportLog, TranscriptTransform } from '../../../src/export';
import { pseudonymiseTranscript } from '../../../src/pseudonymise';
import { listKeyList, logRealNameExport, type IntervjuDatabase, type Vault } from '../../../src/store';

export interface ExportSeams {
  /** Pseudonymises a session's segments and notes before export; null: not wired. */
  transform: TranscriptTransform | null;
  /** Logs the explicit choice to export with real names; null: not wired. */
  logRealNameExport: RealNameExportLog | null;
}

export function exportSeams(db: IntervjuDatabase, vault: Vault): ExportSeams {
  return {
    transform: async (content) => pseudonymiseTranscript(content, await listKeyList(db, vault)),
    logRealNameExport: async (entry) => {
      await logRealNameExport(db, entry.sessionIds, entry.format);
    },
  };
}
