import { eventually } from './fixtures/hub.fixture';
import { ClusterNode, killAllNodes, startNode } from './cluster/cluster-nodes';
import { RedisProcess } from './cluster/redis-process';
import { adminRequest } from './utils/admin-client';
import { TestClient } from './utils/test-client';

/**
 * Two and three real nodes, each its own process, on a real Redis: pushes,
 * topics, broadcasts, kicks and limits across nodes; presence the same from
 * every node; a SIGKILLed node leaves presence within nodeTimeoutMs +
 * heartbeatMs; and Redis going away and coming back crashes nothing.
 */

const SHARED_REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_TOKEN = 'cluster-admin-token-0123456789abcdef';
const HEARTBEAT_MS = 500;
const NODE_TIMEOUT_MS = 2000;

afterAll(() => killAllNodes());

function nodeEnv(redisUrl: string, prefix: string, extra: Record<string, string> = {}) {
  return {
    REDIS_URL: redisUrl,
    CLUSTER_PREFIX: prefix,
    ADMIN_TOKEN,
    HEARTBEAT_MS: String(HEARTBEAT_MS),
    NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS),
    ...extra,
  };
}

const uniquePrefix = (name: string) => `t${process.pid}-${name}-${Date.now()}`;

async function login(node: ClusterNode, token: string, platform?: string): Promise<TestClient> {
  const client = await TestClient.connect(node.url());
  const reply = await client.call('login', { token, platform });
  if (reply.error) throw new Error(`login failed: ${JSON.stringify(reply.error)}`);
  return client;
}

async function admin(node: ClusterNode, path: string, body?: unknown): Promise<any> {
  return (await adminRequest(node.http, path, { body, token: ADMIN_TOKEN })).body;
}

/** Nothing more is on its way to the client: a heartbeat's reply comes after anything sent before it. */
async function settled(client: TestClient): Promise<unknown[]> {
  await client.call('heartbeat');
  return client.pending;
}

describe('Cluster: three nodes on one Redis', () => {
  let a: ClusterNode;
  let b: ClusterNode;
  let c: ClusterNode;
  const clients: TestClient[] = [];
  const track = (client: TestClient) => (clients.push(client), client);

  const prefixes = new Map<ClusterNode, string>();
  const prefixOf = (node: ClusterNode) => prefixes.get(node)!;

  beforeAll(async () => {
    const env = nodeEnv(SHARED_REDIS, uniquePrefix('three'), { MAX_PER_USER: '3' });
    [a, b, c] = await Promise.all([startNode(env), startNode(env), startNode(env)]);
    for (const node of [a, b, c]) prefixes.set(node, env.CLUSTER_PREFIX);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all([a, b, c].map((node) => node?.kill('SIGTERM')));
  });

  it("a push through B's HubService and through B's admin API reaches a user on A", async () => {
    const ada = track(await login(a, 'ada'));
    const bob = track(await TestClient.connect(b.url()));
    const viaHub = await bob.call('node.push', {
      to: 'ada',
      method: 'hello',
      params: { via: 'hub' },
    });
    expect(viaHub.result).toEqual({ delivered: 1 });
    expect((await ada.next((m) => m.method === 'hello')).params).toEqual({ via: 'hub' });
    expect(
      await admin(b, '/send', { to: 'ada', method: 'hello', params: { via: 'http' } }),
    ).toEqual({
      delivered: 1,
    });
    expect((await ada.next((m) => m.method === 'hello')).params).toEqual({ via: 'http' });
    expect(await settled(ada)).toEqual([]);
  });

  it('topic publications and broadcasts reach subscribers on every node exactly once', async () => {
    const listeners = [
      track(await login(a, 'lis-a')),
      track(await login(b, 'lis-b')),
      track(await login(c, 'lis-c')),
    ];
    for (const listener of listeners)
      expect((await listener.call('subscribe', { topics: ['news'] })).result).toBeDefined();
    const other = track(await login(c, 'not-subscribed'));
    // The publisher's node has a subscriber too: it must not get the publication twice.
    const publisher = track(await TestClient.connect(b.url()));
    await publisher.call('node.push', { topic: 'news', method: 'news.item', params: { n: 1 } });
    await admin(a, '/publish', { topic: 'news', method: 'news.item', params: { n: 2 } });
    await admin(c, '/broadcast', { method: 'all', params: { n: 3 } });
    for (const listener of listeners) {
      expect((await listener.next((m) => m.params?.n === 1)).method).toBe('news.item');
      expect((await listener.next((m) => m.params?.n === 2)).method).toBe('news.item');
      expect((await listener.next((m) => m.params?.n === 3)).method).toBe('all');
    }
    expect((await other.next((m) => m.method === 'all')).params).toEqual({ n: 3 });
    for (const client of [...listeners, other]) {
      expect((await settled(client)).filter((m: any) => m.method !== 'all')).toEqual([]);
    }
    expect(publisher.pending).toEqual([]);
  });

  it('a login of the same user and platform on B kicks the session on A', async () => {
    const first = track(await login(a, 'cara', 'web'));
    const second = track(await login(b, 'cara', 'web'));
    expect(await first.next((m) => m.method === 'session.kicked')).toMatchObject({
      params: { reason: expect.any(String) },
    });
    expect((await first.closed).code).toBe(4004);
    expect((await second.call('heartbeat')).result).toMatchObject({ status: 'ok' });
    await eventually(async () =>
      expect((await admin(c, '/online/cara')).connections).toEqual([
        expect.objectContaining({ nodeId: b.nodeId, platform: 'web' }),
      ]),
    );
  });

  it('the per-user connection limit counts every node', async () => {
    track(await login(a, 'dina', 'p1'));
    track(await login(b, 'dina', 'p2'));
    track(await login(c, 'dina', 'p3'));
    const fourth = track(await TestClient.connect(a.url()));
    const refused = await fourth.call('login', { token: 'dina', platform: 'p4' });
    expect(refused.error).toMatchObject({ code: -32029, data: { limit: 3 } });
    expect((await fourth.closed).code).toBe(4005);
  });

  it('online and stats are the same from every node', async () => {
    await eventually(async () => {
      const answers = await Promise.all([a, b, c].map((node) => admin(node, '/online?limit=1000')));
      expect(answers[0].users).toEqual(expect.arrayContaining(['ada', 'cara', 'dina', 'lis-a']));
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      const stats = await Promise.all([a, b, c].map((node) => admin(node, '/stats')));
      expect(stats[0].cluster.nodes).toBe(3);
      expect(stats[0].cluster.users).toBe(answers[0].count);
      expect(stats[0].cluster.connections).toBe(
        stats.reduce((sum: number, s: { connections: number }) => sum + s.connections, 0),
      );
      expect(stats[1].cluster).toEqual(stats[0].cluster);
      expect(stats[2].cluster).toEqual(stats[0].cluster);
    }, 5000);
  });

  it('a node shut down gracefully leaves presence at once', async () => {
    const d = await startNode(nodeEnv(SHARED_REDIS, prefixOf(a)));
    const fay = await login(d, 'fay');
    expect(await admin(a, '/online/fay')).toMatchObject({ online: true });
    const stopped = d.kill('SIGTERM');
    expect((await fay.closed).code).toBe(1001);
    await stopped;
    // At once: well before a silent node would be declared dead.
    expect(await admin(a, '/online/fay')).toEqual({ online: false, connections: [] });
    expect((await admin(a, '/stats')).cluster.nodes).toBe(3);
  }, 60_000);

  it('a node killed with SIGKILL leaves presence within nodeTimeoutMs + heartbeatMs', async () => {
    track(await login(c, 'ezra'));
    expect(await admin(a, '/online/ezra')).toMatchObject({ online: true });
    await c.kill('SIGKILL');
    const killedAt = Date.now();
    await eventually(
      async () => {
        expect(await admin(a, '/online/ezra')).toEqual({ online: false, connections: [] });
        const stats = await admin(b, '/stats');
        expect(stats.cluster.nodes).toBe(2);
        expect((await admin(b, '/online?limit=1000')).users).not.toContain('ezra');
      },
      NODE_TIMEOUT_MS + HEARTBEAT_MS + 2000,
    );
    // Bounded, whatever the machine: the documented bound plus the polling's own slack.
    expect(Date.now() - killedAt).toBeLessThan(NODE_TIMEOUT_MS + 3 * HEARTBEAT_MS + 2000);
  }, 20_000);
});

