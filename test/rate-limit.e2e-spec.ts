import { Controller, Get, Injectable } from '@nestjs/common';
import {
  InMemoryRateLimitStore,
  JsonRpcWsModule,
  JsonRpcWsModuleOptions,
  RATE_LIMIT_STORE,
  RateLimit,
  RpcMethod,
} from 'nestjs-jsonrpc-ws';
import { eventually, loginClient, verifyTestToken } from './fixtures/hub.fixture';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

@Injectable()
class LimitedRpc {
  @RpcMethod('plain')
  plain(): string {
    return 'plain';
  }

  @RpcMethod('tight')
  tight(): string {
    return 'tight';
  }

  @RateLimit({ limit: 2, windowMs: 200 })
  @RpcMethod('decorated')
  decorated(): string {
    return 'decorated';
  }

  @RateLimit(0)
  @RpcMethod('unlimited')
  unlimited(): string {
    return 'unlimited';
  }
}

@RateLimit({ limit: 1, windowMs: 60_000 })
@Injectable()
class ClassLimitedRpc {
  @RpcMethod('class.a')
  a(): string {
    return 'a';
  }

  @RpcMethod('class.b')
  b(): string {
    return 'b';
  }
}

@Controller('open')
class OpenController {
  @Get()
  open(): string {
    return 'ok';
  }
}

async function start(rateLimit?: JsonRpcWsModuleOptions['rateLimit']): Promise<RunningApp> {
  return startApp({
    imports: [JsonRpcWsModule.forRoot({ verifyToken: verifyTestToken, rateLimit })],
    controllers: [OpenController],
    providers: [LimitedRpc, ClassLimitedRpc],
  });
}

/** Sends `count` calls at once and resolves with their outcomes in order. */
async function burst(client: TestClient, method: string, count: number): Promise<any[]> {
  const ids = Array.from({ length: count }, (_, i) => `${method}-${i}-${Math.random()}`);
  for (const id of ids) client.send({ jsonrpc: '2.0', method, id });
  return Promise.all(ids.map((id) => client.next((m) => m.id === id)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Rate limiting', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.app.close();
    running = undefined;
  });

  it('refuses calls past the burst with -32029 and retryAfterMs, and recovers after the window', async () => {
    running = await start({ methods: { tight: { limit: 3, windowMs: 300 } } });
    const client = await TestClient.connect(running.url());
    const replies = await burst(client, 'tight', 4);
    expect(replies.slice(0, 3).map((r) => r.result)).toEqual(['tight', 'tight', 'tight']);
    const refused = replies[3].error;
    expect(refused).toMatchObject({
      code: -32029,
      message: 'Too many requests',
      data: { reason: 'TooManyRequests' },
    });
    expect(refused.data.retryAfterMs).toBeGreaterThan(0);
    expect(refused.data.retryAfterMs).toBeLessThanOrEqual(100);
    await sleep(refused.data.retryAfterMs + 20);
    expect((await client.call('tight')).result).toBe('tight');
    await client.close();
  });

  it('applies the module default (100 per second) to every method, per connection', async () => {
    running = await start();
    const client = await TestClient.connect(running.url());
    const replies = await burst(client, 'plain', 120);
    const allowed = replies.filter((r) => r.result === 'plain').length;
    // 100 at once, plus whatever refilled while the burst was in flight.
    expect(allowed).toBeGreaterThanOrEqual(100);
    expect(allowed).toBeLessThan(120);
    // A token refilled mid-burst may let a later request through: every other one is refused.
    expect(replies.filter((r) => r.error?.code === -32029)).toHaveLength(120 - allowed);
    const other = await TestClient.connect(running.url());
    expect((await other.call('plain')).result).toBe('plain');
    await Promise.all([client.close(), other.close()]);
  });

  it('honours @RateLimit() on methods and classes, and 0 as unlimited', async () => {
    running = await start();
    const client = await TestClient.connect(running.url());
    expect((await burst(client, 'decorated', 3)).map((r) => r.error?.code ?? 'ok')).toEqual([
      'ok',
      'ok',
      -32029,
    ]);
    expect((await burst(client, 'unlimited', 300)).every((r) => r.result === 'unlimited')).toBe(
      true,
    );
    // A class-level rule gives each method its own bucket.
    expect((await burst(client, 'class.a', 2)).map((r) => r.error?.code ?? 'ok')).toEqual([
      'ok',
      -32029,
    ]);
    expect((await client.call('class.b')).result).toBe('b');
    await client.close();
  });

  it('lets the methods option override decorators', async () => {
    running = await start({ methods: { decorated: 0, 'class.a': { limit: 5, windowMs: 1000 } } });
    const client = await TestClient.connect(running.url());
    expect((await burst(client, 'decorated', 10)).every((r) => r.result === 'decorated')).toBe(
      true,
    );
    expect((await burst(client, 'class.a', 5)).every((r) => r.result === 'a')).toBe(true);
    await client.close();
  });

  it("by 'user' makes a user's connections share buckets", async () => {
    running = await start({ by: 'user', methods: { tight: { limit: 2, windowMs: 60_000 } } });
    const web = await loginClient(running, 'ada', 'web');
    const ios = await loginClient(running, 'ada', 'ios');
    const bob = await loginClient(running, 'bob');
    expect((await web.call('tight')).result).toBe('tight');
    expect((await ios.call('tight')).result).toBe('tight');
    expect((await web.call('tight')).error.code).toBe(-32029);
    expect((await bob.call('tight')).result).toBe('tight');
    await Promise.all([web.close(), ios.close(), bob.close()]);
  });

  it('forgets the buckets of a closed connection', async () => {
    running = await start();
    const store = running.app.get<InMemoryRateLimitStore>(RATE_LIMIT_STORE);
    const clients = await Promise.all([1, 2, 3].map(() => TestClient.connect(running!.url())));
    for (const client of clients) await client.call('plain');
    expect(store.size).toBe(3);
    await Promise.all(clients.map((c) => c.close()));
    await eventually(() => expect(store.size).toBe(0));
  });

  it('rateLimit: false turns it off, and HTTP routes are never limited', async () => {
    running = await start(false);
    const client = await TestClient.connect(running.url());
    expect((await burst(client, 'decorated', 20)).every((r) => r.result === 'decorated')).toBe(
      true,
    );
    for (let i = 0; i < 5; i++) expect((await fetch(running.http('/open'))).status).toBe(200);
    await client.close();
  });

  it('an invalid rule stops the startup, naming it', async () => {
    await expect(start({ methods: { tight: { limit: -1 } } })).rejects.toThrow(
      /"rateLimit\.methods\.tight\.limit"/,
    );
  });
});
