/**
 * Whisper model folders: their manifest, its checks, and the models we know how to fetch.
 *
 * Every folder under `models/<name>/` holds a `manifest.json` written by
 * `scripts/models/make-test-model.py` (the committed test model) or by
 * `scripts/models/fetch-model.mjs` (real models, fetched by a user who is
 * online). The extension reads the manifest to list models, to pick the
 * transformers.js `dtype`, and to check the files are whole before loading
 * them: a half-downloaded model must fail loudly, not transcribe badly.
 *
 * Framework-free: runs in the extension (WebCrypto) and in Node 20 (global
 * `crypto.subtle`).
 */
import knownModelsJson from './known-models.json';
import { AUDIO_CONTEXT_KINDS, type AudioContextKind } from './short-context';

/** `test`: random weights, meaningless text, for tests only. `real`: a trained Whisper. */
export type ModelKind = 'test' | 'real';

/** transformers.js dtypes we accept (src/utils/dtypes.js in @huggingface/transformers 4.3). */
export const MODEL_DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const;
export type ModelDtype = (typeof MODEL_DTYPES)[number];

/** File-name suffix transformers.js adds for each dtype (DEFAULT_DTYPE_SUFFIX_MAPPING). */
export const DTYPE_FILE_SUFFIX: Readonly<Record<ModelDtype, string>> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

export interface ModelFile {
  /** Path inside the model folder, with forward slashes (`onnx/encoder_model.onnx`). */
  path: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  bytes: number;
}

export interface ModelManifest {
  /** Folder name under `models/`, and the model id given to transformers.js. */
  name: string;
  displayName: string;
  kind: ModelKind;
  /** Sum of `files[].bytes`. */
  sizeBytes: number;
  /** Whisper language codes the model is meant for (bokmål is `no`), or any Whisper language. */
  languages: string[] | 'multilingual';
  dtype: ModelDtype;
  /** Whether the decoder outputs cross-attentions, which `return_timestamps: 'word'` needs. */
  wordTimestamps: boolean;
  files: ModelFile[];
  /** Where the files came from: a Hugging Face repository and revision, or the generator script. */
  source: string;
  /**
   * `short`: the model was trained to transcribe from a short encoder context
   * (FUTO's audio-context fine-tuning, ACFT) and its encoder takes fewer than
   * 3000 feature frames, so live utterances are encoded with only their audio
   * plus a margin (short-context.ts). Absent or `full`: Whisper's 30 s window
   * always, as unmodified Whisper needs.
   */
  audioContext?: AudioContextKind;
}

/** A real model that `npm run models:fetch -- <name>` can download. */
export interface KnownModel {
  name: string;
  displayName: string;
  /** Hugging Face repository in transformers.js's ONNX layout. */
  repository: string;
  revision: string;
  dtype: ModelDtype;
  languages: string[] | 'multilingual';
  wordTimestamps: boolean;
  /** Rough download size, for telling the user before they start. */
  approximateBytes: number;
  files: string[];
}

/** Thrown by `parseModelManifest`; `field` names the offending part (`files[2].sha256`). */
export class ModelManifestError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`Model manifest: ${field} ${detail}`);
    this.name = 'ModelManifestError';
  }
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const LANGUAGE_PATTERN = /^[a-z]{2,3}$/;

/** The two ONNX files transformers.js loads for a Whisper model in this dtype. */
export function requiredOnnxFiles(dtype: ModelDtype): string[] {
  const suffix = DTYPE_FILE_SUFFIX[dtype];
  return [`onnx/encoder_model${suffix}.onnx`, `onnx/decoder_model_merged${suffix}.onnx`];
}

/**
 * The external data files (`onnx/<file>.onnx_data`, `…_data_1`, …) transformers.js
 * 4.3 fetches beside this dtype's Whisper pair, as config.json's
 * `transformers.js_config.use_external_data_format` asks (resolveExternalDataFormat
 * and getExternalDataChunkNames in its src/utils/model-loader.js): `true` or a
 * count for every file, or a map from the file's full name
 * (`encoder_model_quantized.onnx`) or its stem (`encoder_model`) to a count.
 * The converter writes the map (scripts/models/external_data.py). A
 * `device_config` override of the setting is not read: the converter writes none.
 */
export function externalDataFiles(config: unknown, dtype: ModelDtype): string[] {
  const jsConfig = isRecord(config) ? config['transformers.js_config'] : undefined;
  const setting = isRecord(jsConfig) ? jsConfig.use_external_data_format : undefined;
  const files: string[] = [];
  for (const stem of ['encoder_model', 'decoder_model_merged']) {
    const fullName = `${stem}${DTYPE_FILE_SUFFIX[dtype]}.onnx`;
    const chunks = chunkCount(setting, fullName, stem);
    for (let chunk = 0; chunk < chunks; chunk++) files.push(`onnx/${fullName}_data${chunk === 0 ? '' : `_${chunk}`}`);
  }
  return files;
}

