import { JsonRpcWsBootstrapError } from '../errors/jsonrpc-ws-bootstrap.error';
import type {
  BuiltInMethods,
  JsonRpcWsModuleOptions,
  RateLimitOptions,
} from './jsonrpc-ws-options.interface';
import type { JsonRpcWsHistoryOptions } from '../history/history-options';

/** Every key of each options object, checked by the compiler against the interfaces. */
const OPTION_KEYS: Record<keyof JsonRpcWsModuleOptions, true> = {
  path: true,
  maxPayload: true,
  maxBatchSize: true,
  maxParamsDepth: true,
  maxParamsNodes: true,
  maxParamsKeys: true,
  allowedOrigins: true,
  authenticate: true,
  verifyToken: true,
  adminToken: true,
  builtInMethods: true,
  openrpc: true,
  maxConnections: true,
  maxConnectionsPerUser: true,
  maxConnectionsPerPlatform: true,
  platformLimitPolicy: true,
  defaultPlatform: true,
  platforms: true,
  anonymousTimeoutMs: true,
  heartbeatTimeoutMs: true,
  pingIntervalMs: true,
  authorizeTopic: true,
  subscribeRequiresLogin: true,
  maxTopicsPerConnection: true,
  maxBufferedBytes: true,
  slowConsumerPolicy: true,
  maxInFlightPerConnection: true,
  maxRejections: true,
  rejectionWindowMs: true,
  rateLimit: true,
  transport: true,
  cluster: true,
  history: true,
  logCalls: true,
  fastPipeline: true,
  shutdownTimeoutMs: true,
  reconnectAfterMs: true,
};
const RATE_LIMIT_KEYS: Record<keyof RateLimitOptions, true> = {
  limit: true,
  windowMs: true,
  burst: true,
  by: true,
  methods: true,
  key: true,
  store: true,
};
const HISTORY_KEYS: Record<keyof JsonRpcWsHistoryOptions, true> = {
  topics: true,
  maxRecovered: true,
  metaTtlMs: true,
  positionCheckMs: true,
};
const BUILT_IN_KEYS: Record<keyof BuiltInMethods, true> = {
  heartbeat: true,
  login: true,
  subscribe: true,
  discover: true,
};
/** Keys that shape the module definition itself (JsonRpcWsModuleExtras). */
const EXTRAS = new Set(['isGlobal', 'metrics', 'adminApi', 'sse']);

/**
 * Stops the startup at a key no option has (a typo would otherwise be ignored),
 * naming it and the nearest known one; and at a module extra returned from
 * `useFactory`, where it cannot take effect any more.
 */
export function checkKnownKeys(options: JsonRpcWsModuleOptions): void {
  checkObject('', options as Record<string, unknown>, OPTION_KEYS);
  const { rateLimit, builtInMethods, history } = options;
  if (history && typeof history === 'object')
    checkObject('history.', history as Record<string, unknown>, HISTORY_KEYS);
  if (rateLimit && typeof rateLimit === 'object')
    checkObject('rateLimit.', rateLimit as Record<string, unknown>, RATE_LIMIT_KEYS);
  if (builtInMethods && typeof builtInMethods === 'object')
    checkObject('builtInMethods.', builtInMethods as Record<string, unknown>, BUILT_IN_KEYS);
}

function checkObject(scope: string, given: Record<string, unknown>, known: object): void {
  for (const key of Object.keys(given)) {
    if (key in known) continue;
    if (scope === '' && EXTRAS.has(key)) {
      throw new JsonRpcWsBootstrapError(
        `JsonRpcWsModule: "${key}" shapes the module definition, so it cannot come from useFactory: give it next to useFactory in forRootAsync({ ${key}, useFactory, … })`,
      );
    }
    const near = nearest(key, Object.keys(known));
    throw new JsonRpcWsBootstrapError(
      `JsonRpcWsModule: unknown option "${scope}${key}"${near ? ` (did you mean "${scope}${near}"?)` : ''}`,
    );
  }
}

/** The known key within two edits of `key` (case aside), if any. */
function nearest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
