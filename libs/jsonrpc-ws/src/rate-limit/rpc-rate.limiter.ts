import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RpcMethodHandler } from '../discovery/rpc-method-handler';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { RpcInstrumentation } from '../instrumentation/rpc-instrumentation';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { isThenable } from '../utils/is-thenable';
import { rateLimitRuleOf } from './rate-limit-rule';
import {
  RATE_LIMIT_STORE,
  RateLimitDecision,
  RateLimitStore,
  TokenBucketRule,
} from './rate-limit-store.interface';

const UNLIMITED: TokenBucketRule = { limit: 0, windowMs: 1000, burst: 0 };

/**
 * Token bucket per caller per method, taken by the dispatcher before a call
 * enters the pipeline: past it, the dispatcher answers -32029 `TooManyRequests`
 * with `data.retryAfterMs`. It runs on RPC calls only, never on HTTP routes, and
 * costs a refused call no guard, pipe or handler.
 */
@Injectable()
export class RpcRateLimiter {
  /** Rules resolved per handler, so options and decorators are read once. */
  private readonly rules = new WeakMap<RpcMethodHandler, TokenBucketRule>();
  private readonly logger = new Logger('JsonRpcWs');
  private readonly connectionKeys = new WeakMap<JsonRpcSession, string>();

  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    private readonly instrumentation: RpcInstrumentation,
  ) {}

  /**
   * Undefined when the call may go on; when refused, how long until it may be made
   * again (`retryAfterMs`), a promise of either with an async store.
   */
  consume(
    session: JsonRpcSession,
    handler: RpcMethodHandler,
  ): number | undefined | Promise<number | undefined> {
    const rule = this.ruleFor(handler);
    if (rule.limit === 0) return undefined;
    let decision: RateLimitDecision | Promise<RateLimitDecision>;
    try {
      decision = this.store.consume(
        this.keyOf(session, handler.name),
        handler.name,
        rule,
        Date.now(),
      );
    } catch (error) {
      return this.storeFailed(error);
    }
    return isThenable(decision)
      ? Promise.resolve(decision).then(
          (settled) => this.refusal(settled, handler.name),
          (error: unknown) => this.storeFailed(error),
        )
      : this.refusal(decision, handler.name);
  }

  /** A store that fails (a shared store whose server is down) lets calls through, loudly. */
  private storeFailed(error: unknown): undefined {
    this.logger.error(
      'The rate-limit store failed: the call goes on without a limit',
      error instanceof Error ? error.stack : String(error),
    );
    return undefined;
  }

  /** Only a number, no error object and no Error: a refusal must cost next to nothing. */
  private refusal(decision: RateLimitDecision, method: string): number | undefined {
    if (decision.allowed) return undefined;
    this.instrumentation.sink.rateLimited(method);
    this.instrumentation.sink.limitRejected('rate');
    return decision.retryAfterMs;
  }

  /** Whose bucket a call takes from: option `rateLimit.key`, else `rateLimit.by`. */
  private keyOf(session: JsonRpcSession, method: string): string {
    const { rateLimit } = this.options;
    if (rateLimit === false) return this.connectionKey(session);
    if (rateLimit.key) return `key:${rateLimit.key(session, method)}`;
    if (rateLimit.by === 'user' && session.userId !== undefined) return `user:${session.userId}`;
    if (rateLimit.by === 'ip') return `ip:${session.remoteAddress ?? 'unknown'}`;
    return this.connectionKey(session);
  }

  /** Built once per connection: a new string per call would be hashed anew on every lookup. */
  private connectionKey(session: JsonRpcSession): string {
    let key = this.connectionKeys.get(session);
    if (key === undefined) this.connectionKeys.set(session, (key = connectionTracker(session.id)));
    return key;
  }

  private ruleFor(handler: RpcMethodHandler): TokenBucketRule {
    let rule = this.rules.get(handler);
    if (!rule) this.rules.set(handler, (rule = this.resolveRule(handler)));
    return rule;
  }

  private resolveRule(handler: RpcMethodHandler): TokenBucketRule {
    const rule = rateLimitRuleOf(this.options, handler);
    if (!rule) return UNLIMITED;
    return { limit: rule.limit, windowMs: rule.windowMs ?? 1000, burst: rule.burst ?? rule.limit };
  }
}

/** Bucket owner of a connection; its buckets go when it closes. */
export function connectionTracker(connectionId: string): string {
  return `conn:${connectionId}`;
}
