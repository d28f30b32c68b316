import type { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { eventually } from './fixtures/hub.fixture';
import { ClusterNode, killAllNodes, startNode } from './cluster/cluster-nodes';
import { RedisProcess } from './cluster/redis-process';
import { cut, received } from './utils/publications';
import { TestClient } from './utils/test-client';
import type { StreamPosition } from '../libs/jsonrpc-ws/src/history/topic-history.interface';
import { PublicationSequencer } from '../libs/jsonrpc-ws/src/cluster/publication-sequencer';
import { RedisChannels } from '../libs/jsonrpc-ws/src/cluster/redis-channels';
import { RedisKeys } from '../libs/jsonrpc-ws/src/cluster/redis-keys';
import { RedisTopicHistory } from '../libs/jsonrpc-ws/src/cluster/redis-topic-history';

/**
 * Topic history in the cluster: real nodes (each its own process) on a real
 * Redis share one stream per topic, so a client recovers on any node exactly
 * what it missed, whichever node published it; and each node's sequencer
 * re-reads from the stream what pub/sub lost.
 */

const SHARED_REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const HISTORY_SIZE = 50;

afterAll(() => killAllNodes());

const uniquePrefix = (name: string) => `h${process.pid}-${name}-${Date.now()}`;

function nodeEnv(redisUrl: string, prefix: string): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    CLUSTER_PREFIX: prefix,
    ADMIN_TOKEN: 'cluster-admin-token-0123456789abcdef',
    HEARTBEAT_MS: '500',
    NODE_TIMEOUT_MS: '2000',
    HISTORY_SIZE: String(HISTORY_SIZE),
  };
}

