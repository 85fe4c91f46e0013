/** A source of fresh, unique ids. Tests pass a counter; the app uses random UUIDs. */
export type IdSource = () => string;

/** Random UUIDs from WebCrypto (available in Node 20, extension pages and workers). */
export const defaultIdSource: IdSource = () => crypto.randomUUID();
