/**
 * GUIDs for REFI-QDA, derived from our own ids so the same session always
 * exports with the same GUIDs (a re-import updates instead of duplicating) and
 * references stay consistent: RFC 9562 UUID version 5 (SHA-1 of a namespace and
 * a name), with WebCrypto, which Node and the browser both have.
 */

/** Intervju's namespace for name-based UUIDs (a fixed random UUID). */
export const INTERVJU_NAMESPACE = '6f1d2c0e-5a4b-4c8e-9b7a-3e2f1d0c9b8a';

function bytesOf(uuid: string): Uint8Array {
  const hex = uuid.replace(/[{}-]/gu, '');
  if (!/^[0-9a-f]{32}$/iu.test(hex)) throw new Error(`Not a UUID: ${uuid}`);
  return Uint8Array.from({ length: 16 }, (_, index) => parseInt(hex.slice(index * 2, index * 2 + 2), 16));
}

/** The UUID v5 of `name` in `namespace`, upper case as ATLAS.ti writes GUIDs. */
export async function uuidV5(name: string, namespace: string = INTERVJU_NAMESPACE): Promise<string> {
  const nameBytes = new TextEncoder().encode(name);
  const data = new Uint8Array(16 + nameBytes.length);
  data.set(bytesOf(namespace));
  data.set(nameBytes, 16);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', data)).slice(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`.toUpperCase();
}

/** A cache of GUIDs for one export, so each (kind, id) is hashed once and always maps to the same GUID. */
export class GuidMap {
  private readonly known = new Map<string, Promise<string>>();

  /** The GUID of one of our records: `kind` keeps ids of different record types apart. */
  of(kind: string, id: string): Promise<string> {
    const key = `${kind}:${id}`;
    let guid = this.known.get(key);
    if (!guid) {
      guid = uuidV5(`intervju:${key}`);
      this.known.set(key, guid);
    }
    return guid;
  }
}
