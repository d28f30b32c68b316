import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { RateLimitDecision, RateLimitStore, TokenBucketRule } from './rate-limit-store.interface';

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** When the bucket will be full again, after which it equals a fresh one and can go. */
  fullAt: number;
}

/** How often buckets that have refilled are forgotten (owners keyed by user or IP outlive connections). */
const SWEEP_INTERVAL_MS = 60_000;

/** One answer shared by every call let through: no allocation per call. */
const ALLOWED: RateLimitDecision = Object.freeze({ allowed: true, retryAfterMs: 0 });

/** Token buckets in this process's memory: owner → method → bucket. */
@Injectable()
export class InMemoryRateLimitStore implements RateLimitStore, OnModuleDestroy {
  private readonly buckets = new Map<string, Map<string, Bucket>>();
  private readonly sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_INTERVAL_MS).unref();

  consume(owner: string, method: string, rule: TokenBucketRule, now: number): RateLimitDecision {
    let methods = this.buckets.get(owner);
    if (!methods) this.buckets.set(owner, (methods = new Map<string, Bucket>()));
    const perMs = rule.limit / rule.windowMs;
    let bucket = methods.get(method);
    if (!bucket) {
      bucket = { tokens: rule.burst, updatedAt: now, fullAt: now };
      methods.set(method, bucket);
    } else {
      bucket.tokens = Math.min(rule.burst, bucket.tokens + (now - bucket.updatedAt) * perMs);
      bucket.updatedAt = now;
    }
    if (bucket.tokens < 1) {
      return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / perMs) };
    }
    bucket.tokens -= 1;
    bucket.fullAt = now + (rule.burst - bucket.tokens) / perMs;
    return ALLOWED;
  }

  release(owner: string): void {
    this.buckets.delete(owner);
  }

  /** Number of owners with buckets (for tests and diagnostics). */
  get size(): number {
    return this.buckets.size;
  }

  sweep(now: number): void {
    for (const [owner, methods] of this.buckets) {
      for (const [method, bucket] of methods) if (bucket.fullAt <= now) methods.delete(method);
      if (methods.size === 0) this.buckets.delete(owner);
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
