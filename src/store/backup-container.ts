/**
 * The backup file's outer layer: a fixed header and one AES-GCM ciphertext under
 * a key derived from the backup passphrase (PBKDF2-SHA-256, its own salt).
 *
 *   offset  size  field
 *        0    15  magic "INTERVJU-BACKUP" (ASCII)
 *       15     2  container format version, big-endian (1)
 *       17    16  PBKDF2 salt
 *       33     4  PBKDF2 iterations, big-endian
 *       37    12  AES-GCM IV
 *       49     8  ciphertext length in bytes, big-endian
 *       57     …  ciphertext with its 16-byte tag
 *
 * The whole header is the AES-GCM additional data, so no header byte can be
 * altered without the file being refused.
 *
 * WARNING: files in this format live outside the browser for years. Never change
 * it in place: bump the version and keep reading the old one.
 */
import { DEFAULT_PBKDF2_ITERATIONS, IV_BYTES, MAXIMUM_PBKDF2_ITERATIONS, SALT_BYTES, deriveKeyFromPassphrase, randomBytes } from './crypto';
import { BackupRejectedError } from './errors';

export const BACKUP_MAGIC = 'INTERVJU-BACKUP';
export const BACKUP_CONTAINER_VERSION = 1;

const MAGIC_BYTES = new TextEncoder().encode(BACKUP_MAGIC);
const VERSION_OFFSET = MAGIC_BYTES.length;
const SALT_OFFSET = VERSION_OFFSET + 2;
const ITERATIONS_OFFSET = SALT_OFFSET + SALT_BYTES;
const IV_OFFSET = ITERATIONS_OFFSET + 4;
const LENGTH_OFFSET = IV_OFFSET + IV_BYTES;
export const BACKUP_HEADER_BYTES = LENGTH_OFFSET + 8;
const TAG_BYTES = 16;

/** Encrypts `content` into a backup file. */
export async function sealBackup(
  content: Uint8Array<ArrayBuffer>,
  passphrase: string,
  iterations: number = DEFAULT_PBKDF2_ITERATIONS,
): Promise<Uint8Array<ArrayBuffer>> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header = new Uint8Array(BACKUP_HEADER_BYTES);
  const view = new DataView(header.buffer);
  header.set(MAGIC_BYTES, 0);
  view.setUint16(VERSION_OFFSET, BACKUP_CONTAINER_VERSION);
  header.set(salt, SALT_OFFSET);
  view.setUint32(ITERATIONS_OFFSET, iterations);
  header.set(iv, IV_OFFSET);
  view.setBigUint64(LENGTH_OFFSET, BigInt(content.length + TAG_BYTES));
  const key = await deriveKeyFromPassphrase(passphrase, salt, iterations, ['encrypt']);
  const ciphertext = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header }, key, content));
  const file = new Uint8Array(header.length + ciphertext.length);
  file.set(header, 0);
  file.set(ciphertext, header.length);
  return file;
}

/** Checks and decrypts a backup file; throws `BackupRejectedError` saying why it is refused. */
export async function openBackup(file: Uint8Array, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
  const magicLength = Math.min(file.length, MAGIC_BYTES.length);
  for (let index = 0; index < magicLength; index += 1) {
    if (file[index] !== MAGIC_BYTES[index]) throw new BackupRejectedError('not-a-backup');
  }
  if (file.length < SALT_OFFSET) throw new BackupRejectedError(file.length === 0 ? 'not-a-backup' : 'truncated');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (view.getUint16(VERSION_OFFSET) !== BACKUP_CONTAINER_VERSION) throw new BackupRejectedError('unsupported-version');
  if (file.length < BACKUP_HEADER_BYTES) throw new BackupRejectedError('truncated');
  const iterations = view.getUint32(ITERATIONS_OFFSET);
  // A damaged count could ask for billions of rounds and freeze the page; refuse it instead.
  if (iterations < 1 || iterations > MAXIMUM_PBKDF2_ITERATIONS) throw new BackupRejectedError('tampered-or-wrong-passphrase');
  const declaredLength = view.getBigUint64(LENGTH_OFFSET);
  const actualLength = BigInt(file.length - BACKUP_HEADER_BYTES);
  if (actualLength < declaredLength) throw new BackupRejectedError('truncated');
  if (actualLength > declaredLength || declaredLength < BigInt(TAG_BYTES)) throw new BackupRejectedError('tampered-or-wrong-passphrase');
  const header = file.slice(0, BACKUP_HEADER_BYTES);
  const salt = file.slice(SALT_OFFSET, SALT_OFFSET + SALT_BYTES);
  const iv = file.slice(IV_OFFSET, IV_OFFSET + IV_BYTES);
  const key = await deriveKeyFromPassphrase(passphrase, salt, iterations, ['decrypt']);
  try {
    const plaintext = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: header },
      key,
      file.slice(BACKUP_HEADER_BYTES),
    );
    return new Uint8Array(plaintext);
  } catch (error) {
    // GCM cannot tell a wrong passphrase from altered bytes: both fail the tag.
    throw new BackupRejectedError('tampered-or-wrong-passphrase', { cause: error });
  }
}
