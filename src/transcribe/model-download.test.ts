// Tests for scripts/models/model-download.mjs (the pieces of `npm run models:fetch`),
// kept here because vitest only collects tests under src/ and tests/.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DownloadError,
  announcedSha256,
  buildManifest,
  converterArguments,
  downloadFile,
  downloadPlan,
  fileUrl,
  findMismatches,
  hashFile,
} from '../../scripts/models/model-download.mjs';
import { KNOWN_MODELS, parseModelManifest } from './model-registry';
import knownModelsJson from './known-models.json';

/** The list as the fetch script reads it (with `checkpoint`, which the extension does not need). */
const KNOWN_MODELS_RAW = knownModelsJson as unknown as (Parameters<typeof downloadPlan>[0] & { name: string })[];

const CONTENT = new TextEncoder().encode('pretend these are ONNX weights '.repeat(40));
const CONTENT_SHA256 = createHash('sha256').update(CONTENT).digest('hex');
const URL_OF_FILE = 'https://huggingface.co/onnx-community/whisper-base/resolve/main/onnx/encoder_model_quantized.onnx';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'intervju-model-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

type Init = { headers: Record<string, string> };

/** A hub that redirects to a CDN (as huggingface.co does for LFS files) and honours Range. */
function fakeHub(options: { announced?: string; bytes?: Uint8Array } = {}) {
  const bytes = options.bytes ?? CONTENT;
  const requests: { url: string; range?: string }[] = [];
  const fetch = async (url: string, init: Init) => {
    requests.push({ url, range: init.headers.Range });
    if (url.startsWith('https://huggingface.co/')) {
      return new Response(null, {
        status: 302,
        headers: {
          location: 'https://cdn.example/blob',
          'x-linked-etag': `"${options.announced ?? CONTENT_SHA256}"`,
          'x-repo-commit': 'abc123',
        },
      });
    }
    const start = init.headers.Range ? Number(/bytes=(\d+)-/.exec(init.headers.Range)?.[1]) : 0;
    const body = bytes.slice(start);
    return new Response(body, {
      status: start > 0 ? 206 : 200,
      headers: { 'content-length': String(body.byteLength) },
    });
  };
  return { fetch, requests };
}

describe('fileUrl', () => {
  it('builds the hub resolve URL for a file at a revision', () => {
    expect(fileUrl('onnx-community/whisper-base', 'onnx/encoder_model_quantized.onnx')).toBe(URL_OF_FILE);
    expect(fileUrl('a/b', 'odd name.json', 'refs/pr/1')).toBe('https://huggingface.co/a/b/resolve/refs%2Fpr%2F1/odd%20name.json');
  });
});

describe('announcedSha256', () => {
  it('reads the LFS SHA-256 and ignores git blob hashes', () => {
    expect(announcedSha256(new Headers({ 'x-linked-etag': `"${CONTENT_SHA256}"` }))).toBe(CONTENT_SHA256);
    expect(announcedSha256(new Headers({ etag: '"3f786850e387550fdab836ed7e6dc881de23001b"' }))).toBeNull();
  });
});

describe('buildManifest', () => {
  it('writes a manifest the extension accepts, with sorted files and the commit', () => {
    const model = KNOWN_MODELS.find((entry) => entry.name === 'nb-whisper-base-beta');
    expect(model).toBeDefined();
    const files = [...model!.files].reverse().map((path, index) => ({ path, sha256: CONTENT_SHA256, bytes: 10 + index }));
    const manifest = parseModelManifest(buildManifest(model!, files, 'abc123'));
    expect(manifest.kind).toBe('real');
    expect(manifest.sizeBytes).toBe(files.reduce((sum, file) => sum + file.bytes, 0));
    expect(manifest.files.map((file) => file.path)).toEqual([...model!.files].sort());
    expect(manifest.source).toContain('Xenova/nb-whisper-base-beta at abc123');
    expect(manifest.languages).toEqual(['no', 'nn', 'en']);
  });
});