/** Nothing more is on its way: a heartbeat's reply comes after anything sent before it. */
async function settled(client: TestClient): Promise<unknown[]> {
  await client.call('heartbeat');
  return client.pending;
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Cluster history: two nodes on one Redis', () => {
  let a: ClusterNode;
  let b: ClusterNode;
  let publisher: TestClient;
  const clients: TestClient[] = [];
  const track = (client: TestClient) => (clients.push(client), client);
  const connect = async (node: ClusterNode) => track(await TestClient.connect(node.url()));

  /** Publications n = from .. to, through node B. */
  async function publishOnB(topic: string, from: number, to: number): Promise<void> {
    const reply = await publisher.call('node.flood', { topic, from, count: to - from + 1 });
    if (reply.error) throw new Error(JSON.stringify(reply.error));
  }

  beforeAll(async () => {
    const env = nodeEnv(SHARED_REDIS, uniquePrefix('two'));
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
    publisher = await TestClient.connect(b.url());
  }, 90_000);
  afterAll(async () => {
    await Promise.all([...clients, publisher].map((client) => client?.close()));
    await Promise.all([a, b].map((node) => node?.kill('SIGTERM')));
  });

  for (const back of ['A', 'B'] as const) {
    it(`a client cut off on A while B publishes N gets exactly those N on reconnecting to ${back}`, async () => {
      const topic = `room:cut-${back}`;
      const first = await connect(a);
      const { result } = await first.call('subscribe', { topic });
      expect(result).toEqual({ subscribed: [topic], epoch: expect.any(String), offset: 0 });
      const { epoch } = result;
      // A subscriber on the publisher's node: it hears its node's publications back from Redis.
      const onB = await connect(b);
      await onB.call('subscribe', { topic });
      await publishOnB(topic, 1, 2);
      expect(await received(first, 2)).toEqual([
        [1, 1],
        [2, 2],
      ]);
      await cut(first);

      await publishOnB(topic, 3, 9);
      const again = await connect(back === 'A' ? a : b);
      const recovery = await again.call('subscribe', { topic, since: { offset: 2, epoch } });
      expect(recovery.result).toEqual({
        subscribed: [topic],
        recovered: true,
        epoch,
        offset: 9,
        publications: range(3, 9).map((n) => ({
          offset: n,
          method: 'chat.message',
          params: { n },
        })),
      });
      await publishOnB(topic, 10, 10);
      expect(await received(again, 1)).toEqual([[10, 10]]);
      expect(await settled(again)).toEqual([]);
      // The publisher's own node delivered each once, in order.
      expect(await received(onB, 10)).toEqual(range(1, 10).map((n) => [n, n]));
      expect(await settled(onB)).toEqual([]);
      // One stream: both nodes tell the same epoch, offsets and publications.
      const [onA, onBHistory] = await Promise.all(
        [a, b].map(
          async (node) => (await (await connect(node)).call('node.history', { topic })).result,
        ),
      );
      expect(onA).toMatchObject({ epoch, offset: 10 });
      expect(onA.publications.map((p: { offset: number }) => p.offset)).toEqual(range(1, 10));
      expect(onBHistory).toEqual(onA);
    });
  }

  it('answers recovered: false, with no publication, to a client away longer than the history reaches', async () => {
    const topic = 'room:away';
    const client = await connect(a);
    const { epoch } = (await client.call('subscribe', { topic })).result;
    await publishOnB(topic, 1, 1);
    await received(client, 1);
    await cut(client);
    await publishOnB(topic, 2, HISTORY_SIZE + 10);
    const again = await connect(a);
    const reply = await again.call('subscribe', { topic, since: { offset: 1, epoch } });
    expect(reply.result).toEqual({
      subscribed: [topic],
      recovered: false,
      epoch,
      offset: HISTORY_SIZE + 10,
      publications: [],
    });
  });

  it('detects a reset on either node: a new epoch, recovered: false, and live publications under it', async () => {
    const topic = 'room:reset';
    const watcher = await connect(a);
    const { epoch } = (await watcher.call('subscribe', { topic })).result;
    await publishOnB(topic, 1, 3);
    await received(watcher, 3);
    expect((await publisher.call('node.resetHistory', { topic })).result).toEqual({ reset: true });
    await publishOnB(topic, 4, 4);
    const live = await watcher.next((m) => m.method === 'publication');
    expect(live.params).toMatchObject({ offset: 1, params: { n: 4 } });
    expect(live.params.epoch).not.toBe(epoch);
    const other = await connect(a);
    const reply = await other.call('subscribe', { topic, since: { offset: 3, epoch } });
    expect(reply.result).toEqual({
      subscribed: [topic],
      recovered: false,
      epoch: live.params.epoch,
      offset: 1,
      publications: [],
    });
  });

  it('loses and repeats nothing when the other node floods the topic during a recovery', async () => {
    const topic = 'flood:a';
    const watcher = await connect(a);
    const { epoch } = (await watcher.call('subscribe', { topic })).result;
    await publishOnB(topic, 1, 5);
    await received(watcher, 5);
    await cut(watcher);
    await publishOnB(topic, 6, 8);

    // Another subscriber on A tells when the flood is under way.
    const scout = await connect(a);
    await scout.call('subscribe', { topics: [topic] });
    const flood = publisher.call('node.flood', { topic, from: 9, count: 200 });
    await scout.next((m) => m.method === 'chat.message' && m.params.n === 9);
    const client = await connect(a);
    const recovery = await client.call('subscribe', { topic, since: { offset: 5, epoch } });
    expect((await flood).result).toEqual({ published: 200 });
    const last = 208;
    expect(recovery.result.recovered).toBe(true);
    const seen: number[] = recovery.result.publications.map((p: { offset: number }) => p.offset);
    const live = await received(client, last - recovery.result.offset);
    seen.push(...live.map(([offset]) => offset));
    expect(seen).toEqual(range(6, last));
    expect(await settled(client)).toEqual([]);
  });
});

