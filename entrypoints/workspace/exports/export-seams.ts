/**
 * WIRING SEAM — the one place the exports meet pseudonymisation and the
 * real-name log. Every ExportPanel takes its `transform` and
 * `logRealNameExport` from here unless given its own.
 *
 * To wire (lead), once `src/pseudonymise` is merged, return for example:
 *
 *   transform: async (content) => pseudonymiseTranscript(content, await listReplacements(db, vault)),
 *   logRealNameExport: (entry) => logRealNameChoice(db, vault, entry),
 *
 * Until then both are null, and the panel says so: exports go out as stored
 * (names not replaced, with a warning on the panel), and an export with real
 * names is refused because it could not be logged.
 */
import type { RealNameExportLog, TranscriptTransform } from '../../../src/export';
import type { IntervjuDatabase, Vault } from '../../../src/store';

export interface ExportSeams {
  /** Pseudonymises a session's segments and notes before export; null: not wired yet. */
  transform: TranscriptTransform | null;
  /** Logs the explicit choice to export with real names; null: not wired yet. */
  logRealNameExport: RealNameExportLog | null;
}

export function exportSeams(_db: IntervjuDatabase, _vault: Vault): ExportSeams {
  return { transform: null, logRealNameExport: null };
}