function chunkCount(setting: unknown, fullName: string, stem: string): number {
  if (!setting) return 0;
  if (isRecord(setting)) {
    if (Object.hasOwn(setting, fullName)) return Number(setting[fullName]) || 0;
    if (Object.hasOwn(setting, stem)) return Number(setting[stem]) || 0;
    return 0;
  }
  return Number(setting) || 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a parsed `manifest.json` and returns it typed; throws ModelManifestError naming the bad field. */
export function parseModelManifest(json: unknown): ModelManifest {
  const record = expectRecord(json, 'manifest');
  const name = expectString(record, 'name');
  if (!NAME_PATTERN.test(name)) {
    throw new ModelManifestError('name', `must be a plain folder name (letters, digits, . _ -), got ${JSON.stringify(name)}`);
  }
  const kind = record.kind;
  if (kind !== 'test' && kind !== 'real') {
    throw new ModelManifestError('kind', `must be "test" or "real", got ${JSON.stringify(kind)}`);
  }
  const dtype = record.dtype;
  if (!isModelDtype(dtype)) {
    throw new ModelManifestError('dtype', `must be one of ${MODEL_DTYPES.join(', ')}, got ${JSON.stringify(dtype)}`);
  }
  const wordTimestamps = record.wordTimestamps;
  if (typeof wordTimestamps !== 'boolean') {
    throw new ModelManifestError('wordTimestamps', 'must be true or false');
  }
  const files = parseFiles(record.files);
  const sizeBytes = expectByteCount(record.sizeBytes, 'sizeBytes');
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  if (sizeBytes !== total) {
    throw new ModelManifestError('sizeBytes', `is ${sizeBytes} but the files add up to ${total}`);
  }
  const audioContext = record.audioContext;
  if (audioContext !== undefined && !(AUDIO_CONTEXT_KINDS as readonly unknown[]).includes(audioContext)) {
    throw new ModelManifestError(
      'audioContext',
      `must be "full" or "short" (a model trained for a short audio context), or absent, got ${JSON.stringify(audioContext)}`,
    );
  }
  const paths = new Set(files.map((file) => file.path));
  for (const required of ['config.json', 'tokenizer.json', ...requiredOnnxFiles(dtype)]) {
    if (!paths.has(required)) {
      throw new ModelManifestError('files', `lacks ${required}, which transformers.js loads for dtype ${dtype}`);
    }
  }
  return {
    name,
    displayName: expectString(record, 'displayName'),
    kind,
    sizeBytes,
    languages: parseLanguages(record.languages, 'languages'),
    dtype,
    wordTimestamps,
    files,
    source: expectString(record, 'source'),
    ...(audioContext === undefined ? {} : { audioContext: audioContext as AudioContextKind }),
  };
}

/** One file that is not as the manifest says. */
export interface ModelFileProblem {
  path: string;
  problem: 'unreadable' | 'size' | 'checksum';
  detail: string;
}

export interface ModelVerification {
  ok: boolean;
  problems: ModelFileProblem[];
}

/** SHA-256 of some bytes as lower-case hex, by WebCrypto. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Copy into a fresh ArrayBuffer: WebCrypto refuses views over SharedArrayBuffer.
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Reads every file the manifest lists (one at a time: real models are hundreds of MB)
 * and reports each that is unreadable, of the wrong size, or has the wrong SHA-256.
 */
export async function verifyModelFiles(
  manifest: ModelManifest,
  readFile: (path: string) => Promise<Uint8Array>,
  digest: (bytes: Uint8Array) => Promise<string> = sha256Hex,
): Promise<ModelVerification> {
  const problems: ModelFileProblem[] = [];
  for (const file of manifest.files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file.path);
    } catch (error) {
      problems.push({ path: file.path, problem: 'unreadable', detail: String(error) });
      continue;
    }
    if (bytes.byteLength !== file.bytes) {
      problems.push({ path: file.path, problem: 'size', detail: `expected ${file.bytes} bytes, found ${bytes.byteLength}` });
      continue;
    }
    const actual = await digest(bytes);
    if (actual !== file.sha256) {
      problems.push({ path: file.path, problem: 'checksum', detail: `expected SHA-256 ${file.sha256}, found ${actual}` });
    }
  }
  return { ok: problems.length === 0, problems };
}

/** True for the generated model whose text means nothing; never offer it for real interviews. */
export function isTestModel(manifest: ModelManifest): boolean {
  return manifest.kind === 'test';
}

