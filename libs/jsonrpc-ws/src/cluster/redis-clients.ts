import type { Logger } from '@nestjs/common';
import type { Redis, RedisOptions } from 'ioredis';
import type { ResolvedClusterOptions } from './cluster-options';

type IoRedis = typeof import('ioredis');

/** Reconnect delays: fast at first, then every 2 s while Redis stays away. */
const retryStrategy = (attempt: number): number => Math.min(100 * 2 ** attempt, 2000);

/**
 * The connection for commands. Commands fail at once while Redis is away (no
 * offline queue, one try each, a timeout): cross-node work fails fast instead
 * of piling up in memory, and local delivery is never held up.
 */
export function createCommandClient(
  redis: ResolvedClusterOptions['redis'],
  commandTimeoutMs: number,
  logger: Logger,
): Redis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional peer dependency, loaded when clustering
  const { Redis: RedisClient } = require('ioredis') as IoRedis;
  const options: RedisOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    retryStrategy,
  };
  const command =
    'client' in redis
      ? redis.client.duplicate(options)
      : redis.url
        ? new RedisClient(redis.url, { ...redis.options, ...options })
        : new RedisClient({ ...redis.options, ...options });
  watch(command, 'commands', logger);
  return command;
}

/**
 * The connection in subscriber mode (which accepts nothing else). It keeps its
 * queue and waits: ioredis re-subscribes through it after a reconnect.
 */
export function createSubscriber(command: Redis, logger: Logger): Redis {
  const subscriber = command.duplicate({
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    commandTimeout: undefined,
  });
  watch(subscriber, 'pub/sub', logger);
  return subscriber;
}

/** One warning when a connection is lost, one line when it is back: never an unhandled 'error'. */
function watch(client: Redis, role: string, logger: Logger): void {
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(
      `Redis (${role}) unreachable: ${error.message}. Local delivery goes on; cross-node pushes, presence and kicks wait for it`,
    );
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log(`Redis (${role}) reachable again`);
  });
}
