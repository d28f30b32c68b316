import { checkKnownKeys } from './known-keys';
import { check, checkInteger, checkSecret } from './option-checks';
import type { RateLimitRule } from '../decorators/rate-limit.decorator';
import type { HubTransport } from '../hub/hub-transport.interface';
import type { RateLimitStore } from '../rate-limit/rate-limit-store.interface';
import {
  JsonRpcWsModuleOptions,
  RateLimitOptions,
  ResolvedJsonRpcWsOptions,
  ResolvedRateLimitOptions,
} from './jsonrpc-ws-options.interface';

/** Platform names: short, and safe to use as metric labels and map keys. */
export const PLATFORM_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;

export const DEFAULT_OPTIONS: ResolvedJsonRpcWsOptions = {
  path: '/ws',
  maxPayload: 1024 * 1024,
  maxBatchSize: 100,
  maxParamsDepth: 32,
  maxParamsNodes: 100_000,
  maxParamsKeys: 1000,
  allowedOrigins: 'same-origin',
  builtInMethods: { heartbeat: true, login: true, subscribe: true },
  maxConnections: 10000,
  maxConnectionsPerUser: 10,
  maxConnectionsPerPlatform: 1,
  platformLimitPolicy: 'kick-oldest',
  defaultPlatform: 'default',
  anonymousTimeoutMs: 30000,
  heartbeatTimeoutMs: 60000,
  pingIntervalMs: 25000,
  subscribeRequiresLogin: true,
  maxTopicsPerConnection: 100,
  maxBufferedBytes: 1024 * 1024,
  slowConsumerPolicy: 'disconnect',
  maxInFlightPerConnection: 64,
  maxRejections: 100,
  rejectionWindowMs: 10_000,
  rateLimit: { limit: 100, windowMs: 1000, by: 'connection', methods: {} },
  logCalls: false,
  shutdownTimeoutMs: 10000,
  reconnectAfterMs: [1000, 5000],
};

