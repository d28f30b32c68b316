import { Logger, OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { InMemoryRateLimitStore } from '../rate-limit/in-memory-rate-limit.store';
import type {
  RateLimitDecision,
  RateLimitStore,
  TokenBucketRule,
} from '../rate-limit/rate-limit-store.interface';
import type { ResolvedClusterOptions } from './cluster-options';
import { createCommandClient } from './redis-clients';

/**
 * One token bucket per owner and method, in one hash per owner (so that
 * releasing an owner is one DEL). The refill uses Redis's clock, so nodes with
 * skewed clocks share one bucket fairly; the hash expires once every bucket in
 * it would be full again. Returns { allowed (0/1), retryAfterMs }.
 */
const CONSUME = `
local key, method = KEYS[1], ARGV[1]
local limit, window, burst = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local per_ms = limit / window
local tokens = tonumber(redis.call('HGET', key, method .. ':t'))
if tokens then
  local at = tonumber(redis.call('HGET', key, method .. ':a'))
  tokens = math.min(burst, tokens + (now - at) * per_ms)
else
  tokens = burst
end
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', key, method .. ':t', tostring(tokens), method .. ':a', now)
local full_in = math.ceil((burst - tokens) / per_ms) + 1000
if redis.call('PTTL', key) < full_in then redis.call('PEXPIRE', key, full_in) end
if allowed == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) / per_ms)}
`;

interface ConsumeCommand {
  jrwsConsume(key: string, ...args: string[]): Promise<[number, number]>;
}

/** Options of `RedisRateLimitStore`. */
export interface RedisRateLimitStoreOptions {
  /** As `cluster.redis`: `{ url, options? }`, or an ioredis client of the application's (duplicated). */
  redis: ResolvedClusterOptions['redis'];
  /** @default 'jrws' */
  keyPrefix?: string;
}

/**
 * Rate-limit buckets in Redis, shared by every node: a user (with `by: 'user'`)
 * cannot multiply their allowance by spreading connections across nodes. While
 * Redis is unreachable, each node limits on its own (in memory) rather than
 * letting every call through or refusing them all.
 *
 * @example
 * rateLimit: { by: 'user', store: new RedisRateLimitStore({ redis: { url: process.env.REDIS_URL } }) }
 */
export class RedisRateLimitStore implements RateLimitStore, OnModuleDestroy {
  private readonly logger = new Logger('JsonRpcWs');
  private readonly redis: Redis & ConsumeCommand;
  private readonly fallback = new InMemoryRateLimitStore();
  private readonly prefix: string;
  /** Settles once the first connection attempt has: calls made before it wait for it. */
  private firstAttempt?: Promise<void>;

  constructor(options: RedisRateLimitStoreOptions) {
    this.prefix = options.keyPrefix ?? 'jrws';
    const command = createCommandClient(options.redis, 1000, this.logger);
    command.defineCommand('jrwsConsume', { numberOfKeys: 1, lua: CONSUME });
    this.redis = command as Redis & ConsumeCommand;
    this.firstAttempt = this.redis.connect().then(
      () => (this.firstAttempt = undefined),
      () => (this.firstAttempt = undefined),
    );
  }

  async consume(
    owner: string,
    method: string,
    rule: TokenBucketRule,
    now: number,
  ): Promise<RateLimitDecision> {
    if (this.firstAttempt) await this.firstAttempt;
    if (this.redis.status !== 'ready') return this.fallback.consume(owner, method, rule, now);
    try {
      const [allowed, retryAfterMs] = await this.redis.jrwsConsume(
        this.key(owner),
        method,
        String(rule.limit),
        String(rule.windowMs),
        String(rule.burst),
      );
      return { allowed: allowed === 1, retryAfterMs };
    } catch {
      return this.fallback.consume(owner, method, rule, now);
    }
  }

  async release(owner: string): Promise<void> {
    this.fallback.release(owner);
    if (this.redis.status === 'ready') await this.redis.del(this.key(owner)).catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.fallback.onModuleDestroy();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private key(owner: string): string {
    return `{${this.prefix}}:rate:${owner}`;
  }
}
