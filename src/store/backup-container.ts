/**
 * The backup file's outer layer: a fixed header, then AES-GCM ciphertext under a
 * key derived from the backup passphrase (PBKDF2-SHA-256, its own salt).
 *
 * Format 2 (written since backups are streamed) encrypts the content in segments,
 * so neither writing nor reading ever holds the whole file:
 *
 *   offset  size  field
 *        0    15  magic "INTERVJU-BACKUP" (ASCII)
 *       15     2  container format version, big-endian (2)
 *       17    16  PBKDF2 salt
 *       33     4  PBKDF2 iterations, big-endian
 *       37     8  nonce prefix (random)
 *       45     4  plaintext bytes per segment, big-endian (all but the last segment are this long)
 *       49     …  segments: ciphertext with its 16-byte tag each
 *   end - 8    8  total length of the segments in bytes, big-endian
 *
 * Segment i has the IV `nonce prefix ‖ i` (32-bit big-endian) and the additional
 * data `header ‖ i ‖ final flag ‖ total length (final segment) or 0`. This is the
 * STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár, CRYPTO 2015), as in
 * Tink's streaming AEAD and age: segments cannot be reordered, dropped, or moved
 * between files, the header cannot be altered, and the final flag with the total
 * length makes a file that was cut off fail instead of reading as shorter. The
 * total length is also written in clear at the end so a cut file is named as such
 * (a cut file's last 8 bytes are ciphertext, almost surely a far larger number).
 *
 * Format 1 (before streaming) is one AES-GCM ciphertext; it is still read:
 *
 *        0    15  magic, 15 2 version (1), 17 16 salt, 33 4 iterations,
 *       37    12  AES-GCM IV, 49 8 ciphertext length, 57 … ciphertext with tag
 *
 * WARNING: files in these formats live outside the browser for years. Never
 * change one in place: bump the version and keep reading the old ones.
 */
import { DEFAULT_PBKDF2_ITERATIONS, IV_BYTES, MAXIMUM_PBKDF2_ITERATIONS, SALT_BYTES, deriveKeyFromPassphrase, randomBytes } from './crypto';
import { BackupRejectedError } from './errors';

export const BACKUP_MAGIC = 'INTERVJU-BACKUP';
export const BACKUP_CONTAINER_VERSION = 2;
const LEGACY_CONTAINER_VERSION = 1;

const MAGIC_BYTES = new TextEncoder().encode(BACKUP_MAGIC);
const VERSION_OFFSET = MAGIC_BYTES.length;
const SALT_OFFSET = VERSION_OFFSET + 2;
const ITERATIONS_OFFSET = SALT_OFFSET + SALT_BYTES;
const TAG_BYTES = 16;

// Format 2.
const NONCE_PREFIX_OFFSET = ITERATIONS_OFFSET + 4;
const NONCE_PREFIX_BYTES = IV_BYTES - 4;
const SEGMENT_SIZE_OFFSET = NONCE_PREFIX_OFFSET + NONCE_PREFIX_BYTES;
export const BACKUP_HEADER_BYTES = SEGMENT_SIZE_OFFSET + 4;
export const BACKUP_TRAILER_BYTES = 8;
/** 1 MiB: large enough that WebCrypto calls are few, small enough that one in memory does not matter. */
export const DEFAULT_SEGMENT_BYTES = 1 << 20;
/** A larger stored size is damage, not a setting: reading it would allocate that much at once. */
const MAXIMUM_SEGMENT_BYTES = 1 << 24;

// Format 1.
const LEGACY_IV_OFFSET = ITERATIONS_OFFSET + 4;
const LEGACY_LENGTH_OFFSET = LEGACY_IV_OFFSET + IV_BYTES;
const LEGACY_HEADER_BYTES = LEGACY_LENGTH_OFFSET + 8;

/** Receives the file's bytes in order; the writer awaits it, so a slow sink slows the writer instead of piling up data. */
export type BackupSink = (part: Uint8Array<ArrayBuffer>) => void | Promise<void>;

