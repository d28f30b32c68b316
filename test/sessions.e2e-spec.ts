import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'http';
import { HubService, JsonRpcWsModule, RpcMethod, RpcMethodRegistry } from 'nestjs-jsonrpc-ws';
import {
  EventLog,
  eventually,
  loginClient,
  startHubApp,
  verifyTestToken,
} from './fixtures/hub.fixture';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

const notification = (method: string) => (m: any) => m.method === method;

describe('Sessions', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.app.close();
    running = undefined;
  });

  describe('login', () => {
    beforeEach(async () => {
      running = await startHubApp();
    });

    it('built-in login answers { userId, platform, expiresAt }, with the state set before the reply', async () => {
      const client = await TestClient.connect(running!.url());
      client.send({
        jsonrpc: '2.0',
        method: 'login',
        params: { token: 'ada', platform: 'ios' },
        id: 1,
      });
      // The next call leaves as soon as the reply arrives: the hub must already know the session.
      const reply = await client.next((m) => m.id === 1);
      client.send({ jsonrpc: '2.0', method: 'whoami', id: 2 });
      expect(reply).toEqual({
        jsonrpc: '2.0',
        result: { userId: 'ada', platform: 'ios', expiresAt: null },
        id: 1,
      });
      expect((await client.next((m) => m.id === 2)).result).toMatchObject({
        userId: 'ada',
        platform: 'ios',
      });
      expect(await running!.app.get(HubService).isOnline('ada')).toBe(true);
      await client.close();
    });

    it('refuses a bad token, or one the verifier throws on, with -32001 and no internals', async () => {
      const client = await TestClient.connect(running!.url());
      for (const token of ['bad', 'crash']) {
        expect((await client.call('login', { token })).error).toEqual({
          code: -32001,
          message: 'Invalid token',
          data: { reason: 'Unauthorized' },
        });
      }
      expect((await client.call('login', { token: '' })).error.code).toBe(-32602);
      expect((await client.call('login', { token: 'x', platform: 'no spaces' })).error.code).toBe(
        -32602,
      );
      expect((await client.call('whoami')).result.userId).toBeNull();
      await client.close();
    });

    it('logout makes the connection anonymous again', async () => {
      const client = await loginClient(running!, 'ada');
      expect((await client.call('logout')).result).toEqual({ loggedOut: true });
      expect((await client.call('whoami')).result.userId).toBeNull();
      expect(await running!.app.get(HubService).isOnline('ada')).toBe(false);
      await client.close();
    });

    it('a second login on the same platform kicks the first with session.kicked', async () => {
      const first = await loginClient(running!, 'ada', 'web');
      const otherPlatform = await loginClient(running!, 'ada', 'ios');
      const second = await loginClient(running!, 'ada', 'web');
      expect(await first.next(notification('session.kicked'))).toEqual({
        jsonrpc: '2.0',
        method: 'session.kicked',
        params: { reason: 'Logged in on another device' },
      });
      expect(await first.closed).toEqual({ code: 4004, reason: 'kicked' });
      expect((await second.call('whoami')).result.userId).toBe('ada');
      expect((await otherPlatform.call('whoami')).result.userId).toBe('ada');
      await Promise.all([second.close(), otherPlatform.close()]);
    });

    it('the heartbeat built-in answers { status, serverTime }', async () => {
      const client = await TestClient.connect(running!.url());
      const before = Date.now();
      const { result } = await client.call('heartbeat');
      expect(result.status).toBe('ok');
      expect(result.serverTime).toBeGreaterThanOrEqual(before);
      await client.close();
    });
  });

  describe('limits', () => {
    it("'reject-new' refuses a second login on a platform with -32029, session.rejected and 4005", async () => {
      running = await startHubApp({ platformLimitPolicy: 'reject-new' });
      const first = await loginClient(running, 'ada', 'web');
      const second = await TestClient.connect(running.url());
      const reply = await second.call('login', { token: 'ada', platform: 'web' });
      expect(reply.error).toMatchObject({
        code: -32029,
        data: { reason: 'TooManyRequests', limit: 1 },
      });
      expect(second.pending).toContainEqual({
        jsonrpc: '2.0',
        method: 'session.rejected',
        params: { reason: 'Already logged in on web' },
      });
      expect(await second.closed).toEqual({ code: 4005, reason: 'limit' });
      expect((await first.call('whoami')).result.userId).toBe('ada');
      await first.close();
    });

    it('maxConnectionsPerPlatform above 1 allows that many sessions, then kicks the oldest', async () => {
      running = await startHubApp({ maxConnectionsPerPlatform: 2 });
      const a = await loginClient(running, 'ada', 'web');
      const b = await loginClient(running, 'ada', 'web');
      const c = await loginClient(running, 'ada', 'web');
      expect((await a.closed).code).toBe(4004);
      expect((await b.call('whoami')).result.userId).toBe('ada');
      expect((await c.call('whoami')).result.userId).toBe('ada');
      await Promise.all([b.close(), c.close()]);
    });

    it('maxConnectionsPerUser refuses the login over the limit with -32029 and session.rejected', async () => {
      running = await startHubApp({ maxConnectionsPerUser: 2 });
      const web = await loginClient(running, 'ada', 'web');
      const ios = await loginClient(running, 'ada', 'ios');
      const third = await TestClient.connect(running.url());
      const reply = await third.call('login', { token: 'ada', platform: 'android' });
      expect(reply.error).toMatchObject({ code: -32029, data: { limit: 2 } });
      expect(third.pending).toContainEqual(expect.objectContaining({ method: 'session.rejected' }));
      expect((await third.closed).code).toBe(4005);
      // Other users are not affected, and the refused login left no trace.
      const other = await loginClient(running, 'bob', 'android');
      expect((await running.app.get(HubService).getConnections('ada')).length).toBe(2);
      await Promise.all([web.close(), ios.close(), other.close()]);
    });

    it('maxConnections refuses upgrades beyond the limit with HTTP 503', async () => {
      running = await startHubApp({ maxConnections: 2 });
      const a = await TestClient.connect(running.url());
      const b = await TestClient.connect(running.url());
      await expect(TestClient.connect(running.url())).rejects.toThrow('Unexpected response 503');
      await a.close();
      await eventually(() => expect(running!.app.get(HubService).stats().connections).toBe(1));
      const c = await TestClient.connect(running.url());
      await Promise.all([b.close(), c.close()]);
    });
  });

  describe('timeouts', () => {
    it('closes a connection that does not log in within anonymousTimeoutMs with 4001', async () => {
      running = await startHubApp({ anonymousTimeoutMs: 150, pingIntervalMs: 0 });
      const anonymous = await TestClient.connect(running.url());
      const loggedIn = await loginClient(running, 'ada');
      expect(await anonymous.closed).toEqual({ code: 4001, reason: 'anonymous-timeout' });
      expect((await loggedIn.call('whoami')).result.userId).toBe('ada');
      await loggedIn.close();
    });

    it('closes a silent connection after heartbeatTimeoutMs with 4002; any message keeps it alive', async () => {
      running = await startHubApp({ heartbeatTimeoutMs: 300, pingIntervalMs: 0 });
      const silent = await loginClient(running, 'silent');
      const chatty = await loginClient(running, 'chatty');
      const timer = setInterval(() => chatty.send({ jsonrpc: '2.0', method: 'heartbeat' }), 50);
      try {
        expect(await silent.closed).toEqual({ code: 4002, reason: 'heartbeat-timeout' });
        expect((await chatty.call('whoami')).result.userId).toBe('chatty');
      } finally {
        clearInterval(timer);
      }
      await chatty.close();
    });

    it('pings keep a live idle client, and drop a peer that stopped answering', async () => {
      running = await startHubApp({ heartbeatTimeoutMs: 300, pingIntervalMs: 50 });
      const idle = await loginClient(running, 'idle');
      const dead = await loginClient(running, 'dead');
      dead.socket.pause(); // reads nothing, so answers no ping
      const log = running.app.get(EventLog);
      await eventually(() =>
        expect(log.of('disconnected')).toContainEqual(
          expect.objectContaining({ reason: 'heartbeat-timeout' }),
        ),
      );
      expect((await idle.call('whoami')).result.userId).toBe('idle');
      dead.socket.terminate();
      await idle.close();
    });

    it('sends session.expired and closes with 4003 when the token expires', async () => {
      running = await startHubApp({ pingIntervalMs: 0 });
      const client = await loginClient(running, 'ada@100');
      expect(await client.next(notification('session.expired'))).toEqual({
        jsonrpc: '2.0',
        method: 'session.expired',
        params: { reason: 'Session expired, log in again' },
      });
      expect(await client.closed).toEqual({ code: 4003, reason: 'token-expired' });
    });
  });

  describe('topics', () => {
    it('subscribe needs a login by default', async () => {
      running = await startHubApp();
      const client = await TestClient.connect(running.url());
      expect((await client.call('subscribe', { topics: ['a'] })).error.code).toBe(-32001);
      expect((await client.call('subscribe', { topics: 'a' })).error.code).toBe(-32001);
      await client.call('login', { token: 'ada' });
      expect((await client.call('subscribe', { topics: 'a' })).error.code).toBe(-32602);
      expect((await client.call('subscribe', { topics: [] })).error.code).toBe(-32602);
      expect((await client.call('subscribe', { topics: ['a', 'a'] })).result).toEqual({
        subscribed: ['a', 'a'],
      });
      await client.close();
    });

    it('authorizeTopic decides who may join what; a refusal subscribes nothing', async () => {
      running = await startHubApp({
        authorizeTopic: (session, topic) =>
          topic === `user:${session.userId}` || topic.startsWith('public:'),
      });
      const client = await loginClient(running, 'ada');
      expect(
        (await client.call('subscribe', { topics: ['user:ada', 'public:news'] })).result,
      ).toEqual({
        subscribed: ['user:ada', 'public:news'],
      });
      const refused = await client.call('subscribe', { topics: ['public:x', 'user:bob'] });
      expect(refused.error).toEqual({
        code: -32003,
        message: 'Subscription not allowed',
        data: { reason: 'Forbidden', topics: ['user:bob'] },
      });
      expect((await client.call('whoami')).result.topics).toEqual(['user:ada', 'public:news']);
      await client.close();
    });

    it('maxTopicsPerConnection caps subscriptions with -32029', async () => {
      running = await startHubApp({ maxTopicsPerConnection: 2, subscribeRequiresLogin: false });
      const client = await TestClient.connect(running.url());
      await client.call('subscribe', { topics: ['a', 'b'] });
      expect((await client.call('subscribe', { topics: ['c'] })).error).toMatchObject({
        code: -32029,
        data: { maxTopicsPerConnection: 2 },
      });
      await client.close();
    });
  });

  describe('built-in methods and the upgrade identity', () => {
    @Injectable()
    class OwnHeartbeat {
      @RpcMethod('heartbeat')
      heartbeat(): string {
        return 'mine';
      }
    }

    it('a built-in can be turned off and replaced', async () => {
      running = await startApp({
        imports: [
          JsonRpcWsModule.forRoot({ builtInMethods: { heartbeat: false, subscribe: false } }),
        ],
        providers: [OwnHeartbeat],
      });
      expect(running.app.get(RpcMethodRegistry).names()).toEqual(['heartbeat', 'rpc.discover']);
      const client = await TestClient.connect(running.url());
      expect((await client.call('heartbeat')).result).toBe('mine');
      expect((await client.call('login', { token: 'x' })).error.code).toBe(-32601);
      await client.close();
    });

    it('declaring a built-in name while the built-in is on stops the startup', async () => {
      await expect(
        startApp({ imports: [JsonRpcWsModule.forRoot({})], providers: [OwnHeartbeat] }),
      ).rejects.toThrow(/builtInMethods\.heartbeat: false/);
    });

    it('an identity returned by authenticate logs the connection in before its first message', async () => {
      running = await startApp({
        imports: [
          JsonRpcWsModule.forRoot({
            verifyToken: verifyTestToken,
            authenticate: (request: IncomingMessage) => {
              const token = new URL(request.url ?? '/', 'http://x').searchParams.get('token');
              return token ? { userId: token, platform: 'cli' } : undefined;
            },
          }),
        ],
      });
      const client = await TestClient.connect(running.url('/ws?token=ada'));
      expect((await client.call('subscribe', { topics: ['t'] })).result).toEqual({
        subscribed: ['t'],
      });
      expect(await running.app.get(HubService).getConnections('ada')).toEqual([
        expect.objectContaining({ userId: 'ada', platform: 'cli' }),
      ]);
      await client.close();
    });
  });
});