describe('downloadPlan and converterArguments', () => {
  const known = (name: string) => {
    const model = KNOWN_MODELS_RAW.find((entry) => entry.name === name);
    if (!model) throw new Error(`no known model ${name}`);
    return model;
  };

  it('downloads a transformers.js export straight into models/<name>/, with nothing to convert', () => {
    const plan = downloadPlan(known('nb-whisper-base-beta'), '/repo/models');
    expect(plan).toEqual({
      folder: '/repo/models/nb-whisper-base-beta',
      files: known('nb-whisper-base-beta').files,
      approximateBytes: 80_000_000,
      convert: false,
    });
  });

  it('downloads an NB-Whisper release as a safetensors checkpoint beside the models, to be converted', () => {
    for (const name of ['nb-whisper-tiny', 'nb-whisper-base', 'nb-whisper-small', 'nb-whisper-medium', 'nb-whisper-large', 'nb-whisper-base-verbatim']) {
      const plan = downloadPlan(known(name), '/repo/models');
      expect(plan.folder).toBe(`/repo/models/.checkpoints/${name}`);
      expect(plan.convert).toBe(true);
      expect(plan.files).toEqual(expect.arrayContaining(['model.safetensors', 'config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json']));
      expect(plan.files.some((path) => path.endsWith('.onnx'))).toBe(false);
    }
  });

  it('refuses a checkpoint marked as not convertible before downloading gigabytes', () => {
    const entry = { ...known('nb-whisper-large'), checkpoint: { ...known('nb-whisper-large').checkpoint!, unsupported: 'it needs more than this converter has' } };
    expect(() => downloadPlan(entry, '/repo/models')).toThrow(/nb-whisper-large cannot be converted here: it needs more/);
    expect(downloadPlan(known('nb-whisper-large'), '/repo/models').convert).toBe(true);
  });

  it('converts into models/<name>/ with the list entry\'s name, dtype, languages and source commit', () => {
    expect(converterArguments(known('nb-whisper-base'), '/repo', '/repo/models', 'abc123')).toEqual([
      '/repo/scripts/models/convert-checkpoint.py',
      '/repo/models/.checkpoints/nb-whisper-base',
      '--name', 'nb-whisper-base',
      '--out', '/repo/models/nb-whisper-base',
      '--dtype', 'q8',
      '--languages', 'no,nn,en',
      '--display-name', 'NB-Whisper base (National Library of Norway, 8-bit, converted here)',
      '--source', 'https://huggingface.co/NbAiLab/nb-whisper-base at abc123',
    ]);
  });
});

describe('downloadFile', () => {
  it('follows the redirect, checks the announced SHA-256 and leaves no .part', async () => {
    const hub = fakeHub();
    const destination = join(folder, 'onnx', 'encoder_model_quantized.onnx');
    const result = await downloadFile({ url: URL_OF_FILE, destination, fetch: hub.fetch });
    expect(result).toEqual({ sha256: CONTENT_SHA256, commit: 'abc123' });
    expect(new Uint8Array(await readFile(destination))).toEqual(CONTENT);
    expect(await readdir(join(folder, 'onnx'))).toEqual(['encoder_model_quantized.onnx']);
  });

  it('resumes a partial download with a Range request', async () => {
    const hub = fakeHub();
    const destination = join(folder, 'model.onnx');
    await writeFile(`${destination}.part`, CONTENT.slice(0, 100));
    const progress: number[] = [];
    await downloadFile({ url: URL_OF_FILE, destination, fetch: hub.fetch, onProgress: (received) => progress.push(received) });
    expect(hub.requests.map((entry) => entry.range)).toEqual(['bytes=100-', 'bytes=100-']);
    expect((await hashFile(destination)).sha256).toBe(CONTENT_SHA256);
    expect(progress.at(-1)).toBe(CONTENT.byteLength);
  });

  it('refuses a file whose SHA-256 differs from the hub, and keeps nothing of it', async () => {
    const hub = fakeHub({ bytes: CONTENT.map((byte, index) => (index === 5 ? byte ^ 1 : byte)) });
    const destination = join(folder, 'model.onnx');
    const failure = downloadFile({ url: URL_OF_FILE, destination, fetch: hub.fetch });
    await expect(failure).rejects.toMatchObject({ reason: 'checksum' });
    expect(await readdir(folder)).toEqual([]);
  });

  it('fails fast and says so when the hub cannot be reached', async () => {
    const offline = async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    };
    const failure = downloadFile({ url: URL_OF_FILE, destination: join(folder, 'x'), fetch: offline });
    await expect(failure).rejects.toBeInstanceOf(DownloadError);
    await expect(failure).rejects.toMatchObject({ reason: 'offline', message: expect.stringContaining('ENOTFOUND') });
  });

  it('gives up on a download that stalls instead of hanging', async () => {
    const stalled = async (_url: string, init: Init & { signal: AbortSignal }) => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new Uint8Array([1, 2, 3]));
          init.signal.addEventListener('abort', () => controller.error(init.signal.reason));
        },
      });
      return new Response(body, { status: 200 });
    };
    const failure = downloadFile({ url: URL_OF_FILE, destination: join(folder, 'x'), fetch: stalled, timeoutMs: 50 });
    await expect(failure).rejects.toMatchObject({ reason: 'timeout' });
  });
});

describe('findMismatches', () => {
  it('names files that changed after the manifest was written', async () => {
    await writeFile(join(folder, 'a.json'), '{}');
    await writeFile(join(folder, 'b.json'), '[]');
    const files = [
      { path: 'a.json', ...(await hashFile(join(folder, 'a.json'))) },
      { path: 'b.json', ...(await hashFile(join(folder, 'b.json'))) },
    ];
    await writeFile(join(folder, 'b.json'), '[1]');
    expect(await findMismatches(folder, { files })).toEqual(['b.json']);
  });
});
