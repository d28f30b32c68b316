import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RateLimitRule } from '../decorators/rate-limit.decorator';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { getJsonRpcContext, isJsonRpcContext } from '../gateway/jsonrpc-context';
import type { JsonRpcSession } from '../gateway/jsonrpc-session';
import { RpcInstrumentation } from '../instrumentation/rpc-instrumentation';
import { RATE_LIMIT_METADATA } from '../jsonrpc-ws.constants';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import { isThenable } from '../utils/is-thenable';
import {
  RATE_LIMIT_STORE,
  RateLimitDecision,
  RateLimitStore,
  TokenBucketRule,
} from './rate-limit-store.interface';

const UNLIMITED: TokenBucketRule = { limit: 0, windowMs: 1000, burst: 0 };

/**
 * Token bucket per caller per method: past it, -32029 `TooManyRequests` with
 * `data.retryAfterMs`. Registered globally by `JsonRpcWsModule` (option
 * `rateLimit`); HTTP routes pass. Subclass and override `getTracker()` to
 * count by something else.
 */
@Injectable()
export class RpcRateLimitGuard implements CanActivate {
  /** Rules resolved per handler and method, so decorators are read once. */
  private readonly rules = new WeakMap<object, Map<string, TokenBucketRule>>();

  constructor(
    protected readonly reflector: Reflector,
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    private readonly instrumentation: RpcInstrumentation,
  ) {}

  /** Answers synchronously when the store does (the in-memory one always does). */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (this.options.rateLimit === false || !isJsonRpcContext(context)) return true;
    const { method, session } = getJsonRpcContext(context);
    const rule = this.ruleFor(context, method);
    if (rule.limit === 0) return true;
    const decision = this.store.consume(this.getTracker(session), method, rule, Date.now());
    return isThenable(decision)
      ? Promise.resolve(decision).then((settled) => this.enforce(settled, method))
      : this.enforce(decision, method);
  }

  private enforce(decision: RateLimitDecision, method: string): true {
    if (decision.allowed) return true;
    this.instrumentation.sink.rateLimited(method);
    this.instrumentation.sink.limitRejected('rate');
    throw new JsonRpcError(JsonRpcErrorCode.TooManyRequests, 'Too many requests', {
      reason: 'TooManyRequests',
      retryAfterMs: decision.retryAfterMs,
    });
  }

  /** Whose bucket a call takes from: the connection, the user, or the IP address (option `rateLimit.by`). */
  protected getTracker(session: JsonRpcSession): string {
    const { rateLimit } = this.options;
    const by = rateLimit === false ? 'connection' : rateLimit.by;
    if (by === 'user' && session.userId !== undefined) return `user:${session.userId}`;
    if (by === 'ip') return `ip:${session.remoteAddress ?? 'unknown'}`;
    return connectionTracker(session.id);
  }

  private ruleFor(context: ExecutionContext, method: string): TokenBucketRule {
    const handler = context.getHandler();
    let byMethod = this.rules.get(handler);
    if (!byMethod) this.rules.set(handler, (byMethod = new Map<string, TokenBucketRule>()));
    let rule = byMethod.get(method);
    if (!rule) {
      rule = this.resolveRule(context, method);
      byMethod.set(method, rule);
    }
    return rule;
  }

  /** Option for the method name, then the method's decorator, then the class's, then the default. */
  private resolveRule(context: ExecutionContext, method: string): TokenBucketRule {
    const { rateLimit } = this.options;
    if (rateLimit === false) return UNLIMITED;
    const rule: RateLimitRule =
      rateLimit.methods[method] ??
      this.reflector.getAllAndOverride<RateLimitRule | undefined>(RATE_LIMIT_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]) ??
      rateLimit;
    if (rule.limit === 0) return UNLIMITED;
    return {
      limit: rule.limit,
      windowMs: rule.windowMs ?? 1000,
      burst: rule.burst ?? rule.limit,
    };
  }
}

/** Bucket owner of a connection; its buckets go when it closes. */
export function connectionTracker(connectionId: string): string {
  return `conn:${connectionId}`;
}