describe('Cluster: Redis goes away and comes back', () => {
  it('crashes no node, keeps local pushes, and then works across nodes again', async () => {
    const redis = await RedisProcess.start();
    const env = nodeEnv(redis.url, uniquePrefix('outage'));
    const [a, b] = await Promise.all([startNode(env), startNode(env)]);
    const ada = await login(a, 'ada');
    const bob = await login(b, 'bob');
    const pusherOnA = await TestClient.connect(a.url());
    expect((await pusherOnA.call('node.push', { to: 'bob', method: 'x' })).result).toEqual({
      delivered: 1,
    });
    await bob.next((m) => m.method === 'x');

    await redis.kill();
    // Local delivery goes on; the other node is out of reach, and says so rather than lying.
    const local = await pusherOnA.call('node.push', { to: 'ada', method: 'local' });
    expect(local.result).toEqual({ delivered: 1 });
    await ada.next((m) => m.method === 'local');
    const remote = await pusherOnA.call('node.push', { to: 'bob', method: 'lost' });
    expect(remote.result).toEqual({ delivered: 0 });
    const asked = await pusherOnA.call('node.online', { userId: 'bob' });
    expect(asked.error).toMatchObject({
      code: -32053,
      message: expect.stringMatching(/unreachable/),
    });
    expect(a.alive() && b.alive()).toBe(true);

    await redis.restart();
    // A new login while Redis was away (or lost presence) shows up again once it is back.
    await eventually(async () => {
      const again = await pusherOnA.call('node.push', { to: 'bob', method: 'back' });
      expect(again.result).toEqual({ delivered: 1 });
    }, 10_000);
    await bob.next((m) => m.method === 'back');
    expect((await pusherOnA.call('node.online', { userId: 'bob' })).result).toEqual({
      online: true,
      connections: 1,
    });
    expect(await settled(bob)).toEqual([]);
    expect(a.alive() && b.alive()).toBe(true);
    for (const client of [ada, bob, pusherOnA]) await client.close();
    await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
    await redis.kill();
  }, 60_000);
});