function segmentIv(prefix: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  const iv = new Uint8Array(IV_BYTES);
  iv.set(prefix, 0);
  new DataView(iv.buffer).setUint32(NONCE_PREFIX_BYTES, index);
  return iv;
}

function segmentAdditionalData(header: Uint8Array, index: number, totalLength: number | null): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(header.length + 4 + 1 + 8);
  data.set(header, 0);
  const view = new DataView(data.buffer);
  view.setUint32(header.length, index);
  view.setUint8(header.length + 4, totalLength === null ? 0 : 1);
  view.setBigUint64(header.length + 5, BigInt(totalLength ?? 0));
  return data;
}

/** Encrypts a byte stream into a format-2 backup file, one segment at a time. */
export class BackupSealer {
  private readonly pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private index = 0;
  private written = 0;

  private constructor(
    private readonly key: CryptoKey,
    private readonly header: Uint8Array<ArrayBuffer>,
    private readonly noncePrefix: Uint8Array,
    private readonly segmentBytes: number,
    private readonly sink: BackupSink,
  ) {}

  /** Derives the key and hands the header to `sink`. */
  static async start(
    passphrase: string,
    sink: BackupSink,
    options: { iterations?: number; segmentBytes?: number } = {},
  ): Promise<BackupSealer> {
    const iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
    const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    if (!(segmentBytes >= 1 && segmentBytes <= MAXIMUM_SEGMENT_BYTES)) throw new RangeError(`Segment size ${segmentBytes} is out of range.`);
    const salt = randomBytes(SALT_BYTES);
    const noncePrefix = randomBytes(NONCE_PREFIX_BYTES);
    const header = new Uint8Array(BACKUP_HEADER_BYTES);
    const view = new DataView(header.buffer);
    header.set(MAGIC_BYTES, 0);
    view.setUint16(VERSION_OFFSET, BACKUP_CONTAINER_VERSION);
    header.set(salt, SALT_OFFSET);
    view.setUint32(ITERATIONS_OFFSET, iterations);
    header.set(noncePrefix, NONCE_PREFIX_OFFSET);
    view.setUint32(SEGMENT_SIZE_OFFSET, segmentBytes);
    const key = await deriveKeyFromPassphrase(passphrase, salt, iterations, ['encrypt']);
    await sink(header.slice());
    return new BackupSealer(key, header, noncePrefix, segmentBytes, sink);
  }

  /**
   * Adds plaintext; encrypts and hands on each segment as soon as it is full.
   * `bytes` is kept, not copied, until it is encrypted (hours of audio pass
   * through here): the caller must not change it afterwards.
   */
  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    // Strictly more than one segment: a full segment may still turn out to be the last.
    while (this.pendingBytes > this.segmentBytes) await this.sealSegment(this.take(this.segmentBytes), null);
  }

  /** Encrypts what is left as the final segment and writes the trailer. */
  async finish(): Promise<void> {
    const rest = this.take(this.pendingBytes);
    await this.sealSegment(rest, this.written + rest.length + TAG_BYTES);
    const trailer = new Uint8Array(BACKUP_TRAILER_BYTES);
    new DataView(trailer.buffer).setBigUint64(0, BigInt(this.written));
    await this.sink(trailer);
  }

  private take(length: number): Uint8Array<ArrayBuffer> {
    const segment = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const first = this.pending[0]!;
      const needed = length - filled;
      if (first.length <= needed) {
        segment.set(first, filled);
        filled += first.length;
        this.pending.shift();
      } else {
        segment.set(first.subarray(0, needed), filled);
        this.pending[0] = first.subarray(needed);
        filled += needed;
      }
    }
    this.pendingBytes -= length;
    return segment;
  }

  private async sealSegment(plaintext: Uint8Array<ArrayBuffer>, totalLength: number | null): Promise<void> {
    const index = this.index;
    this.index += 1;
    const ciphertext = await globalThis.crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: segmentIv(this.noncePrefix, index), additionalData: segmentAdditionalData(this.header, index, totalLength) },
      this.key,
      plaintext,
    );
    this.written += ciphertext.byteLength;
    await this.sink(new Uint8Array(ciphertext));
  }
}

