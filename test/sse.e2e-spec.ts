import { existsSync } from 'fs';
import { Injectable } from '@nestjs/common';
import { chromium } from 'playwright-core';
import {
  HubService,
  JsonRpcWsModule,
  JsonRpcWsModuleOptions,
  JsonRpcWsSseOptions,
  OnHubEvent,
  SseSession,
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

describe('SSE: a stream resumes with Last-Event-ID on topics that keep history', () => {
  let running: RunningApp;
  let hub: HubService;

  beforeAll(async () => {
    running = await startSseApp({
      history: {
        topics: { 'room:*': { size: 50, ttlMs: 60_000 }, 'tiny:*': { size: 2, ttlMs: 60_000 } },
        maxRecovered: 20,
      },
    });
    hub = running.app.get(HubService);
  });
  afterAll(() => running.app.close());

  async function publish(topic: string, from: number, to: number): Promise<void> {
    for (let n = from; n <= to; n++) await hub.pushToTopic(topic, 'chat.message', { topic, n });
  }

  /** The next `count` chat.message events: their n, and their ids. */
  async function received(stream: SseTestClient, count: number) {
    const events = [];
    for (let i = 0; i < count; i++) events.push(await stream.nextEvent('chat.message'));
    return { ns: events.map((e) => (e.data as { n: number }).n), ids: events.map((e) => e.id) };
  }

  /** Nothing else is on its way: a push to the user arrives next. */
  async function nothingElse(stream: SseTestClient, userId: string): Promise<void> {
    await hub.pushToUser(userId, 'marker');
    await stream.nextEvent('marker');
    expect(stream.pending).toEqual([]);
  }

  it('gives a stream cut while N publications happen exactly those N, in order, then live ones', async () => {
    const query = '?access_token=nina&topics=room:a,news';
    const first = await streamOf(running, query);
    await publish('room:a', 1, 2);
    const before = await received(first, 2);
    expect(before.ns).toEqual([1, 2]);
    // A topic without history: its event carries the stream's positions too, unchanged.
    await hub.pushToTopic('news', 'news.item', { title: 'hello' });
    const news = await first.nextEvent('news.item');
    expect(news.data).toEqual({ title: 'hello' });
    expect(news.id).toBe(before.ids[1]);
    expect(news.id).not.toMatch(/^\d+$/);
    const last = first.lastEventId;
    await first.cut();

    await publish('room:a', 3, 7);
    const again = await streamOf(running, query, { 'last-event-id': last });
    await publish('room:a', 8, 8);
    const after = await received(again, 6);
    expect(after.ns).toEqual([3, 4, 5, 6, 7, 8]);
    expect(new Set([last, ...after.ids]).size).toBe(7);
    await nothingElse(again, 'nina');

    // The query parameter does the same, for clients that cannot set headers.
    const byQuery = await streamOf(running, `${query}&lastEventId=${last}`);
    expect((await received(byQuery, 6)).ns).toEqual([3, 4, 5, 6, 7, 8]);
    await Promise.all([again.close(), byQuery.close()]);
  });

  it('sends a recovery event for each topic it cannot recover (beyond the history, or reset)', async () => {
    const query = '?access_token=olga&topics=room:b,tiny:b,room:c';
    const first = await streamOf(running, query);
    for (const topic of ['room:b', 'tiny:b', 'room:c']) await publish(topic, 1, 1);
    await received(first, 3);
    const last = first.lastEventId;
    await first.cut();

    await publish('room:b', 2, 3);
    await publish('tiny:b', 2, 5); // two kept: 2 and 3 are gone
    await hub.resetHistory('room:c');
    await publish('room:c', 2, 2); // the first of a new epoch
    const again = await streamOf(running, query, { 'last-event-id': last });
    const events = [];
    for (let i = 0; i < 4; i++) events.push(await again.next());
    expect(events.map(({ event, data }) => ({ event, data }))).toEqual([
      { event: 'chat.message', data: { topic: 'room:b', n: 2 } },
      { event: 'chat.message', data: { topic: 'room:b', n: 3 } },
      { event: 'recovery', data: { topic: 'tiny:b', recovered: false } },
      { event: 'recovery', data: { topic: 'room:c', recovered: false } },
    ]);
    await publish('tiny:b', 6, 6);
    await publish('room:c', 3, 3);
    expect((await received(again, 2)).ns).toEqual([6, 3]);
    await nothingElse(again, 'olga');

    // Once told, the page reloads; from then on the stream resumes from the new positions.
    const latest = again.lastEventId;
    await again.cut();
    await publish('room:c', 4, 4);
    const third = await streamOf(running, query, { 'last-event-id': latest });
    expect((await third.next()).data).toEqual({ topic: 'room:c', n: 4 });
    await nothingElse(third, 'olga');
    await third.close();
  });

  it('resumes a stream that had no event yet from the id it opened with', async () => {
    const first = await streamOf(running, '?access_token=pia&topics=room:d');
    await eventually(() => expect(first.lastEventId).not.toBe(''));
    const opened = first.lastEventId;
    await first.cut();
    await publish('room:d', 1, 2);
    const again = await streamOf(running, '?access_token=pia&topics=room:d', {
      'last-event-id': opened,
    });
    expect((await received(again, 2)).ns).toEqual([1, 2]);
    await again.close();
  });

  it('opens as a new stream for a malformed, oversized or foreign Last-Event-ID', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const stale = { 'room:e': ['0000', 0] }; // well-formed, unknown epoch: would not recover
    const ids = [
      '7',
      'not base64!',
      'x'.repeat(5000),
      encode({ 'room:e': ['e', -1] }),
      encode({ 'room:e': ['e', 1.5] }),
      encode({ 'room:e': ['e'.repeat(65), 1] }),
      encode([1, 2]),
      encode({ ...stale, ['t'.repeat(201)]: ['e', 1] }),
    ];
    for (const id of ids) {
      const stream = await streamOf(running, '?access_token=quin&topics=room:e', {
        'last-event-id': id,
      });
      await publish('room:e', 1, 1);
      expect((await stream.next()).event).toBe('chat.message');
      await stream.close();
    }
    // The control: the same id, well-formed, is read.
    const read = await streamOf(running, '?access_token=quin&topics=room:e', {
      'last-event-id': encode(stale),
    });
    expect((await read.next()).data).toEqual({ topic: 'room:e', recovered: false });
    await read.close();
  });

  it('refuses with 400 a stream whose positions could not fit in an event id', async () => {
    const topics = Array.from({ length: 80 }, (_, i) => `room:${'t'.repeat(40)}-${i}`).join(',');
    const refused = await refusal(streamOf(running, `?access_token=ray&topics=${topics}`));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/do not fit in an event id/);
    expect((await admin(running, '/online/ray')).online).toBe(false);
  });
});

