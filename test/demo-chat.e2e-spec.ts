import { AppModule } from '../apps/demo/src/app.module';
import { configureApp } from '../apps/demo/src/configure-app';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

describe('Demo: auth.login and chat', () => {
  let running: RunningApp;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    running = await startApp({ imports: [AppModule] }, configureApp);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await running.app.close();
  });

  async function connect(): Promise<TestClient> {
    const client = await TestClient.connect(running.url());
    clients.push(client);
    return client;
  }

  it('auth.login checks the password and logs the connection in', async () => {
    const client = await connect();
    const wrong = await client.call('auth.login', { username: 'ada', password: 'nope' });
    expect(wrong.error).toMatchObject({ code: -32001, message: 'Wrong username or password' });
    const invalid = await client.call('auth.login', { username: '', password: 'demo' });
    expect(invalid.error.code).toBe(-32602);

    const { result } = await client.call('auth.login', {
      username: 'ada',
      password: 'demo',
      platform: 'web',
    });
    expect(result).toEqual({
      token: expect.any(String),
      expiresAt: expect.any(Number),
      userId: 'ada',
    });
    expect(result.expiresAt).toBeGreaterThan(Date.now());
    expect((await client.call('subscribe', { topics: ['room:lobby'] })).result).toEqual({
      subscribed: ['room:lobby'],
    });
  });

  it('the token works with the built-in login on another connection; garbage does not', async () => {
    const first = await connect();
    const { result } = await first.call('auth.login', {
      username: 'bob',
      password: 'demo',
      platform: 'web',
    });
    const second = await connect();
    expect((await second.call('login', { token: 'not-a-jwt' })).error.code).toBe(-32001);
    expect((await second.call('login', { token: result.token, platform: 'ios' })).result).toEqual({
      userId: 'bob',
      platform: 'web',
      expiresAt: result.expiresAt,
    });
  });

  it('chat.send needs a login and publishes chat.message to the room only', async () => {
    const anonymous = await connect();
    expect((await anonymous.call('chat.send', { room: 'general', text: 'hi' })).error.code).toBe(
      -32001,
    );

    const alice = await connect();
    await alice.call('auth.login', { username: 'alice', password: 'demo' });
    const carol = await connect();
    await carol.call('auth.login', { username: 'carol', password: 'demo' });
    const dave = await connect();
    await dave.call('auth.login', { username: 'dave', password: 'demo' });
    await alice.call('subscribe', { topics: ['room:general'] });
    await carol.call('subscribe', { topics: ['room:general'] });
    await dave.call('subscribe', { topics: ['room:other'] });
    expect((await carol.call('subscribe', { topics: ['admin'] })).error.code).toBe(-32003);

    expect((await alice.call('chat.send', { room: 'general', text: 'hello' })).result).toEqual({
      delivered: 2,
    });
    for (const member of [alice, carol]) {
      expect(await member.next((m) => m.method === 'chat.message')).toEqual({
        jsonrpc: '2.0',
        method: 'chat.message',
        params: { room: 'general', from: 'alice', text: 'hello', at: expect.any(String) },
      });
    }
    expect((await dave.call('heartbeat')).result.status).toBe('ok');
    // Dave only hears of his own room: who is in it, no message of another room.
    expect(dave.pending).toEqual([
      {
        jsonrpc: '2.0',
        method: 'chat.presence',
        params: { room: 'other', members: ['dave'] },
      },
    ]);
  });

  it('tells a room who is in it: chat.members, and chat.presence on every change', async () => {
    const erin = await connect();
    await erin.call('auth.login', { username: 'erin', password: 'demo' });
    const frank = await connect();
    await frank.call('auth.login', { username: 'frank', password: 'demo' });
    await erin.call('subscribe', { topics: ['room:garden'] });
    expect(await erin.next((m) => m.method === 'chat.presence')).toMatchObject({
      params: { room: 'garden', members: ['erin'] },
    });

    await frank.call('subscribe', { topics: ['room:garden'] });
    expect(await erin.next((m) => m.method === 'chat.presence')).toMatchObject({
      params: { room: 'garden', members: ['erin', 'frank'] },
    });
    expect((await erin.call('chat.members', { room: 'garden' })).result).toEqual({
      room: 'garden',
      members: ['erin', 'frank'],
    });

    await frank.close();
    expect(await erin.next((m) => m.method === 'chat.presence')).toMatchObject({
      params: { room: 'garden', members: ['erin'] },
    });
  });

  it('admin.stats needs the admin role (-32003 for others)', async () => {
    const user = await connect();
    expect((await user.call('admin.stats')).error.code).toBe(-32001);
    await user.call('auth.login', { username: 'eve', password: 'demo' });
    expect((await user.call('admin.stats')).error).toMatchObject({ code: -32003 });
    const admin = await connect();
    await admin.call('auth.login', { username: 'admin', password: 'demo' });
    const { result } = await admin.call('admin.stats');
    expect(result.connections).toBeGreaterThanOrEqual(2);
    expect(result.byPlatform.default).toBeGreaterThanOrEqual(2);
  });

  it('chat.send is rate limited (burst of 10, then 5 per second)', async () => {
    const client = await connect();
    await client.call('auth.login', { username: 'flood', password: 'demo' });
    const ids = Array.from({ length: 12 }, (_, i) => `send-${i}`);
    for (const id of ids) {
      client.send({ jsonrpc: '2.0', method: 'chat.send', params: { room: 'x', text: 'spam' }, id });
    }
    const replies = await Promise.all(ids.map((id) => client.next((m) => m.id === id)));
    expect(replies.slice(0, 10).every((r) => r.result)).toBe(true);
    expect(replies[11].error).toMatchObject({
      code: -32029,
      data: { retryAfterMs: expect.any(Number) },
    });
  });

  it('serves Prometheus metrics on the HTTP port', async () => {
    const response = await fetch(`http://127.0.0.1:${running.port}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^jsonrpc_ws_connections_current \d+$/m);
    expect(text).toMatch(/^jsonrpc_ws_rpc_requests_total\{method="chat\.send",code="0"\} \d+$/m);
  });
});
