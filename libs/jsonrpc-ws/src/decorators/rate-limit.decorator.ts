import { SetMetadata } from '@nestjs/common';
import { RATE_LIMIT_METADATA } from '../jsonrpc-ws.constants';

/** A token bucket: `limit` calls per `windowMs`, with bursts of up to `burst` (default `limit`). */
export interface RateLimitRule {
  /** Calls allowed per window; 0 means unlimited. */
  limit: number;
  /** @default 1000 */
  windowMs?: number;
  /** Bucket size: calls allowed at once after a quiet period. @default limit */
  burst?: number;
}

/**
 * Sets the rate limit of a method or of every method of a class; `0` means
 * unlimited. The module's `rateLimit.methods` option overrides it.
 *
 * @example
 * @RateLimit({ limit: 5, windowMs: 60_000 })
 * @RpcMethod('auth.login')
 * login() {}
 */
export const RateLimit = (rule: RateLimitRule | 0): MethodDecorator & ClassDecorator =>
  SetMetadata(RATE_LIMIT_METADATA, rule === 0 ? { limit: 0 } : rule);
