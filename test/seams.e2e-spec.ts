import { APP_GUARD } from '@nestjs/core';
import {
  ConnectionInfo,
  HUB_TRANSPORT,
  HubService,
  HubTarget,
  HubTransport,
  JsonRpcWsModule,
  JsonRpcWsModuleOptions,
  LocalDelivery,
  PreparedText,
  PresenceChange,
  RATE_LIMIT_STORE,
  RateLimitDecision,
  RateLimitStore,
  TokenBucketRule,
} from 'nestjs-jsonrpc-ws';
import { CapturingLogger } from './support/capturing-logger';
import { PingRpc } from './fixtures/ping.rpc';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/** A store that keeps what it was asked, answers later (like a remote one), and can fail. */
class RecordingStore implements RateLimitStore {
  readonly consumed: Array<{ owner: string; method: string; rule: TokenBucketRule }> = [];
  allow = true;
  failing = false;

  async consume(owner: string, method: string, rule: TokenBucketRule): Promise<RateLimitDecision> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failing) throw new Error('store is down');
    this.consumed.push({ owner, method, rule });
    return { allowed: this.allow, retryAfterMs: this.allow ? 0 : 250 };
  }

  release(): void {}
}

/** A transport that records what the hub asks of other nodes. */
class RecordingTransport implements HubTransport {
  readonly nodeId = 'node-under-test';
  readonly published: Array<{ target: HubTarget; frame: string }> = [];
  readonly announced: PresenceChange[] = [];
  delivery?: LocalDelivery;

  bind(delivery: LocalDelivery): void {
    this.delivery = delivery;
  }

  publish(target: HubTarget, frame: string): Promise<number> {
    this.published.push({ target, frame });
    return Promise.resolve(2);
  }
  kick(): Promise<number> {
    return Promise.resolve(0);
  }
  connectionsOf(): Promise<ConnectionInfo[]> {
    return Promise.resolve([]);
  }
  announce(change: PresenceChange): void {
    this.announced.push(change);
  }
}

async function start(options: JsonRpcWsModuleOptions, logger?: CapturingLogger) {
  return startApp(
    {
      imports: [JsonRpcWsModule.forRoot({ anonymousTimeoutMs: 0, ...options })],
      providers: [PingRpc],
    },
    undefined,
    { logger: logger ?? false },
  );
}

describe('Pluggable seams', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.app.close();
    running = undefined;
  });

  it('rateLimit.key: calls with one key share a bucket, whichever connection makes them', async () => {
    running = await start({ rateLimit: { limit: 3, windowMs: 60_000, key: () => 'tenant-1' } });
    const first = await TestClient.connect(running.url());
    const second = await TestClient.connect(running.url());
    const outcomes = [
      await first.call('ping'),
      await second.call('ping'),
      await first.call('ping'),
      await second.call('ping'),
    ];
    expect(outcomes.map((o) => o.result ?? o.error.code)).toEqual(['pong', 'pong', 'pong', -32029]);
    await Promise.all([first.close(), second.close()]);
  });

  it('rateLimit.store: buckets live in the given store, which may answer asynchronously', async () => {
    const store = new RecordingStore();
    running = await start({ rateLimit: { limit: 5, store } });
    expect(running.app.get(RATE_LIMIT_STORE)).toBe(store);
    const client = await TestClient.connect(running.url());
    expect((await client.call('ping')).result).toBe('pong');
    expect(store.consumed).toEqual([
      {
        owner: expect.stringMatching(/^conn:/),
        method: 'ping',
        rule: { limit: 5, windowMs: 1000, burst: 5 },
      },
    ]);
    store.allow = false;
    expect((await client.call('ping')).error).toMatchObject({
      code: -32029,
      data: { reason: 'TooManyRequests', retryAfterMs: 250 },
    });
    await client.close();
  });

  it('a failing store lets calls through and says so in the log', async () => {
    const store = new RecordingStore();
    store.failing = true;
    const logger = new CapturingLogger();
    running = await start({ rateLimit: { store } }, logger);
    const client = await TestClient.connect(running.url());
    expect((await client.call('ping')).result).toBe('pong');
    expect(logger.at('error').map((line) => line.message)).toEqual([
      expect.stringContaining('The rate-limit store failed'),
    ]);
    await client.close();
  });

  it('transport: pushes for other nodes go through the given transport', async () => {
    const transport = new RecordingTransport();
    running = await start({ transport });
    expect(running.app.get(HUB_TRANSPORT)).toBe(transport);
    const delivered = await running.app
      .get(HubService)
      .pushToUser('u1', 'chat.message', { text: 'hi' });
    expect(delivered).toBe(2);
    expect(transport.published).toEqual([
      {
        target: { kind: 'user', userId: 'u1', platform: undefined },
        frame: '{"jsonrpc":"2.0","method":"chat.message","params":{"text":"hi"}}',
      },
    ]);
  });

  it('transport: what other nodes publish reaches this node through the bound LocalDelivery', async () => {
    const transport = new RecordingTransport();
    running = await start({ transport });
    const client = await TestClient.connect(running.url());
    const frame = '{"jsonrpc":"2.0","method":"news","params":["from another node"]}';
    expect(
      transport.delivery!.deliver(
        { kind: 'broadcast', includeAnonymous: true },
        PreparedText.fromText(frame),
      ),
    ).toBe(1);
    expect(await client.next()).toEqual(JSON.parse(frame));
    await client.close();
  });

  it('refuses an option that is not a store or a transport, by name', async () => {
    await expect(start({ rateLimit: { store: {} as RateLimitStore } })).rejects.toThrow(
      /option "rateLimit.store" must be a RateLimitStore/,
    );
    await expect(start({ transport: {} as HubTransport })).rejects.toThrow(
      /option "transport" must be a HubTransport/,
    );
  });

  it('registers no global guard: HTTP routes never run the library', () => {
    const providers = JsonRpcWsModule.forRoot().providers ?? [];
    const tokens = providers.map((p) => (typeof p === 'object' && 'provide' in p ? p.provide : p));
    expect(tokens).not.toContain(APP_GUARD);
  });
});