/** Checks the list of fetchable models (known-models.json); throws ModelManifestError on a bad entry. */
export function parseKnownModels(json: unknown): KnownModel[] {
  if (!Array.isArray(json)) throw new ModelManifestError('known models', 'must be a list');
  const names = new Set<string>();
  return json.map((entry: unknown, index) => {
    const field = `known models[${index}]`;
    const record = expectRecord(entry, field);
    const name = expectString(record, 'name', field);
    if (!NAME_PATTERN.test(name) || names.has(name)) {
      throw new ModelManifestError(`${field}.name`, `must be a unique plain folder name, got ${JSON.stringify(name)}`);
    }
    names.add(name);
    const dtype = record.dtype;
    if (!isModelDtype(dtype)) throw new ModelManifestError(`${field}.dtype`, `is not a known dtype: ${JSON.stringify(dtype)}`);
    const files = record.files;
    if (!Array.isArray(files) || !files.every((path): path is string => typeof path === 'string' && isSafeRelativePath(path))) {
      throw new ModelManifestError(`${field}.files`, 'must be a list of relative paths');
    }
    for (const required of requiredOnnxFiles(dtype)) {
      if (!files.includes(required)) throw new ModelManifestError(`${field}.files`, `lacks ${required}`);
    }
    const wordTimestamps = record.wordTimestamps;
    if (typeof wordTimestamps !== 'boolean') throw new ModelManifestError(`${field}.wordTimestamps`, 'must be true or false');
    return {
      name,
      displayName: expectString(record, 'displayName', field),
      repository: expectString(record, 'repository', field),
      revision: expectString(record, 'revision', field),
      dtype,
      languages: parseLanguages(record.languages, `${field}.languages`),
      wordTimestamps,
      approximateBytes: expectByteCount(record.approximateBytes, `${field}.approximateBytes`),
      files: [...files],
    };
  });
}

/** Real models the fetch script can bring, in transformers.js's ONNX layout on Hugging Face. */
export const KNOWN_MODELS: readonly KnownModel[] = Object.freeze(parseKnownModels(knownModelsJson));

/** The known model of that name, if any. */
export function findKnownModel(name: string, models: readonly KnownModel[] = KNOWN_MODELS): KnownModel | undefined {
  return models.find((model) => model.name === name);
}

function isModelDtype(value: unknown): value is ModelDtype {
  return typeof value === 'string' && (MODEL_DTYPES as readonly string[]).includes(value);
}

/** Relative, forward slashes, no `..`: the path is joined onto the model folder. */
function isSafeRelativePath(path: string): boolean {
  return path.length > 0 && !path.startsWith('/') && !path.includes('\\') && path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

function parseFiles(value: unknown): ModelFile[] {
  if (!Array.isArray(value) || value.length === 0) throw new ModelManifestError('files', 'must be a non-empty list');
  const seen = new Set<string>();
  return value.map((entry: unknown, index) => {
    const field = `files[${index}]`;
    const record = expectRecord(entry, field);
    const path = expectString(record, 'path', field);
    if (!isSafeRelativePath(path)) throw new ModelManifestError(`${field}.path`, `must be a relative path without "..", got ${JSON.stringify(path)}`);
    if (seen.has(path)) throw new ModelManifestError(`${field}.path`, `repeats ${path}`);
    seen.add(path);
    const sha256 = record.sha256;
    if (typeof sha256 !== 'string' || !SHA256_PATTERN.test(sha256)) {
      throw new ModelManifestError(`${field}.sha256`, 'must be 64 lower-case hexadecimal characters');
    }
    return { path, sha256, bytes: expectByteCount(record.bytes, `${field}.bytes`) };
  });
}

function parseLanguages(value: unknown, field: string): string[] | 'multilingual' {
  if (value === 'multilingual') return value;
  if (!Array.isArray(value) || value.length === 0) throw new ModelManifestError(field, 'must be "multilingual" or a non-empty list of Whisper language codes');
  return value.map((code: unknown, index) => {
    if (code === 'nb') {
      // Whisper has no `nb`; bokmål is `no` (transformers.js throws on `nb`).
      throw new ModelManifestError(`${field}[${index}]`, 'is "nb", but Whisper writes Norwegian bokmål as "no"');
    }
    if (typeof code !== 'string' || !LANGUAGE_PATTERN.test(code)) throw new ModelManifestError(`${field}[${index}]`, `is not a Whisper language code: ${JSON.stringify(code)}`);
    return code;
  });
}

function expectRecord(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ModelManifestError(field, 'must be an object');
  return value as Record<string, unknown>;
}

function expectString(record: Record<string, unknown>, key: string, parent?: string): string {
  const value = record[key];
  const field = parent ? `${parent}.${key}` : key;
  if (typeof value !== 'string' || value.trim() === '') throw new ModelManifestError(field, 'must be a non-empty string');
  return value;
}

function expectByteCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new ModelManifestError(field, 'must be a whole number of bytes');
  return value;
}
