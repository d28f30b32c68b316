import { JsonRpcWsBootstrapError } from '../errors/jsonrpc-ws-bootstrap.error';
import { resolveClusterOptions } from './cluster-options';
import { RedisKeys } from './redis-keys';
import { sumNodeStats } from './sum-node-stats';

describe('resolveClusterOptions', () => {
  it('applies defaults whose dead-node bound is 13 s', () => {
    const options = resolveClusterOptions({ redis: { url: 'redis://127.0.0.1:6379' } });
    expect(options).toMatchObject({ keyPrefix: 'jrws', heartbeatMs: 3000, nodeTimeoutMs: 10_000 });
    expect(options.nodeTimeoutMs + options.heartbeatMs).toBeLessThanOrEqual(15_000);
  });

  it('stops the startup for values that cannot work', () => {
    const redis = { url: 'redis://x' };
    expect(() => resolveClusterOptions({ redis, keyPrefix: 'a b' })).toThrow(
      JsonRpcWsBootstrapError,
    );
    expect(() => resolveClusterOptions({ redis, heartbeatMs: 0 })).toThrow(/cluster.heartbeatMs/);
    expect(() => resolveClusterOptions({ redis, heartbeatMs: 1000, nodeTimeoutMs: 1500 })).toThrow(
      /more than twice heartbeatMs/,
    );
  });
});

describe('RedisKeys', () => {
  it('puts every key in one hash slot, and knows topic channels', () => {
    const keys = new RedisKeys('app');
    for (const key of [
      keys.connections,
      keys.users,
      keys.nodes,
      keys.user('u'),
      keys.nodeConnections('n'),
      keys.nodeStats('n'),
    ])
      expect(key.startsWith('{app}:')).toBe(true);
    expect(keys.topicOf(keys.topicChannel('room:1'))).toBe('room:1');
    expect(keys.topicOf(keys.nodeChannel('n'))).toBeUndefined();
  });
});

describe('sumNodeStats', () => {
  it('sums the nodes and keeps each one', () => {
    const stats = sumNodeStats(
      [
        {
          nodeId: 'a',
          stats: { connections: 3, authenticated: 2, anonymous: 1, sse: 1, subscriptions: 4 },
        },
        {
          nodeId: 'b',
          stats: { connections: 1, authenticated: 1, anonymous: 0, sse: 0, subscriptions: 0 },
        },
        { nodeId: 'c', stats: {} },
      ],
      2,
    );
    expect(stats).toMatchObject({
      nodes: 3,
      connections: 4,
      authenticated: 3,
      anonymous: 1,
      sse: 1,
      subscriptions: 4,
      users: 2,
    });
    expect(Object.keys(stats.byNode)).toEqual(['a', 'b', 'c']);
  });
});
