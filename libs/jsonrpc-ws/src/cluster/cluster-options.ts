import type { Redis, RedisOptions } from 'ioredis';
import { check, checkInteger } from '../options/option-checks';

/** `JsonRpcWsModule.forRoot({ cluster })`: several nodes joined through Redis. */
export interface JsonRpcWsClusterOptions {
  /**
   * The Redis to use: `{ url }` (`redis://…`, `rediss://…`) with optional ioredis options,
   * or an ioredis client of the application's, which is duplicated (never closed here).
   */
  redis: { url?: string; options?: RedisOptions } | { client: Redis };
  /** Prefix of every key and channel; nodes of one cluster share it. @default 'jrws' */
  keyPrefix?: string;
  /** Interval of each node's heartbeat (and of the reaping of silent nodes). @default 3000 */
  heartbeatMs?: number;
  /**
   * A node silent this long is dead: its connections leave presence at the next
   * heartbeat of any other node, so within `nodeTimeoutMs + heartbeatMs`. @default 10000
   */
  nodeTimeoutMs?: number;
  /** Longest wait for one Redis command before it fails. @default 2000 */
  commandTimeoutMs?: number;
}

export interface ResolvedClusterOptions {
  redis: JsonRpcWsClusterOptions['redis'];
  keyPrefix: string;
  heartbeatMs: number;
  nodeTimeoutMs: number;
  commandTimeoutMs: number;
}

export function resolveClusterOptions(options: JsonRpcWsClusterOptions): ResolvedClusterOptions {
  const resolved: ResolvedClusterOptions = {
    redis: options.redis,
    keyPrefix: options.keyPrefix ?? 'jrws',
    heartbeatMs: options.heartbeatMs ?? 3000,
    nodeTimeoutMs: options.nodeTimeoutMs ?? 10_000,
    commandTimeoutMs: options.commandTimeoutMs ?? 2000,
  };
  check(
    'cluster.redis',
    typeof resolved.redis === 'object' && resolved.redis !== null,
    '{ url, options? } or { client }',
    resolved.redis,
  );
  check(
    'cluster.keyPrefix',
    /^[A-Za-z0-9_.-]{1,64}$/.test(resolved.keyPrefix),
    '1-64 of A-Z a-z 0-9 _ . -',
    resolved.keyPrefix,
  );
  for (const name of ['heartbeatMs', 'nodeTimeoutMs', 'commandTimeoutMs'] as const)
    checkInteger(`cluster.${name}`, resolved[name], 1);
  check(
    'cluster.nodeTimeoutMs',
    resolved.nodeTimeoutMs > 2 * resolved.heartbeatMs,
    'more than twice heartbeatMs',
    resolved.nodeTimeoutMs,
  );
  return resolved;
}
