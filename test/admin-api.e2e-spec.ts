import { HubService, JsonRpcWsModule, JsonRpcWsModuleOptions } from 'nestjs-jsonrpc-ws';
import { eventually, loginClient, verifyTestToken } from './fixtures/hub.fixture';
import { RunningApp, startApp } from './utils/test-app';
import { adminRequest, AdminAnswer } from './utils/admin-client';
import { TestClient } from './utils/test-client';

/**
 * The admin HTTP API over real HTTP, delivering to real WebSocket clients:
 * exact counts, 401 without the token and nothing delivered, 400 with field
 * errors, idempotent retries, pagination, and off (404) without a token.
 */

const TOKEN = 'admin-token-of-the-tests-0123456789';

function startAdminApp(options: JsonRpcWsModuleOptions = {}, extras = {}): Promise<RunningApp> {
  return startApp({
    imports: [
      JsonRpcWsModule.forRoot({
        verifyToken: verifyTestToken,
        adminToken: TOKEN,
        maxConnectionsPerPlatform: 5,
        ...options,
        adminApi: true,
        ...extras,
      }),
    ],
  });
}

function call(
  running: RunningApp,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
): Promise<AdminAnswer> {
  return adminRequest(running.http, path, { method, body, headers });
}

const post = (running: RunningApp, path: string, body: unknown, headers?: Record<string, string>) =>
  call(running, 'POST', path, body, headers);