describe('Cluster history: Redis goes away', () => {
  it('refuses pushes and recoveries on topics with history with -32053, logged once, and keeps the rest working', async () => {
    const redis = await RedisProcess.start();
    const env = nodeEnv(redis.url, uniquePrefix('outage'));
    const [a, b] = await Promise.all([startNode(env), startNode(env)]);
    const pusher = await TestClient.connect(a.url());
    const listener = await TestClient.connect(a.url());
    await listener.call('subscribe', { topics: ['plain'] });
    expect((await pusher.call('node.push', { topic: 'room:o', method: 'm' })).result).toEqual({
      delivered: 0,
    });

    await redis.kill();
    for (let i = 0; i < 3; i++) {
      const push = await pusher.call('node.push', { topic: 'room:o', method: 'm' });
      expect(push.error).toMatchObject({ code: -32053, message: expect.stringMatching(/history/) });
    }
    const client = await TestClient.connect(a.url());
    const refused = await client.call('subscribe', { topics: ['room:o', 'plain'], recover: true });
    expect(refused.error).toMatchObject({ code: -32053 });
    // Nothing was subscribed by the refused call; the listener subscribed before still gets the topic.
    const plain = await pusher.call('node.push', { topic: 'plain', method: 'local' });
    expect(plain.result).toEqual({ delivered: 1 });
    expect((await listener.next((m) => m.method === 'local')).params).toBeUndefined();
    const logged = a.output.join('').match(/Topic history unavailable/g) ?? [];
    expect(logged).toHaveLength(1);
    expect(a.alive() && b.alive()).toBe(true);

    await redis.restart();
    await eventually(async () => {
      const again = await client.call('subscribe', { topic: 'room:o', recover: true });
      expect(again.result).toMatchObject({ subscribed: ['room:o'], offset: expect.any(Number) });
    }, 10_000);
    // B too is back on Redis once its push with history is accepted; it then reaches A.
    const onB = await TestClient.connect(b.url());
    await eventually(async () => {
      const push = await onB.call('node.push', { topic: 'room:o', method: 'back' });
      expect(push.error).toBeUndefined();
    }, 10_000);
    expect(await client.next((m) => m.method === 'publication')).toMatchObject({
      params: { topic: 'room:o', method: 'back' },
    });
    for (const c of [pusher, listener, client, onB]) await c.close();
    await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
    await redis.kill();
  }, 60_000);
});

