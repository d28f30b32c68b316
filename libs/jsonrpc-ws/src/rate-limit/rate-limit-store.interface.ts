/** A bucket rule with defaults applied. */
export interface TokenBucketRule {
  /** Tokens added per `windowMs`. */
  limit: number;
  windowMs: number;
  /** Bucket capacity. */
  burst: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: how long until a token is available. */
  retryAfterMs: number;
}

/**
 * Where token buckets live. The in-memory default serves one node; a shared
 * store (Redis) can slot in for limits that hold across a cluster.
 */
export interface RateLimitStore {
  /** Takes a token from the bucket of `owner` for `method`. */
  consume(
    owner: string,
    method: string,
    rule: TokenBucketRule,
    now: number,
  ): RateLimitDecision | Promise<RateLimitDecision>;
  /** Forgets every bucket of an owner (a closed connection). */
  release(owner: string): void | Promise<void>;
}

/** Injection token of the `RateLimitStore` in use. */
export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
