import { Injectable } from '@nestjs/common';
import {
  HubService,
  JsonRpcWsModule,
  JsonRpcWsModuleOptions,
  JsonRpcWsSseOptions,
  OnHubEvent,
} from 'nestjs-jsonrpc-ws';
import { eventually, loginClient, verifyTestToken } from './fixtures/hub.fixture';
import { RunningApp, startApp } from './utils/test-app';
import { adminRequest } from './utils/admin-client';
import { SseRefused, SseTestClient } from './utils/sse-client';

/**
 * Server-Sent Events over real HTTP: a stream logs in with the token `login`
 * takes, receives user pushes, topic pushes and broadcasts (from the hub and
 * the admin API), counts in the hub, is kicked, expired, shut down and
 * dropped when slow like a WebSocket session, and leaves when it hangs up.
 */

const TOKEN = 'admin-token-of-the-tests-0123456789';

@Injectable()
class StreamEvents {
  readonly seen: string[] = [];

  @OnHubEvent('connected')
  connected({ session }: { session: { kind: string } }): void {
    this.seen.push(`connected:${session.kind}`);
  }

  @OnHubEvent('authenticated')
  authenticated({ userId }: { userId: string }): void {
    this.seen.push(`authenticated:${userId}`);
  }

  @OnHubEvent('subscribed')
  subscribed({ topics }: { topics: string[] }): void {
    this.seen.push(`subscribed:${topics.join(',')}`);
  }

  @OnHubEvent('disconnected')
  disconnected({ reason, code }: { reason: string; code: number }): void {
    this.seen.push(`disconnected:${reason}:${code}`);
  }
}

function startSseApp(
  options: JsonRpcWsModuleOptions = {},
  sse: JsonRpcWsSseOptions | true = true,
): Promise<RunningApp> {
  return startApp({
    imports: [
      JsonRpcWsModule.forRoot({
        verifyToken: verifyTestToken,
        adminToken: TOKEN,
        maxConnectionsPerPlatform: 5,
        authorizeTopic: (_session, topic) => !topic.startsWith('secret'),
        ...options,
        adminApi: true,
        sse,
      }),
    ],
    providers: [StreamEvents],
  });
}

async function admin(running: RunningApp, path: string, body?: unknown): Promise<any> {
  return (await adminRequest(running.http, path, { body, token: TOKEN })).body;
}

const streamOf = (running: RunningApp, query: string, headers?: Record<string, string>) =>
  SseTestClient.connect(running.http(`/sse${query}`), headers);

async function refusal(promise: Promise<unknown>): Promise<SseRefused> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SseRefused);
  return error as SseRefused;
}

describe('SSE: a stream receives every push meant for it', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startSseApp();
  });
  afterAll(() => running.app.close());

  it('gets user pushes, topic pushes and broadcasts as event/data/id', async () => {
    const stream = await streamOf(running, '?access_token=alice&topics=orders,news');
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.retry).toBe(3000);
    const hub = running.app.get(HubService);
    expect(
      await admin(running, '/send', { to: 'alice', method: 'order.shipped', params: { id: 7 } }),
    ).toEqual({ delivered: 1 });
    expect(
      await admin(running, '/publish', { topic: 'orders', method: 'order.new', params: [1, 2] }),
    ).toEqual({ delivered: 1 });
    expect(await admin(running, '/broadcast', { method: 'news.flash' })).toEqual({ delivered: 1 });
    expect(await hub.pushToTopic('news', 'news.item', { title: 'line\nbreak' })).toBe(1);
    const events = [
      await stream.nextEvent('order.shipped'),
      await stream.nextEvent('order.new'),
      await stream.nextEvent('news.flash'),
      await stream.nextEvent('news.item'),
    ];
    expect(events.map(({ event, data }) => ({ event, data }))).toEqual([
      { event: 'order.shipped', data: { id: 7 } },
      { event: 'order.new', data: [1, 2] },
      { event: 'news.flash', data: null },
      { event: 'news.item', data: { title: 'line\nbreak' } },
    ]);
    expect(events.map((e) => e.id)).toEqual(['1', '2', '3', '4']);
    await stream.close();
  });

  it('takes the token from the Authorization header, and a platform', async () => {
    const stream = await streamOf(running, '?platform=tv', { authorization: 'Bearer carol' });
    const user = await admin(running, '/online/carol');
    expect(user.connections).toEqual([
      expect.objectContaining({ userId: 'carol', platform: 'tv' }),
    ]);
    expect(await admin(running, '/send', { to: 'carol', method: 'hi', platform: 'tv' })).toEqual({
      delivered: 1,
    });
    expect((await stream.nextEvent('hi')).data).toBeNull();
    await stream.close();
  });

  it('counts in the hub like a WebSocket, and leaves online when it hangs up', async () => {
    const ws = await loginClient(running, 'dave', 'web');
    const stream = await streamOf(running, '?access_token=dave&platform=web2');
    expect(await admin(running, '/stats')).toMatchObject({
      connections: 2,
      authenticated: 2,
      users: 1,
      sse: 1,
    });
    expect((await admin(running, '/online')).users).toContain('dave');
    expect(await admin(running, '/send', { to: 'dave', method: 'both' })).toEqual({ delivered: 2 });
    await ws.next((m) => m.method === 'both');
    await stream.nextEvent('both');
    await stream.close();
    await eventually(async () =>
      expect(await admin(running, '/stats')).toMatchObject({ connections: 1, sse: 0 }),
    );
    await ws.close();
    await eventually(async () => expect((await admin(running, '/online/dave')).online).toBe(false));
    const events = running.app.get(StreamEvents).seen;
    expect(events).toContain('connected:sse');
    expect(events).toContain('disconnected:client:1006');
  });

  it('is kicked by /kick: session.kicked, then session.closed 4004, then the stream ends', async () => {
    const stream = await streamOf(running, '?access_token=erin');
    expect(await admin(running, '/kick', { userId: 'erin', reason: 'Account suspended' })).toEqual({
      kicked: 1,
    });
    expect((await stream.nextEvent('session.kicked')).data).toEqual({
      reason: 'Account suspended',
    });
    expect((await stream.nextEvent('session.closed')).data).toEqual({
      code: 4004,
      reason: 'kicked',
    });
    await stream.ended;
    await eventually(async () => expect((await admin(running, '/online/erin')).online).toBe(false));
  });

  it('refuses with the HTTP status of the reason, before any stream starts, and leaves no trace', async () => {
    expect((await refusal(streamOf(running, ''))).status).toBe(401);
    expect((await refusal(streamOf(running, '?access_token=bad'))).status).toBe(401);
    expect((await refusal(streamOf(running, '?access_token=crash'))).status).toBe(401);
    const forbidden = await refusal(streamOf(running, '?access_token=frank&topics=ok,secret-1'));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ statusCode: 403, topics: ['secret-1'] });
    expect(
      (await refusal(streamOf(running, '?access_token=frank&platform=no%20spaces'))).status,
    ).toBe(400);
    expect(
      (await refusal(streamOf(running, '?access_token=frank', { origin: 'https://evil.example' })))
        .status,
    ).toBe(403);
    expect(await admin(running, '/stats')).toMatchObject({ connections: 0, sse: 0 });
    expect((await admin(running, '/online/frank')).online).toBe(false);
  });
});

