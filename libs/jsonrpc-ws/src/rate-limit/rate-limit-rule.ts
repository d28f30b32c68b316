import type { RateLimitRule } from '../decorators/rate-limit.decorator';
import type { RpcMethodHandler } from '../discovery/rpc-method-handler';
import type { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';

/**
 * A method's rate-limit rule: the option for its name, then its `@RateLimit()`
 * (the method's, else its class's), then the default; undefined when it is not limited.
 */
export function rateLimitRuleOf(
  options: ResolvedJsonRpcWsOptions,
  handler: RpcMethodHandler,
): RateLimitRule | undefined {
  const { rateLimit } = options;
  if (rateLimit === false) return undefined;
  const rule: RateLimitRule = rateLimit.methods[handler.name] ?? handler.rateLimit ?? rateLimit;
  return rule.limit === 0 ? undefined : rule;
}