async function readSlice(file: Blob, start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await file.slice(start, end).arrayBuffer());
}

/** Checks the magic and version; returns the version this file is written in. */
export async function backupContainerVersion(file: Blob): Promise<1 | 2> {
  const start = await readSlice(file, 0, SALT_OFFSET);
  for (let index = 0; index < Math.min(start.length, MAGIC_BYTES.length); index += 1) {
    if (start[index] !== MAGIC_BYTES[index]) throw new BackupRejectedError('not-a-backup');
  }
  if (start.length < SALT_OFFSET) throw new BackupRejectedError(start.length === 0 ? 'not-a-backup' : 'truncated');
  const version = new DataView(start.buffer).getUint16(VERSION_OFFSET);
  if (version === LEGACY_CONTAINER_VERSION || version === BACKUP_CONTAINER_VERSION) return version;
  throw new BackupRejectedError('unsupported-version');
}

function checkedIterations(view: DataView): number {
  const iterations = view.getUint32(ITERATIONS_OFFSET);
  // A damaged count could ask for billions of rounds and freeze the page; refuse it instead.
  if (iterations < 1 || iterations > MAXIMUM_PBKDF2_ITERATIONS) throw new BackupRejectedError('tampered-or-wrong-passphrase');
  return iterations;
}

/**
 * Checks a format-2 file's header and length, then decrypts it one segment at a
 * time; throws `BackupRejectedError` saying why it is refused, at the latest when
 * the damaged segment is reached (everything yielded before it was authentic).
 */
export async function* openBackupSegments(
  file: Blob,
  passphrase: string,
  onRead: (bytesRead: number) => void = () => undefined,
): AsyncGenerator<Uint8Array<ArrayBuffer>, void, undefined> {
  if ((await backupContainerVersion(file)) !== BACKUP_CONTAINER_VERSION) throw new BackupRejectedError('unsupported-version');
  if (file.size < BACKUP_HEADER_BYTES + BACKUP_TRAILER_BYTES) throw new BackupRejectedError('truncated');
  const header = await readSlice(file, 0, BACKUP_HEADER_BYTES);
  const view = new DataView(header.buffer);
  const iterations = checkedIterations(view);
  const segmentBytes = view.getUint32(SEGMENT_SIZE_OFFSET);
  if (segmentBytes < 1 || segmentBytes > MAXIMUM_SEGMENT_BYTES) throw new BackupRejectedError('tampered-or-wrong-passphrase');
  const declared = new DataView((await readSlice(file, file.size - BACKUP_TRAILER_BYTES, file.size)).buffer).getBigUint64(0);
  const actual = BigInt(file.size - BACKUP_HEADER_BYTES - BACKUP_TRAILER_BYTES);
  // A file cut short ends in ciphertext or in part of the trailer: read as a length,
  // that is mostly larger than what is there, but not always (cut by one byte after a
  // tag whose last byte is 0, about one backup in 256, it reads as the real length
  // shifted down). Only a trailer found further back shows bytes were appended.
  if (actual !== declared) throw new BackupRejectedError((await hasBytesAppended(file)) ? 'tampered-or-wrong-passphrase' : 'truncated');
  const total = Number(declared);
  const stride = segmentBytes + TAG_BYTES;
  const segments = Math.max(1, Math.ceil(total / stride));
  if (total - (segments - 1) * stride < TAG_BYTES) throw new BackupRejectedError('tampered-or-wrong-passphrase');
  const noncePrefix = header.slice(NONCE_PREFIX_OFFSET, NONCE_PREFIX_OFFSET + NONCE_PREFIX_BYTES);
  const key = await deriveKeyFromPassphrase(passphrase, header.slice(SALT_OFFSET, SALT_OFFSET + SALT_BYTES), iterations, ['decrypt']);
  for (let index = 0; index < segments; index += 1) {
    const start = BACKUP_HEADER_BYTES + index * stride;
    const final = index === segments - 1;
    const ciphertext = await readSlice(file, start, final ? BACKUP_HEADER_BYTES + total : start + stride);
    let plaintext: ArrayBuffer;
    try {
      plaintext = await globalThis.crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: segmentIv(noncePrefix, index), additionalData: segmentAdditionalData(header, index, final ? total : null) },
        key,
        ciphertext,
      );
    } catch (error) {
      // GCM cannot tell a wrong passphrase from altered bytes: both fail the tag.
      throw new BackupRejectedError('tampered-or-wrong-passphrase', { cause: error });
    }
    onRead(start + ciphertext.length + (final ? BACKUP_TRAILER_BYTES : 0));
    yield new Uint8Array(plaintext);
  }
}