describe('Cluster history: pub/sub connections cut', () => {
  it('delivers every publication once, in order, when the nodes lose pub/sub mid-flood', async () => {
    const redis = await RedisProcess.start();
    const env = nodeEnv(redis.url, uniquePrefix('cut'));
    const [a, b] = await Promise.all([startNode(env), startNode(env)]);
    const topic = 'flood:cut';
    const client = await TestClient.connect(a.url());
    await client.call('subscribe', { topic });
    const publisher = await TestClient.connect(b.url());
    const flood = publisher.call('node.flood', { topic, from: 1, count: 300 });
    const before = await received(client, 20);
    // Redis drops every subscriber connection: what is published until ioredis is back is lost on pub/sub.
    const admin = new Redis(redis.url);
    expect(await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub')).toBeGreaterThan(0);
    expect((await flood).result).toEqual({ published: 300 });
    // The last ones may be lost too: the client asks nothing, its node finds them at once.
    const offsets = [...before, ...(await received(client, 280))].map(([offset]) => offset);
    expect(offsets).toEqual(range(1, 300));
    expect(await settled(client)).toEqual([]);
    await Promise.all([client.close(), publisher.close(), admin.quit()]);
    await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
    await redis.kill();
  }, 60_000);
});

describe('PublicationSequencer on a real RedisTopicHistory', () => {
  // Its repairs are logged at debug level: not shown here.
  const logger = { debug: () => undefined, warn: () => undefined } as unknown as Logger;
  let command: Redis;
  let subscriber: Redis;
  let history: RedisTopicHistory;
  let channels: RedisChannels;
  let sequencer: PublicationSequencer;
  /** Offsets pub/sub "loses": their messages never reach the sequencer. */
  const lost = new Set<number>();
  let delivered: Array<[string, number, number]> = [];
  const policy = { size: 100, ttlMs: 60_000 };

  beforeAll(async () => {
    const keys = new RedisKeys(uniquePrefix('seq'));
    command = new Redis(SHARED_REDIS, { enableOfflineQueue: false, lazyConnect: true });
    subscriber = new Redis(SHARED_REDIS, { lazyConnect: true });
    await Promise.all([command.connect(), subscriber.connect()]);
    history = new RedisTopicHistory(command, keys, 'node-1', 600_000, logger);
    channels = new RedisChannels({
      subscriber,
      command,
      nodeId: 'node-1',
      cluster: { keyPrefix: keys.prefix, commandTimeoutMs: 2000 },
      logger,
      receive: (message) => {
        if (message.kind === 'pub' && !lost.has(message.position.offset))
          sequencer.receive(message.topic, message.position, message.frame);
      },
      resubscribed: () => undefined,
    });
    const delivery = {
      deliverPublication: (topic: string, position: StreamPosition, frame: string | Buffer) => {
        delivered.push([position.epoch, position.offset, JSON.parse(String(frame)).params.n]);
        return 1;
      },
    };
    sequencer = new PublicationSequencer(history, delivery, channels, 20, logger);
    history.follow(sequencer);
    await channels.start([]);
  });
  afterAll(async () => {
    await channels.stop();
    await command.quit();
  });
  beforeEach(() => {
    lost.clear();
    delivered = [];
  });

  const publish = (topic: string, n: number) =>
    history.append(topic, JSON.stringify({ jsonrpc: '2.0', method: 'm', params: { n } }), policy);

  async function listen(topic: string): Promise<void> {
    channels.openTopic(topic);
    await history.listening(topic);
    await history.read(topic, Infinity, 0);
  }

  it('re-reads a publication lost on pub/sub before delivering the next, and drops repeats', async () => {
    await listen('t:gap');
    lost.add(3);
    let epoch = '';
    for (let n = 1; n <= 5; n++) epoch = (await publish('t:gap', n)).epoch;
    await history.read('t:gap', Infinity, 0);
    expect(delivered).toEqual(range(1, 5).map((n) => [epoch, n, n]));
    // A publication delivered already (pub/sub does not repeat, but a repair races with it).
    sequencer.receive('t:gap', { epoch, offset: 4 }, Buffer.from('{"params":{"n":0}}'));
    expect(delivered).toHaveLength(5);
  });

  it('finds a lost last publication at the position check', async () => {
    await listen('t:last');
    lost.add(2);
    const { epoch } = await publish('t:last', 1);
    await publish('t:last', 2);
    await history.read('t:last', Infinity, 0);
    expect(delivered).toEqual([[epoch, 1, 1]]);
    await sequencer.checkAll();
    await history.read('t:last', Infinity, 0);
    expect(delivered).toEqual([
      [epoch, 1, 1],
      [epoch, 2, 2],
    ]);
  });

  it('starts from the stream position when it begins listening, and follows a new epoch', async () => {
    await publish('t:epoch', 1);
    await listen('t:epoch');
    await publish('t:epoch', 2);
    await history.reset('t:epoch');
    // The new epoch's first publication is lost: the second reveals it.
    lost.add(1);
    await publish('t:epoch', 3);
    await history.read('t:epoch', Infinity, 0);
    lost.clear();
    const { epoch } = await publish('t:epoch', 4);
    await history.read('t:epoch', Infinity, 0);
    expect(delivered.map(([, offset, n]) => [offset, n])).toEqual([
      [2, 2],
      [1, 3],
      [2, 4],
    ]);
    expect(delivered.slice(1).every(([e]) => e === epoch)).toBe(true);
  });

  it('runs the position check by itself every positionCheckMs', async () => {
    await listen('t:timer');
    lost.add(1);
    const { epoch } = await publish('t:timer', 1);
    sequencer.start(20);
    try {
      await eventually(() => expect(delivered).toEqual([[epoch, 1, 1]]));
    } finally {
      sequencer.stop();
    }
  });

  it('leaves a gap larger than it may repair to the subscribers, who recover', async () => {
    await listen('t:big');
    for (let n = 1; n <= 25; n++) {
      if (n > 1 && n < 24) lost.add(n);
      await publish('t:big', n);
    }
    await history.read('t:big', Infinity, 0);
    expect(delivered.map(([, offset]) => offset)).toEqual([1, 24, 25]);
  });
});