/** Applies defaults and checks every value, so a bad option stops the startup by name. */
export function resolveOptions(options: JsonRpcWsModuleOptions = {}): ResolvedJsonRpcWsOptions {
  checkKnownKeys(options);
  const given = withoutUndefined(options);
  const resolved: ResolvedJsonRpcWsOptions = {
    ...DEFAULT_OPTIONS,
    ...given,
    rateLimit: resolveRateLimit(given.rateLimit),
    logCalls: given.logCalls === true ? 'log' : (given.logCalls ?? false),
    // Closing anonymous connections only makes sense when they have a way to log in.
    anonymousTimeoutMs:
      given.anonymousTimeoutMs ??
      (given.verifyToken || given.authenticate ? DEFAULT_OPTIONS.anonymousTimeoutMs : 0),
    builtInMethods: {
      ...DEFAULT_OPTIONS.builtInMethods,
      ...withoutUndefined(given.builtInMethods ?? {}),
    },
  };
  const r = resolved;
  check(
    'transport',
    r.transport === undefined || isHubTransport(r.transport),
    'a HubTransport (nodeId, publish(), kick(), connectionsOf(), announce())',
    r.transport,
  );
  check(
    'cluster',
    r.cluster === undefined || r.transport === undefined,
    'left out when a transport is given (one or the other)',
    'both',
  );
  check(
    'fastPipeline',
    r.fastPipeline === undefined || typeof r.fastPipeline === 'boolean',
    'a boolean',
    r.fastPipeline,
  );
  check(
    'path',
    typeof r.path === 'string' && /^\/[^\s?#]*$/.test(r.path),
    'a URL path starting with "/"',
    r.path,
  );
  for (const name of [
    'maxPayload',
    'maxBatchSize',
    'maxParamsDepth',
    'maxParamsNodes',
    'maxParamsKeys',
    'maxConnectionsPerPlatform',
    'maxTopicsPerConnection',
    'maxBufferedBytes',
    'maxInFlightPerConnection',
    'rejectionWindowMs',
  ] as const) {
    checkInteger(name, r[name], 1);
  }
  for (const name of [
    'maxConnections',
    'maxConnectionsPerUser',
    'anonymousTimeoutMs',
    'heartbeatTimeoutMs',
    'pingIntervalMs',
    'shutdownTimeoutMs',
    'maxRejections',
  ] as const) {
    checkInteger(name, r[name], 0);
  }
  check(
    'allowedOrigins',
    r.allowedOrigins === 'same-origin' ||
      r.allowedOrigins === '*' ||
      typeof r.allowedOrigins === 'function' ||
      (Array.isArray(r.allowedOrigins) && r.allowedOrigins.every((o) => typeof o === 'string')),
    "'same-origin', '*', an array of origins or a function",
    r.allowedOrigins,
  );
  for (const name of ['authenticate', 'verifyToken', 'authorizeTopic'] as const) {
    check(name, r[name] === undefined || typeof r[name] === 'function', 'a function', r[name]);
  }
  checkSecret('adminToken', r.adminToken, 16);
  for (const [name, value] of Object.entries(r.builtInMethods)) {
    check(`builtInMethods.${name}`, typeof value === 'boolean', 'a boolean', value);
  }
  check(
    'platformLimitPolicy',
    r.platformLimitPolicy === 'kick-oldest' || r.platformLimitPolicy === 'reject-new',
    "'kick-oldest' or 'reject-new'",
    r.platformLimitPolicy,
  );
  check(
    'slowConsumerPolicy',
    r.slowConsumerPolicy === 'disconnect' || r.slowConsumerPolicy === 'drop',
    "'disconnect' or 'drop'",
    r.slowConsumerPolicy,
  );
  check(
    'defaultPlatform',
    isPlatform(r.defaultPlatform),
    'a platform name (1-32 of A-Z a-z 0-9 . _ -)',
    r.defaultPlatform,
  );
  check(
    'platforms',
    r.platforms === undefined ||
      (Array.isArray(r.platforms) &&
        r.platforms.length > 0 &&
        r.platforms.every(isPlatform) &&
        r.platforms.includes(r.defaultPlatform)),
    'a non-empty array of platform names that includes defaultPlatform',
    r.platforms,
  );
  check(
    'subscribeRequiresLogin',
    typeof r.subscribeRequiresLogin === 'boolean',
    'a boolean',
    r.subscribeRequiresLogin,
  );
  const [min, max] = Array.isArray(r.reconnectAfterMs) ? r.reconnectAfterMs : [];
  check(
    'reconnectAfterMs',
    Number.isSafeInteger(min) && Number.isSafeInteger(max) && min! >= 0 && max! >= min!,
    'a [min, max] pair of non-negative integers with min <= max',
    r.reconnectAfterMs,
  );
  return resolved;
}

function resolveRateLimit(
  given: RateLimitOptions | false | undefined,
): ResolvedRateLimitOptions | false {
  if (given === false) return false;
  const defaults = DEFAULT_OPTIONS.rateLimit as ResolvedRateLimitOptions;
  check(
    'rateLimit',
    given === undefined || (typeof given === 'object' && given !== null),
    'false or an object',
    given,
  );
  const options = withoutUndefined(given ?? {});
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

function isPlatform(value: unknown): boolean {
  return typeof value === 'string' && PLATFORM_PATTERN.test(value);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isRateLimitStore(value: unknown): boolean {
  const store = value as Partial<RateLimitStore> | null;
  return typeof store?.consume === 'function' && typeof store.release === 'function';
}

function isHubTransport(value: unknown): boolean {
  const transport = value as Partial<HubTransport> | null;
  return (
    typeof transport?.nodeId === 'string' &&
    (['publish', 'kick', 'connectionsOf', 'announce'] as const).every(
      (name) => typeof transport[name] === 'function',
    )
  );
}