describe('Admin API: pushes reach the right WebSocket clients with exact counts', () => {
  let running: RunningApp;
  let alice: TestClient;
  let aliceIos: TestClient;
  let bob: TestClient;
  let anonymous: TestClient;

  beforeAll(async () => {
    running = await startAdminApp();
    alice = await loginClient(running, 'alice', 'web');
    aliceIos = await loginClient(running, 'alice', 'ios');
    bob = await loginClient(running, 'bob', 'web');
    anonymous = await TestClient.connect(running.url());
    expect((await bob.call('subscribe', { topics: ['orders'] })).result).toBeDefined();
  });
  afterAll(() => running.app.close());

  it('POST /send reaches every connection of the user, or one platform', async () => {
    const all = await post(running, '/send', {
      to: 'alice',
      method: 'order.shipped',
      params: { id: 7 },
    });
    expect(all).toMatchObject({ status: 200, body: { delivered: 2 } });
    for (const client of [alice, aliceIos]) {
      expect(await client.next((m) => m.method === 'order.shipped')).toEqual({
        jsonrpc: '2.0',
        method: 'order.shipped',
        params: { id: 7 },
      });
    }
    const ios = await post(running, '/send', { to: 'alice', method: 'only.ios', platform: 'ios' });
    expect(ios.body).toEqual({ delivered: 1 });
    expect((await aliceIos.next((m) => m.method === 'only.ios')).params).toBeUndefined();
    const nobody = await post(running, '/send', { to: 'carol', method: 'x', params: [1] });
    expect(nobody.body).toEqual({ delivered: 0 });
    expect([...alice.pending, ...bob.pending, ...anonymous.pending]).toEqual([]);
  });

  it('POST /publish reaches the topic subscribers only; /broadcast every logged-in client', async () => {
    expect(
      (await post(running, '/publish', { topic: 'orders', method: 'order.new', params: { n: 1 } }))
        .body,
    ).toEqual({ delivered: 1 });
    expect((await bob.next((m) => m.method === 'order.new')).params).toEqual({ n: 1 });
    expect((await post(running, '/broadcast', { method: 'news', params: ['hi'] })).body).toEqual({
      delivered: 3,
    });
    for (const client of [alice, aliceIos, bob]) {
      expect((await client.next((m) => m.method === 'news')).params).toEqual(['hi']);
    }
    expect(anonymous.pending).toEqual([]);
  });

  it('GET /online pages through users with a cursor; /online/:userId lists connections; /stats', async () => {
    const first = await call(running, 'GET', '/online?limit=1');
    expect(first.body).toEqual({ count: 2, users: ['alice'], nextCursor: 'alice' });
    const second = await call(running, 'GET', `/online?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ count: 2, users: ['bob'], nextCursor: null });
    const user = await call(running, 'GET', '/online/alice');
    expect(user.body.online).toBe(true);
    expect(user.body.connections.map((c: { platform: string }) => c.platform).sort()).toEqual([
      'ios',
      'web',
    ]);
    expect((await call(running, 'GET', '/online/carol')).body).toEqual({
      online: false,
      connections: [],
    });
    const stats = await call(running, 'GET', '/stats');
    expect(stats.body).toMatchObject({
      connections: 4,
      authenticated: 3,
      anonymous: 1,
      users: 2,
      sse: 0,
    });
  });

  it("POST /kick ends the user's connections with session.kicked and 4004", async () => {
    const extra = await loginClient(running, 'dave', 'web');
    const answer = await post(running, '/kick', { userId: 'dave', reason: 'Account suspended' });
    expect(answer.body).toEqual({ kicked: 1 });
    expect(await extra.next((m) => m.method === 'session.kicked')).toMatchObject({
      params: { reason: 'Account suspended' },
    });
    expect((await extra.closed).code).toBe(4004);
    await eventually(async () =>
      expect((await call(running, 'GET', '/online/dave')).body.online).toBe(false),
    );
  });
});

describe('Admin API: refusals deliver nothing', () => {
  let running: RunningApp;
  let alice: TestClient;

  beforeAll(async () => {
    running = await startAdminApp();
    alice = await loginClient(running, 'alice');
  });
  afterAll(() => running.app.close());

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: `Bearer ${TOKEN}x` }],
    ['another scheme', { authorization: `Basic ${TOKEN}` }],
  ])('answers 401 with %s', async (_, headers) => {
    for (const [method, path, body] of [
      ['POST', '/send', { to: 'alice', method: 'x' }],
      ['POST', '/broadcast', { method: 'x' }],
      ['POST', '/kick', { userId: 'alice', reason: 'r' }],
      ['GET', '/stats', undefined],
      ['GET', '/online', undefined],
      ['GET', '/history/room%3Aa', undefined],
    ] as const) {
      const answer = await call(running, method, path, body, headers);
      expect({ path, status: answer.status }).toEqual({ path, status: 401 });
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(await alice.call('heartbeat')).toMatchObject({ result: { status: 'ok' } });
    expect(alice.pending).toEqual([]);
  });

  it('answers 400 naming each bad field, and refuses unknown fields', async () => {
    const answer = await post(running, '/send', {
      to: '',
      method: 'rpc.x',
      params: 'text',
      extra: 1,
    });
    expect(answer.status).toBe(400);
    const fields = answer.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['extra', 'method', 'params', 'to']);
    for (const error of answer.body.errors) expect(error.messages.length).toBeGreaterThan(0);
    const kick = await post(running, '/kick', { userId: 'alice' });
    expect(kick.status).toBe(400);
    expect(kick.body.errors).toEqual([{ field: 'reason', messages: expect.any(Array) }]);
    const page = await call(running, 'GET', '/online?limit=0');
    expect(page.status).toBe(400);
    expect(page.body.errors[0].field).toBe('limit');
    expect(alice.pending).toEqual([]);
  });

  it('answers 400 for a body that is not JSON, and 413 past maxBodyBytes', async () => {
    const broken = await post(running, '/send', '{"to": "alice", ');
    expect(broken.status).toBe(400);
    const big = await post(running, '/broadcast', {
      method: 'x',
      params: { blob: 'x'.repeat(70_000) },
    });
    expect(big.status).toBe(413);
    // Past the platform's own body limit too (Express: 100 KB), the answer is JSON (call() parses it).
    const huge = await post(running, '/broadcast', {
      method: 'x',
      params: { blob: 'x'.repeat(200_000) },
    });
    expect(huge.status).toBe(413);
    expect(alice.pending).toEqual([]);
  });

  it('bounds params as a WebSocket call is bounded (keys per object)', async () => {
    const params = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`k${i}`, i]));
    const answer = await post(running, '/broadcast', { method: 'x', params });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].field).toBe('params');
    expect(alice.pending).toEqual([]);
  });
});

describe('Admin API: GET /history/:topic', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startAdminApp({
      subscribeRequiresLogin: false,
      history: { topics: { 'room:*': { size: 4, ttlMs: 60_000 } } },
    });
  });
  afterAll(() => running.app.close());

  const history = (query: string) => call(running, 'GET', `/history/${query}`);

  it('answers the position and the publications after an offset, paged by limit', async () => {
    const topic = 'room:a/1';
    const path = encodeURIComponent(topic);
    const client = await TestClient.connect(running.url());
    const { epoch } = (await client.call('subscribe', { topic })).result;
    expect((await history(path)).body).toEqual({ epoch, offset: 0, publications: [] });
    for (let n = 1; n <= 6; n++) {
      const body = { topic, method: 'chat.message', params: { n } };
      expect((await post(running, '/publish', body)).body).toEqual({ delivered: 1 });
    }
    await post(running, '/publish', { topic, method: 'chat.cleared' });
    // size 4: offsets 4 to 7 are kept.
    const all = await history(path);
    expect(all).toMatchObject({ status: 200 });
    expect(all.body).toEqual({
      epoch,
      offset: 7,
      publications: [
        { offset: 4, method: 'chat.message', params: { n: 4 } },
        { offset: 5, method: 'chat.message', params: { n: 5 } },
        { offset: 6, method: 'chat.message', params: { n: 6 } },
        { offset: 7, method: 'chat.cleared' },
      ],
    });
    const page = await history(`${path}?after=4&limit=2`);
    expect(page.body).toEqual({
      epoch,
      offset: 7,
      publications: all.body.publications.slice(1, 3),
    });
    expect((await history(`${path}?after=7`)).body).toEqual({ epoch, offset: 7, publications: [] });
    await client.close();
  });

  it('shows a reset as a new epoch', async () => {
    await post(running, '/publish', { topic: 'room:b', method: 'm' });
    const before = (await history('room:b')).body;
    await running.app.get(HubService).resetHistory('room:b');
    const after = (await history('room:b')).body;
    expect(before).toMatchObject({ offset: 1 });
    expect(after).toEqual({ epoch: expect.any(String), offset: 0, publications: [] });
    expect(after.epoch).not.toBe(before.epoch);
  });

  it('answers 404 for a topic that keeps no history', async () => {
    await post(running, '/publish', { topic: 'orders', method: 'm' });
    const answer = await history('orders');
    expect(answer.status).toBe(404);
    expect(answer.body.message).toMatch(/"orders" keeps no history/);
  });

  it('answers 400 naming the field for a bad after or limit, or an unknown one', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['after=-1', 'after'],
      ['after=1.5', 'after'],
      ['before=3', 'before'],
    ]) {
      const answer = await history(`room:a?${query}`);
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });
});

describe('Admin API: Idempotency-Key', () => {
  let running: RunningApp;
  let alice: TestClient;

  beforeAll(async () => {
    running = await startAdminApp();
    alice = await loginClient(running, 'alice');
  });
  afterAll(() => running.app.close());

  it('delivers once for retries with the same key, concurrent ones included', async () => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'idempotency-key': 'order-7-shipped' };
    const body = { to: 'alice', method: 'order.shipped', params: { id: 7 } };
    const answers = await Promise.all([1, 2, 3].map(() => post(running, '/send', body, headers)));
    const again = await post(running, '/send', body, headers);
    for (const answer of [...answers, again]) expect(answer.body).toEqual({ delivered: 1 });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await alice.next((m) => m.method === 'order.shipped');
    // A heartbeat's reply comes after anything already sent: no second push is on its way.
    await alice.call('heartbeat');
    expect(alice.pending).toEqual([]);
    const other = await post(running, '/send', body, { ...headers, 'idempotency-key': 'another' });
    expect(other.body).toEqual({ delivered: 1 });
    await alice.next((m) => m.method === 'order.shipped');
  });

  it('answers 422 when a key comes back with another body, and 400 for a malformed key', async () => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'idempotency-key': 'k-1' };
    expect((await post(running, '/broadcast', { method: 'a' }, headers)).status).toBe(200);
    expect((await post(running, '/broadcast', { method: 'b' }, headers)).status).toBe(422);
    const bad = await post(
      running,
      '/broadcast',
      { method: 'a' },
      { ...headers, 'idempotency-key': 'é'.repeat(3) },
    );
    expect(bad.status).toBe(400);
    expect((await alice.next((m) => m.method === 'a')).method).toBe('a');
    await alice.call('heartbeat');
    expect(alice.pending).toEqual([]);
  });
});

describe('Admin API: off without a token', () => {
  it('answers 404 to every route, even with a Bearer header', async () => {
    const running = await startApp({ imports: [JsonRpcWsModule.forRoot({ adminApi: true })] });
    for (const [method, path, body] of [
      ['POST', '/broadcast', { method: 'x' }],
      ['GET', '/stats', undefined],
    ] as const) {
      const answer = await call(running, method, path, body, {
        authorization: 'Bearer anything-at-all-here',
      });
      expect(answer.status).toBe(404);
    }
    await running.app.close();
  });

  it('serves a configured prefix, and stops the startup for a short token', async () => {
    const running = await startApp({
      imports: [JsonRpcWsModule.forRoot({ adminToken: TOKEN, adminApi: { prefix: '/ops/ws' } })],
    });
    const answer = await fetch(running.http('/ops/ws/stats'), {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ connections: 0 });
    await running.app.close();
    await expect(
      startApp({ imports: [JsonRpcWsModule.forRoot({ adminToken: 'short', adminApi: true })] }),
    ).rejects.toThrow(/adminToken.*at least 16 characters \(got "5 characters"\)/);
  });
});
