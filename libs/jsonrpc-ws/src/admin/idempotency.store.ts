/** A remembered answer to a `POST` with an `Idempotency-Key`. */
interface Entry {
  /** Digest of the body it answered: a reuse with another body is an error. */
  fingerprint: string;
  /** Resolves to the answer; shared by a retry that comes while the first is still running. */
  result: Promise<unknown>;
  expiresAt: number;
}

/**
 * Answers by idempotency key within a time window, in memory (one node). Keys
 * expire in the order they were stored, so expired ones are swept from the front.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys: number,
  ) {}

  get(key: string, now = Date.now()): Entry | undefined {
    this.sweep(now);
    return this.entries.get(key);
  }

  set(key: string, fingerprint: string, result: Promise<unknown>, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { fingerprint, result, expiresAt: now + this.ttlMs });
    // Past the cap, the oldest keys go first.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) break;
      this.entries.delete(oldest);
    }
  }

  /** Forgets a key whose request failed, so that a retry runs again. */
  forget(key: string, result: Promise<unknown>): void {
    if (this.entries.get(key)?.result === result) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.entries.delete(key);
    }
  }
}
