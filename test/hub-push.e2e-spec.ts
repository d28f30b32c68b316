import { HubService } from 'nestjs-jsonrpc-ws';
import { EventLog, eventually, loginClient, startHubApp } from './fixtures/hub.fixture';
import { RunningApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/** Sends a probe and checks that it is answered before anything else arrives. */
async function expectNothingPending(client: TestClient): Promise<void> {
  expect((await client.call('heartbeat')).result.status).toBe('ok');
  expect(client.pending).toEqual([]);
}

const push = (method: string, params?: unknown) => ({ jsonrpc: '2.0', method, params });

describe('HubService pushes', () => {
  let running: RunningApp;
  let hub: HubService;
  let clients: TestClient[];

  beforeEach(async () => {
    running = await startHubApp({ maxConnectionsPerPlatform: 5 });
    hub = running.app.get(HubService);
    clients = [];
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await running.app.close();
  });

  async function as(token: string, platform?: string): Promise<TestClient> {
    const client = await loginClient(running, token, platform);
    clients.push(client);
    return client;
  }

  async function anonymous(): Promise<TestClient> {
    const client = await TestClient.connect(running.url());
    clients.push(client);
    return client;
  }

  it('pushToUser reaches every connection of the user and nobody else, even user "b_1" beside "1"', async () => {
    const oneWeb = await as('1', 'web');
    const oneIos = await as('1', 'ios');
    const bOne = await as('b_1', 'web');
    const other = await anonymous();

    expect(await hub.pushToUser('1', 'note', { text: 'for 1' })).toBe(2);
    expect(await oneWeb.next()).toEqual(push('note', { text: 'for 1' }));
    expect(await oneIos.next()).toEqual(push('note', { text: 'for 1' }));
    await expectNothingPending(bOne);
    await expectNothingPending(other);

    expect(await hub.pushToUserAllPlatforms('b_1', 'note', ['for b_1'])).toBe(1);
    expect(await bOne.next()).toEqual(push('note', ['for b_1']));
    await expectNothingPending(oneWeb);
    await expectNothingPending(oneIos);
  });

  it('numeric user ids address the same user as their string form', async () => {
    const client = await as('42');
    expect(await hub.pushToUser(42, 'ping')).toBe(1);
    expect(await client.next()).toEqual({ jsonrpc: '2.0', method: 'ping' });
  });

  it('pushToUser with a platform reaches only that platform', async () => {
    const web = await as('alice', 'web');
    const ios = await as('alice', 'ios');
    expect(await hub.pushToUser('alice', 'only.ios', {}, { platform: 'ios' })).toBe(1);
    expect(await ios.next()).toEqual(push('only.ios', {}));
    await expectNothingPending(web);
  });

  it('pushToTopic reaches only the subscribers', async () => {
    const sub1 = await as('u1');
    const sub2 = await as('u2');
    const outsider = await as('u3');
    for (const client of [sub1, sub2]) {
      expect((await client.call('subscribe', { topics: ['room:1'] })).result).toEqual({
        subscribed: ['room:1'],
      });
    }
    expect(await hub.pushToTopic('room:1', 'chat.message', { text: 'hi' })).toBe(2);
    expect(await sub1.next()).toEqual(push('chat.message', { text: 'hi' }));
    expect(await sub2.next()).toEqual(push('chat.message', { text: 'hi' }));
    await expectNothingPending(outsider);

    expect((await sub2.call('unsubscribe', { topics: ['room:1'] })).result).toEqual({
      unsubscribed: ['room:1'],
    });
    expect(await hub.pushToTopic('room:1', 'chat.message', { text: 'again' })).toBe(1);
    expect(await sub1.next()).toEqual(push('chat.message', { text: 'again' }));
    await expectNothingPending(sub2);
    expect(await hub.pushToTopic('room:nobody', 'x')).toBe(0);
  });

  it('pushes of every frame length and in any script arrive whole, in order, between replies', async () => {
    const subscribers = [await as('u1'), await as('u2')];
    for (const client of subscribers) await client.call('subscribe', { topics: ['sizes'] });
    // Around each length boundary of a WebSocket frame header: 125, 65,535 bytes.
    const texts = [0, 100, 112, 113, 65_000, 65_500, 70_000, 200_000].map((length) =>
      'é€😀 ascii '.repeat(Math.ceil(length / 14) + 1).slice(0, length),
    );
    for (const text of texts) {
      expect(await hub.pushToTopic('sizes', 'sized', { text })).toBe(2);
      expect(await hub.broadcast('sized', [text])).toBe(2);
    }
    for (const client of subscribers) {
      for (const text of texts) {
        expect(await client.next()).toEqual(push('sized', { text }));
        expect(await client.next()).toEqual(push('sized', [text]));
      }
      await expectNothingPending(client);
    }
  });

  it('broadcast reaches logged-in connections only, unless anonymous ones are asked for', async () => {
    const user = await as('u1');
    const anon = await anonymous();
    expect(await hub.broadcast('news', { n: 1 })).toBe(1);
    expect(await user.next()).toEqual(push('news', { n: 1 }));
    await expectNothingPending(anon);

    expect(await hub.broadcast('news', { n: 2 }, { includeAnonymous: true })).toBe(2);
    expect(await user.next()).toEqual(push('news', { n: 2 }));
    expect(await anon.next()).toEqual(push('news', { n: 2 }));
  });

  it('pushToConnection reaches one connection by id', async () => {
    const a = await as('u1', 'web');
    const b = await as('u1', 'ios');
    const { id } = (await a.call('whoami')).result;
    expect(await hub.pushToConnection(id, 'direct')).toBe(1);
    expect(await a.next()).toEqual({ jsonrpc: '2.0', method: 'direct' });
    await expectNothingPending(b);
    expect(await hub.pushToConnection('no-such-id', 'direct')).toBe(0);
  });

  it('kickConnection and kickUser send session.kicked and close with 4004', async () => {
    const a = await as('u1', 'web');
    const b = await as('u1', 'ios');
    const c = await as('u2');
    const { id } = (await a.call('whoami')).result;

    expect(await hub.kickConnection(id, 'Maintenance')).toBe(true);
    expect(await a.next()).toEqual(push('session.kicked', { reason: 'Maintenance' }));
    expect(await a.closed).toEqual({ code: 4004, reason: 'kicked' });
    expect(await hub.kickConnection(id, 'again')).toBe(false);

    expect(await hub.kickUser('u1', 'Banned')).toBe(1);
    expect(await b.next()).toEqual(push('session.kicked', { reason: 'Banned' }));
    expect((await b.closed).code).toBe(4004);
    await expectNothingPending(c);
    const log = running.app.get(EventLog);
    await eventually(() =>
      expect(log.of('disconnected')).toEqual([
        { reason: 'kicked', code: 4004 },
        { reason: 'kicked', code: 4004 },
      ]),
    );
  });

  it('isOnline and getConnections report presence by user', async () => {
    expect(await hub.isOnline('u1')).toBe(false);
    const web = await as('u1', 'web');
    await as('u1', 'ios');
    expect(await hub.isOnline('u1')).toBe(true);
    expect(await hub.isOnline('1')).toBe(false);
    const connections = await hub.getConnections('u1');
    expect(connections.map((c) => c.platform).sort()).toEqual(['ios', 'web']);
    expect(connections[0]).toMatchObject({ userId: 'u1', nodeId: hub.stats().nodeId });
    await web.close();
    await eventually(async () => {
      expect(await hub.getConnections('u1')).toHaveLength(1);
    });
  });

  it('stats() counts connections, users, platforms, topics and subscriptions', async () => {
    await as('u1', 'web');
    const ios = await as('u1', 'ios');
    await as('u2', 'web');
    await anonymous();
    await ios.call('subscribe', { topics: ['a', 'b'] });
    expect(hub.stats()).toMatchObject({
      connections: 4,
      authenticated: 3,
      anonymous: 1,
      users: 2,
      byPlatform: { web: 2, ios: 1 },
      topics: 2,
      subscriptions: 2,
      droppedMessages: 0,
      slowConsumerDisconnects: 0,
    });
  });

  it('hub events reach @OnHubEvent listeners', async () => {
    const client = await as('u1', 'web');
    await client.call('subscribe', { topics: ['t1', 't2'] });
    await client.call('unsubscribe', { topics: ['t2'] });
    await client.close();
    const log = running.app.get(EventLog);
    await eventually(() =>
      expect(log.events.map((e) => [e.type, e.detail])).toEqual([
        ['connected', null],
        ['authenticated', { userId: 'u1', platform: 'web' }],
        ['subscribed', ['t1', 't2']],
        ['unsubscribed', ['t2']],
        ['disconnected', { reason: 'client', code: 1005 }],
      ]),
    );
  });
});
