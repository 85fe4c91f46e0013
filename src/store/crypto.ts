/**
 * WebCrypto primitives the store builds on: PBKDF2 key derivation, AES-GCM
 * with a fresh random IV per message, and base64 for keys handed between pages.
 */
import type { EncryptedPayload } from './schema';

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

/**
 * OWASP Password Storage Cheat Sheet (2023): PBKDF2-HMAC-SHA256 needs 600,000
 * iterations. https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#pbkdf2
 */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

/** Above this a stored iteration count is treated as damage, not as a setting (it would stall the browser). */
export const MAXIMUM_PBKDF2_ITERATIONS = 10_000_000;

export const SALT_BYTES = 16;
/** 96-bit IVs, the size AES-GCM is specified for (NIST SP 800-38D §8.2). */
export const IV_BYTES = 12;

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

export function encodeText(text: string): Uint8Array<ArrayBuffer> {
  return textEncoder.encode(text) as Uint8Array<ArrayBuffer>;
}

export function decodeText(bytes: Uint8Array): string {
  return textDecoder.decode(bytes);
}

/**
 * Derives an AES-GCM key from a passphrase. The passphrase is NFC-normalised first:
 * "ø" typed on one keyboard may arrive decomposed on another, and must open the same vault.
 */
export async function deriveKeyFromPassphrase(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', encodeText(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    usages,
  );
}

/** A fresh random 256-bit AES-GCM data key; extractable so it can be handed to other extension pages. */
export function generateDataKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']) as Promise<CryptoKey>;
}

export async function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return subtle().importKey('raw', raw, { name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

export async function exportDataKey(key: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle().exportKey('raw', key));
}

/** Encrypts with a fresh random IV; `additionalData` binds the ciphertext to its context. */
export async function encryptBytes(
  key: CryptoKey,
  plaintext: Uint8Array<ArrayBuffer>,
  additionalData: Uint8Array<ArrayBuffer>,
): Promise<EncryptedPayload> {
  const iv = randomBytes(IV_BYTES);
  const ciphertext = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData }, key, plaintext);
  return { iv, ciphertext: new Uint8Array(ciphertext) };
}

/** Decrypts and authenticates; rejects (OperationError) on a wrong key, altered bytes or other context. */
export async function decryptBytes(
  key: CryptoKey,
  payload: EncryptedPayload,
  additionalData: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const plaintext = await subtle().decrypt({ name: 'AES-GCM', iv: payload.iv, additionalData }, key, payload.ciphertext);
  return new Uint8Array(plaintext);
}

export function encryptJson(key: CryptoKey, value: unknown, additionalData: Uint8Array<ArrayBuffer>): Promise<EncryptedPayload> {
  return encryptBytes(key, encodeText(JSON.stringify(value)), additionalData);
}

export async function decryptJson<T>(key: CryptoKey, payload: EncryptedPayload, additionalData: Uint8Array<ArrayBuffer>): Promise<T> {
  return JSON.parse(decodeText(await decryptBytes(key, payload, additionalData))) as T;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked: String.fromCharCode with one huge spread overflows the call stack.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
