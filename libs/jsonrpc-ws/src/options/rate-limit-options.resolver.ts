import type { RateLimitRule } from '../decorators/rate-limit.decorator';
import type { RateLimitStore } from '../rate-limit/rate-limit-store.interface';
import type { RateLimitOptions, ResolvedRateLimitOptions } from './jsonrpc-ws-options.interface';
import { check, checkInteger } from './option-checks';

/** The default limit: 100 calls a second per connection and method. */
export const DEFAULT_RATE_LIMIT: ResolvedRateLimitOptions = {
  limit: 100,
  windowMs: 1000,
  by: 'connection',
  methods: {},
};

/** `rateLimit` with defaults applied and every rule checked. */
export function resolveRateLimit(
  given: RateLimitOptions | false | undefined,
): ResolvedRateLimitOptions | false {
  if (given === false) return false;
  const defaults = DEFAULT_RATE_LIMIT;
  check(
    'rateLimit',
    given === undefined || (typeof given === 'object' && given !== null),
    'false or an object',
    given,
  );
  const options = Object.fromEntries(
    Object.entries(given ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<RateLimitOptions>;
  const resolved: ResolvedRateLimitOptions = { ...defaults, ...options, methods: {} };
  checkRule('rateLimit', resolved);
  check(
    'rateLimit.by',
    ['connection', 'user', 'ip'].includes(resolved.by),
    "'connection', 'user' or 'ip'",
    resolved.by,
  );
  check(
    'rateLimit.key',
    resolved.key === undefined || typeof resolved.key === 'function',
    'a function (session, method) => string',
    resolved.key,
  );
  check(
    'rateLimit.store',
    resolved.store === undefined || isRateLimitStore(resolved.store),
    'a RateLimitStore (consume() and release())',
    resolved.store,
  );
  const methods = options.methods ?? {};
  check('rateLimit.methods', typeof methods === 'object' && methods !== null, 'an object', methods);
  for (const [method, rule] of Object.entries(methods)) {
    const normalized = rule === 0 ? { limit: 0 } : rule;
    checkRule(`rateLimit.methods.${method}`, normalized);
    resolved.methods[method] = normalized;
  }
  return resolved;
}

function checkRule(option: string, rule: RateLimitRule): void {
  check(
    option,
    typeof rule === 'object' && rule !== null,
    'a rule { limit, windowMs?, burst? } or 0',
    rule,
  );
  checkInteger(`${option}.limit`, rule.limit, 0);
  if (rule.windowMs !== undefined) checkInteger(`${option}.windowMs`, rule.windowMs, 1);
  if (rule.burst !== undefined) checkInteger(`${option}.burst`, rule.burst, 1);
}

function isRateLimitStore(value: unknown): boolean {
  const store = value as Partial<RateLimitStore> | null;
  return typeof store?.consume === 'function' && typeof store.release === 'function';
}
