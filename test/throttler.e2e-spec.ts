import { Controller, Get, Injectable } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SkipThrottle, Throttle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { JsonRpcWsModule, RpcMethod, RpcParams } from 'nestjs-jsonrpc-ws';
import { RpcThrottlerGuard } from 'nestjs-jsonrpc-ws/throttler';
import { loginClient, verifyTestToken } from './fixtures/hub.fixture';
import { CapturingLogger } from './support/capturing-logger';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

@Injectable()
class CounterRpc {
  @RpcMethod('count')
  count(@RpcParams() params?: { n?: number }): number {
    return params?.n ?? 0;
  }

  @Throttle({ default: { limit: 4, ttl: 60_000 } })
  @RpcMethod('count.more')
  more(): string {
    return 'more';
  }

  @SkipThrottle()
  @RpcMethod('count.free')
  free(): string {
    return 'free';
  }
}

@Controller('hits')
class HitsController {
  @Get()
  hit(): string {
    return 'hit';
  }
}

/** Two requests per minute and method, for HTTP routes and RPC methods alike. */
function throttledApp(guard: typeof ThrottlerGuard, logger = new CapturingLogger()) {
  return startApp(
    {
      imports: [
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: 2 }]),
        JsonRpcWsModule.forRoot({ verifyToken: verifyTestToken }),
      ],
      controllers: [HitsController],
      providers: [CounterRpc, { provide: APP_GUARD, useClass: guard }],
    },
    undefined,
    { logger },
  );
}

async function httpStatuses(running: RunningApp, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await fetch(running.http('/hits'))).status);
  return statuses;
}

async function codes(client: TestClient, method: string, times: number, params?: unknown) {
  const seen: Array<number | 'ok'> = [];
  for (let i = 0; i < times; i++) {
    const reply = await client.call(method, params);
    seen.push(reply.error ? reply.error.code : 'ok');
  }
  return seen;
}

describe('ThrottlerGuard as the global guard', () => {
  it('steps aside for RPC calls, with or without params, and says so once', async () => {
    const logger = new CapturingLogger();
    const running = await throttledApp(ThrottlerGuard, logger);
    const client = await TestClient.connect(running.url());

    expect(await codes(client, 'count', 4)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(await codes(client, 'count', 4, { n: 1 })).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(await httpStatuses(running, 3)).toEqual([200, 200, 429]);

    const warnings = logger.at('warn').filter((line) => line.message.includes('ThrottlerGuard'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain(
      'register RpcThrottlerGuard (import it from nestjs-jsonrpc-ws/throttler) in its place',
    );
    expect(logger.at('error')).toEqual([]);
    await client.close();
    await running.app.close();
  });
});

describe('RpcThrottlerGuard as the global guard', () => {
  let running: RunningApp;

  beforeEach(async () => {
    running = await throttledApp(RpcThrottlerGuard);
  });

  afterEach(() => running.app.close());

  it('throttles each anonymous connection on its own, and answers -32029 with retryAfterMs', async () => {
    const first = await TestClient.connect(running.url());
    const second = await TestClient.connect(running.url());

    expect(await codes(first, 'count', 3)).toEqual(['ok', 'ok', -32029]);
    expect(await codes(second, 'count', 2, { n: 2 })).toEqual(['ok', 'ok']);
    const refused = await first.call('count');
    expect(refused.error).toEqual({
      code: -32029,
      message: 'ThrottlerException: Too Many Requests',
      data: { reason: 'TooManyRequests', retryAfterMs: expect.any(Number) },
    });
    expect(refused.error.data.retryAfterMs).toBeGreaterThan(0);
    await first.close();
    await second.close();
  });

  it("counts a user's connections together once logged in, apart from other users", async () => {
    const phone = await loginClient(running, 'ada', 'ios');
    const laptop = await loginClient(running, 'ada', 'web');
    const bob = await loginClient(running, 'bob');

    expect(await codes(phone, 'count', 2)).toEqual(['ok', 'ok']);
    expect(await codes(laptop, 'count', 1)).toEqual([-32029]);
    expect(await codes(bob, 'count', 2)).toEqual(['ok', 'ok']);
    await Promise.all([phone.close(), laptop.close(), bob.close()]);
  });

  it('honours @Throttle() and @SkipThrottle() on RPC methods, per method', async () => {
    const client = await TestClient.connect(running.url());

    expect(await codes(client, 'count.more', 5)).toEqual(['ok', 'ok', 'ok', 'ok', -32029]);
    expect(await codes(client, 'count.free', 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(await codes(client, 'count', 2)).toEqual(['ok', 'ok']);
    await client.close();
  });

  it('throttles HTTP routes as ThrottlerGuard does', async () => {
    expect(await httpStatuses(running, 3)).toEqual([200, 200, 429]);
    const throttled = await fetch(running.http('/hits'));
    expect(throttled.headers.get('retry-after')).not.toBeNull();
  });
});
