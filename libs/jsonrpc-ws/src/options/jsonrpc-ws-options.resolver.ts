import { checkKnownKeys } from './known-keys';
import { checkOpenRpcOptions } from '../openrpc/openrpc-options';
import { checkHistory, resolveHistoryOptions } from '../history/history-options';
import { check, checkInteger, checkSecret } from './option-checks';
import { DEFAULT_RATE_LIMIT, resolveRateLimit } from './rate-limit-options.resolver';
import type { HubTransport } from '../hub/hub-transport.interface';
import { JsonRpcWsModuleOptions, ResolvedJsonRpcWsOptions } from './jsonrpc-ws-options.interface';

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
  builtInMethods: { heartbeat: true, login: true, subscribe: true, discover: true },
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
  rateLimit: DEFAULT_RATE_LIMIT,
  history: resolveHistoryOptions(undefined),
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
    history: resolveHistoryOptions(checkHistory(options.history)),
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
  checkOpenRpcOptions(r.openrpc);
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

function isPlatform(value: unknown): boolean {
  return typeof value === 'string' && PLATFORM_PATTERN.test(value);
}

export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
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
