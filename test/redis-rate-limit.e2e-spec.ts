import { Injectable } from '@nestjs/common';
import { JsonRpcWsModule, RedisRateLimitStore, RpcMethod } from 'nestjs-jsonrpc-ws';
import { loginClient, verifyTestToken } from './fixtures/hub.fixture';
import { RunningApp, startApp } from './utils/test-app';

/**
 * `RedisRateLimitStore` on a real Redis: two nodes share one bucket per user,
 * so spreading connections across nodes does not multiply the allowance; with
 * Redis unreachable each node limits on its own instead of failing.
 */

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

@Injectable()
class PingRpc {
  @RpcMethod('ping')
  ping(): string {
    return 'pong';
  }
}

function startNode(store: RedisRateLimitStore): Promise<RunningApp> {
  return startApp({
    imports: [
      JsonRpcWsModule.forRoot({
        verifyToken: verifyTestToken,
        maxConnectionsPerPlatform: 5,
        rateLimit: { limit: 3, windowMs: 60_000, by: 'user', store },
      }),
    ],
    providers: [PingRpc],
  });
}

describe('RedisRateLimitStore', () => {
  it("shares a user's bucket between two nodes", async () => {
    const keyPrefix = `rl${process.pid}${Date.now()}`;
    const a = await startNode(new RedisRateLimitStore({ redis: { url: REDIS_URL }, keyPrefix }));
    const b = await startNode(new RedisRateLimitStore({ redis: { url: REDIS_URL }, keyPrefix }));
    const onA = await loginClient(a, 'ada', 'web');
    const onB = await loginClient(b, 'ada', 'ios');
    const answers = [];
    for (const client of [onA, onB, onA, onB]) answers.push(await client.call('ping'));
    expect(answers.slice(0, 3).map((a) => a.result)).toEqual(['pong', 'pong', 'pong']);
    expect(answers[3].error).toMatchObject({ code: -32029 });
    // Another user has a bucket of their own.
    const other = await loginClient(b, 'bob');
    expect((await other.call('ping')).result).toBe('pong');
    await Promise.all([onA.close(), onB.close(), other.close()]);
    await Promise.all([a.app.close(), b.app.close()]);
  });

  it('limits each node on its own while Redis is unreachable', async () => {
    const node = await startNode(
      new RedisRateLimitStore({ redis: { url: 'redis://127.0.0.1:1' } }),
    );
    const client = await loginClient(node, 'ada');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await client.call('ping'));
    expect(answers.map((a) => a.result ?? a.error.code)).toEqual(['pong', 'pong', 'pong', -32029]);
    await client.close();
    await node.app.close();
  });
});
