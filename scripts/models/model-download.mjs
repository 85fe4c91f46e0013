// Download and manifest pieces of fetch-model.mjs, with fetch and the clock
// passed in so src/transcribe/model-download.test.ts can run them offline.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const HUB_ORIGIN = 'https://huggingface.co';

/** URL of one file of a Hugging Face repository at a revision. */
export function fileUrl(repository, path, revision = 'main') {
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  return `${HUB_ORIGIN}/${repository}/resolve/${encodeURIComponent(revision)}/${encodedPath}`;
}

/** The SHA-256 the hub announces for a file (x-linked-etag on LFS files), or null. */
export function announcedSha256(headers) {
  for (const name of ['x-linked-etag', 'etag']) {
    const value = headers.get(name);
    if (!value) continue;
    const bare = value.replace(/^W\//, '').replace(/"/g, '').toLowerCase();
    if (/^[0-9a-f]{64}$/.test(bare)) return bare;
  }
  return null;
}

/** "12.3 MB" style size for progress lines. */
export function formatBytes(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Manifest for a fetched model, in the shape src/transcribe/model-registry.ts parses. */
export function buildManifest(model, files, commit = null) {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    name: model.name,
    displayName: model.displayName,
    kind: 'real',
    sizeBytes: sorted.reduce((sum, file) => sum + file.bytes, 0),
    languages: model.languages,
    dtype: model.dtype,
    wordTimestamps: model.wordTimestamps,
    files: sorted,
    source: `${HUB_ORIGIN}/${model.repository} at ${commit ?? model.revision}`,
  };
}

/** SHA-256 and size of a file on disk, streamed (model files are hundreds of MB). */
export async function hashFile(path) {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Writes a file through `<path>.part` and a rename, so a crash never leaves half a file. */
export async function writeFileAtomically(path, contents) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.part`, contents);
  await rename(`${path}.part`, path);
}

/** Thrown for a failed download; `reason` lets the command line print the right advice. */
export class DownloadError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = 'DownloadError';
    this.reason = reason; // 'offline' | 'timeout' | 'http' | 'checksum'
  }
}

/**
 * Downloads `url` to `destination`: into `destination.part` (resumed with a
 * Range request if a part is there), checked against the hub's SHA-256 when it
 * announces one, then renamed into place. A stall longer than `timeoutMs`
 * aborts. Returns { sha256 (announced or null), commit (x-repo-commit or null) }.
 */
export async function downloadFile({ url, destination, fetch, timeoutMs = 30_000, onProgress = () => {}, setTimer = setTimeout, clearTimer = clearTimeout }) {
  const partPath = `${destination}.part`;
  await mkdir(dirname(destination), { recursive: true });
  let resumeFrom = (await stat(partPath).catch(() => null))?.size ?? 0;

  const controller = new AbortController();
  let timer = null;
  const armTimer = () => {
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => controller.abort(new DownloadError('timeout', `no data for ${timeoutMs / 1000} s from ${url}`)), timeoutMs);
  };
  try {
    armTimer();
    let { response, announced, commit } = await request(fetch, url, resumeFrom, controller.signal);
    if (response.status === 416) {
      // The part is as long as the file or longer: start over rather than guess.
      await response.body?.cancel();
      await rm(partPath, { force: true });
      resumeFrom = 0;
      ({ response, announced, commit } = await request(fetch, url, 0, controller.signal));
    }
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel();
      throw new DownloadError('http', `HTTP ${response.status} for ${url}`);
    }
    const appending = response.status === 206 && resumeFrom > 0;
    const remaining = Number(response.headers.get('content-length') ?? NaN);
    const total = (appending ? resumeFrom : 0) + remaining;
    let received = appending ? resumeFrom : 0;
    const handle = await open(partPath, appending ? 'a' : 'w');
    try {
      for await (const chunk of response.body ?? []) {
        armTimer();
        await handle.write(chunk);
        received += chunk.length;
        onProgress(received, Number.isFinite(total) ? total : null);
      }
    } finally {
      await handle.close();
    }
    const { sha256 } = await hashFile(partPath);
    if (announced && announced !== sha256) {
      await rm(partPath, { force: true });
      throw new DownloadError('checksum', `SHA-256 of ${url} is ${sha256}, the hub announced ${announced}`);
    }
    await rename(partPath, destination);
    return { sha256: announced, commit };
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof DownloadError) throw controller.signal.reason;
    throw error;
  } finally {
    if (timer !== null) clearTimer(timer);
  }
}

/** Follows redirects by hand: the hub puts x-linked-etag on the redirect, not on the file. */
async function request(fetch, url, resumeFrom, signal) {
  let announced = null;
  let commit = null;
  let current = url;
  for (let hop = 0; hop < 6; hop++) {
    const headers = resumeFrom > 0 ? { Range: `bytes=${resumeFrom}-` } : {};
    let response;
    try {
      response = await fetch(current, { headers, redirect: 'manual', signal });
    } catch (error) {
      if (signal.aborted && signal.reason instanceof DownloadError) throw signal.reason;
      throw new DownloadError('offline', `could not reach ${new URL(current).host}: ${describeCause(error)}`);
    }
    announced = announced ?? announcedSha256(response.headers);
    commit = commit ?? response.headers.get('x-repo-commit');
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current).toString();
      continue;
    }
    return { response, announced, commit };
  }
  throw new DownloadError('http', `too many redirects for ${url}`);
}

function describeCause(error) {
  const cause = error?.cause;
  const code = cause?.code ?? error?.code;
  return [error?.message, code].filter(Boolean).join(' ') || String(error);
}

/** Re-hashes every file a manifest lists; returns the paths that do not match. */
export async function findMismatches(folder, manifest) {
  const mismatches = [];
  for (const file of manifest.files) {
    const actual = await hashFile(join(folder, file.path)).catch(() => null);
    if (!actual || actual.sha256 !== file.sha256 || actual.bytes !== file.bytes) mismatches.push(file.path);
  }
  return mismatches;
}

/** Where the converter lives, relative to the repository root. */
export const CONVERTER = 'scripts/models/convert-checkpoint.py';

/**
 * What fetching a known model downloads, and where. A model in transformers.js's
 * layout on the hub downloads its `files` straight into models/<name>/. A model
 * published only as a checkpoint (`checkpoint`: NB-Whisper's safetensors)
 * downloads the checkpoint's files into models/.checkpoints/<name>/ (a folder the
 * build skips: it has no manifest) and is then converted into models/<name>/.
 * Throws for a checkpoint the converter cannot handle, before anything is downloaded.
 */
export function downloadPlan(model, modelsFolder) {
  const checkpoint = model.checkpoint ?? null;
  if (!checkpoint) {
    return { folder: join(modelsFolder, model.name), files: [...model.files], approximateBytes: model.approximateBytes, convert: false };
  }
  if (checkpoint.format !== 'safetensors') throw new Error(`${model.name}: unknown checkpoint format ${JSON.stringify(checkpoint.format)}`);
  if (checkpoint.unsupported) throw new Error(`${model.name} cannot be converted here: ${checkpoint.unsupported}`);
  return {
    folder: join(modelsFolder, '.checkpoints', model.name),
    files: [...checkpoint.files],
    approximateBytes: checkpoint.approximateBytes ?? model.approximateBytes,
    convert: true,
  };
}

/** The converter's command line (after the Python interpreter) for a downloaded checkpoint. */
export function converterArguments(model, repositoryRoot, modelsFolder, commit = null) {
  if (!model.checkpoint) throw new Error(`${model.name} is not a checkpoint to convert`);
  const languages = Array.isArray(model.languages) ? model.languages.join(',') : model.languages;
  return [
    join(repositoryRoot, CONVERTER),
    downloadPlan(model, modelsFolder).folder,
    '--name', model.name,
    '--out', join(modelsFolder, model.name),
    '--dtype', model.dtype,
    '--languages', languages,
    '--display-name', model.displayName,
    '--source', `${HUB_ORIGIN}/${model.repository} at ${commit ?? model.revision}`,
  ];
}