describe('SSE: a stream on a topic with history skips nothing', () => {
  it('recovers in place the publications dropped while it did not read', async () => {
    const running = await startSseApp({
      maxBufferedBytes: 64 * 1024,
      slowConsumerPolicy: 'drop',
      history: { topics: { 'room:*': { size: 200, ttlMs: 60_000 } } },
    });
    const hub = running.app.get(HubService);
    const stream = await streamOf(running, '?access_token=sam&topics=room:slow');
    stream.response.pause();
    let n = 0;
    const blob = 'x'.repeat(32 * 1024);
    await eventually(async () => {
      await hub.pushToTopic('room:slow', 'chat.message', { n: ++n, blob });
      expect(hub.stats().droppedMessages).toBeGreaterThan(0);
    }, 10_000);
    stream.response.resume();
    // Once the stream has room again, the next publication finds the gap, and the
    // missing ones come back from the history before it.
    const last = () => (stream.pending.at(-1)?.data as { n?: number } | undefined)?.n;
    await eventually(async () => {
      await hub.pushToTopic('room:slow', 'chat.message', { n: ++n });
      await eventually(() => expect(last()).toBe(n), 1000);
    }, 20_000);
    const seen = stream.pending.map((event) => (event.data as { n: number }).n);
    expect(seen).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(hub.stats()).toMatchObject({ sse: 1, slowConsumerDisconnects: 0 });
    await stream.close();
    await running.app.close();
  });
});

/** Debian's Chromium (`.ci/run` installs it), or one named by CHROMIUM_PATH. */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => !!path && existsSync(path),
);

describe.skipIf(!CHROMIUM)("SSE: a browser's EventSource resumes by itself", () => {
  it('reconnects after each cut with Last-Event-ID, and shows every publication once, in order', async () => {
    const running = await startSseApp(
      { history: { topics: { 'room:*': { size: 50, ttlMs: 60_000 } } } },
      { retryMs: 100 },
    );
    const hub = running.app.get(HubService);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      // Any page of the app's origin, for the EventSource to be same-origin.
      await page.goto(running.http('/api/v1/websocket/stats'));
      await page.evaluate(() => {
        const state = globalThis as unknown as { seen: number[]; opened: number };
        state.seen = [];
        state.opened = 0;
        const events = new EventSource('/sse?access_token=tess&topics=room:web');
        events.addEventListener('open', () => state.opened++);
        events.addEventListener('chat.message', (event) =>
          state.seen.push((JSON.parse((event as MessageEvent).data as string) as { n: number }).n),
        );
      });
      const opened = (times: number) =>
        page.waitForFunction(
          (n) => (globalThis as unknown as { opened: number }).opened === n,
          times,
        );
      const seen = () => page.evaluate(() => (globalThis as unknown as { seen: number[] }).seen);
      const cut = async () => {
        const [connection] = await hub.getConnections('tess');
        (hub.getSession(connection!.connectionId) as SseSession).stream.terminate();
      };
      const publish = async (from: number, to: number) => {
        for (let n = from; n <= to; n++) await hub.pushToTopic('room:web', 'chat.message', { n });
      };

      await opened(1);
      // Cut before any event: the id the stream opened with is what the browser sends back.
      await cut();
      await publish(1, 2);
      await opened(2);
      await eventually(async () => expect(await seen()).toEqual([1, 2]));
      await cut();
      await publish(3, 5);
      await opened(3);
      await publish(6, 6);
      await eventually(async () => expect(await seen()).toEqual([1, 2, 3, 4, 5, 6]));
    } finally {
      await browser.close();
      await running.app.close();
    }
  }, 30_000);
});
