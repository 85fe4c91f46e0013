/** The clock and id source store functions use; tests pass their own. */
export interface StoreEnvironment {
  /** Milliseconds since the Unix epoch. */
  now?: () => number;
  /** A new unique record id. */
  idSource?: () => string;
}

export function resolveEnvironment(environment: StoreEnvironment = {}): Required<StoreEnvironment> {
  return {
    now: environment.now ?? Date.now,
    idSource: environment.idSource ?? (() => globalThis.crypto.randomUUID()),
  };
}
