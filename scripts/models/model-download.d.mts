// Types for model-download.mjs, so TypeScript tests can import it.

export const HUB_ORIGIN: string;

export interface FetchedModel {
  name: string;
  displayName: string;
  repository: string;
  revision: string;
  dtype: string;
  languages: string[] | 'multilingual';
  wordTimestamps: boolean;
  approximateBytes?: number;
  files?: string[];
  /** Present when the hub has only a checkpoint, which is converted here. */
  checkpoint?: { format: string; files: string[]; approximateBytes?: number; unsupported?: string };
}

export interface FileRecord {
  path: string;
  sha256: string;
  bytes: number;
}

export function fileUrl(repository: string, path: string, revision?: string): string;
export function announcedSha256(headers: Headers): string | null;
export function formatBytes(bytes: number): string;
export function buildManifest(
  model: FetchedModel,
  files: FileRecord[],
  commit?: string | null,
): {
  name: string;
  displayName: string;
  kind: 'real';
  sizeBytes: number;
  languages: string[] | 'multilingual';
  dtype: string;
  wordTimestamps: boolean;
  files: FileRecord[];
  source: string;
};
export function hashFile(path: string): Promise<{ sha256: string; bytes: number }>;
export function writeFileAtomically(path: string, contents: string | Uint8Array): Promise<void>;

export class DownloadError extends Error {
  constructor(reason: DownloadError['reason'], message: string);
  readonly reason: 'offline' | 'timeout' | 'http' | 'checksum';
}

export function downloadFile(options: {
  url: string;
  destination: string;
  fetch: (url: string, init: { headers: Record<string, string>; redirect: 'manual'; signal: AbortSignal }) => Promise<Response>;
  timeoutMs?: number;
  onProgress?: (received: number, total: number | null) => void;
  setTimer?: (callback: () => void, milliseconds: number) => unknown;
  clearTimer?: (timer: never) => void;
}): Promise<{ sha256: string | null; commit: string | null }>;

export function findMismatches(folder: string, manifest: { files: FileRecord[] }): Promise<string[]>;

export const CONVERTER: string;
export function downloadPlan(
  model: FetchedModel & { files: string[]; approximateBytes: number },
  modelsFolder: string,
): { folder: string; files: string[]; approximateBytes: number; convert: boolean };
export function converterArguments(
  model: FetchedModel,
  repositoryRoot: string,
  modelsFolder: string,
  commit?: string | null,
): string[];