describe('SSE: limits, expiry, slow consumers and shutdown apply as to WebSocket sessions', () => {
  it('refuses a login past maxConnectionsPerUser with 429', async () => {
    const running = await startSseApp({ maxConnectionsPerUser: 1 });
    const first = await streamOf(running, '?access_token=gina&platform=a');
    const second = await refusal(streamOf(running, '?access_token=gina&platform=b'));
    expect(second.status).toBe(429);
    expect(await admin(running, '/stats')).toMatchObject({ connections: 1, sse: 1 });
    await first.close();
    await running.app.close();
  });

  it('expires with the token: session.expired, then session.closed 4003', async () => {
    const running = await startSseApp();
    const stream = await streamOf(running, '?access_token=hank@300');
    expect((await stream.nextEvent('session.expired', 3000)).data).toMatchObject({
      reason: expect.any(String),
    });
    expect((await stream.nextEvent('session.closed')).data).toEqual({
      code: 4003,
      reason: 'token-expired',
    });
    await stream.ended;
    await running.app.close();
  });

  it('sends keep-alive comments', async () => {
    const running = await startSseApp({}, { keepAliveMs: 50, retryMs: 1500 });
    const stream = await streamOf(running, '?access_token=ivan');
    expect(stream.retry).toBe(1500);
    await eventually(() =>
      expect(stream.comments.filter((c) => c === 'keep-alive').length).toBeGreaterThan(1),
    );
    await stream.close();
    await running.app.close();
  });

  it('disconnects a stream that does not read, past maxBufferedBytes, and keeps serving others', async () => {
    const running = await startSseApp({ maxBufferedBytes: 64 * 1024 });
    const slow = await streamOf(running, '?access_token=jill&topics=firehose');
    slow.response.pause();
    const fast = await streamOf(running, '?access_token=kurt&topics=firehose');
    const hub = running.app.get(HubService);
    const chunk = { blob: 'x'.repeat(32 * 1024) };
    await eventually(async () => {
      await hub.pushToTopic('firehose', 'data', chunk);
      expect(hub.stats().slowConsumerDisconnects).toBe(1);
    }, 10_000);
    await eventually(() => expect(hub.stats()).toMatchObject({ connections: 1, sse: 1 }));
    expect(await hub.pushToUser('kurt', 'still.here')).toBe(1);
    await fast.nextEvent('still.here');
    expect(running.app.get(StreamEvents).seen).toContain('disconnected:slow-consumer:4006');
    await fast.close();
    await running.app.close();
  });

  it('on shutdown, sends session.shutdown then session.closed 1001, and refuses new streams', async () => {
    const running = await startSseApp();
    const stream = await streamOf(running, '?access_token=lena');
    const closing = running.app.close();
    const notice = await stream.nextEvent('session.shutdown');
    expect(notice.data).toMatchObject({ reconnectAfterMs: expect.any(Number) });
    expect((await stream.nextEvent('session.closed')).data).toEqual({
      code: 1001,
      reason: 'Server shutting down',
    });
    await closing;
    await stream.ended;
  });

  it('emits connected, authenticated, subscribed and disconnected in order', async () => {
    const running = await startSseApp();
    const stream = await streamOf(running, '?access_token=mia&topics=t1');
    await stream.close();
    const events = running.app.get(StreamEvents);
    await eventually(() =>
      expect(events.seen).toEqual([
        'connected:sse',
        'authenticated:mia',
        'subscribed:t1',
        'disconnected:client:1006',
      ]),
    );
    await running.app.close();
  });

  it('answers 404 when nothing can say who a client is (no verifyToken, no authenticate)', async () => {
    const running = await startApp({ imports: [JsonRpcWsModule.forRoot({ sse: true })] });
    expect((await refusal(streamOf(running, '?access_token=x'))).status).toBe(404);
    await running.app.close();
  });
});