/** How far back from the end a trailer followed by stray bytes is looked for. */
const APPENDED_SEARCH_BYTES = 1 << 16;

/**
 * Whether the trailer sits a little before the end, followed by bytes someone
 * added: then the file is altered, not cut off, and the researcher is told so.
 */
async function hasBytesAppended(file: Blob): Promise<boolean> {
  const from = Math.max(BACKUP_HEADER_BYTES, file.size - BACKUP_TRAILER_BYTES - APPENDED_SEARCH_BYTES);
  const tail = await readSlice(file, from, file.size);
  const view = new DataView(tail.buffer);
  for (let appended = 1; appended <= tail.length - BACKUP_TRAILER_BYTES; appended += 1) {
    const trailerAt = tail.length - BACKUP_TRAILER_BYTES - appended;
    if (view.getBigUint64(trailerAt) === BigInt(from + trailerAt - BACKUP_HEADER_BYTES)) return true;
  }
  return false;
}

/** Checks and decrypts a format-1 file, whole; throws `BackupRejectedError` saying why it is refused. */
export async function openLegacyBackup(file: Uint8Array, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
  const magicLength = Math.min(file.length, MAGIC_BYTES.length);
  for (let index = 0; index < magicLength; index += 1) {
    if (file[index] !== MAGIC_BYTES[index]) throw new BackupRejectedError('not-a-backup');
  }
  if (file.length < SALT_OFFSET) throw new BackupRejectedError(file.length === 0 ? 'not-a-backup' : 'truncated');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (view.getUint16(VERSION_OFFSET) !== LEGACY_CONTAINER_VERSION) throw new BackupRejectedError('unsupported-version');
  if (file.length < LEGACY_HEADER_BYTES) throw new BackupRejectedError('truncated');
  const iterations = checkedIterations(view);
  const declaredLength = view.getBigUint64(LEGACY_LENGTH_OFFSET);
  const actualLength = BigInt(file.length - LEGACY_HEADER_BYTES);
  if (actualLength < declaredLength) throw new BackupRejectedError('truncated');
  if (actualLength > declaredLength || declaredLength < BigInt(TAG_BYTES)) throw new BackupRejectedError('tampered-or-wrong-passphrase');
  const header = file.slice(0, LEGACY_HEADER_BYTES);
  const salt = file.slice(SALT_OFFSET, SALT_OFFSET + SALT_BYTES);
  const iv = file.slice(LEGACY_IV_OFFSET, LEGACY_IV_OFFSET + IV_BYTES);
  const key = await deriveKeyFromPassphrase(passphrase, salt, iterations, ['decrypt']);
  try {
    const plaintext = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: header }, key, file.slice(LEGACY_HEADER_BYTES));
    return new Uint8Array(plaintext);
  } catch (error) {
    throw new BackupRejectedError('tampered-or-wrong-passphrase', { cause: error });
  }
}
