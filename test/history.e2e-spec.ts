import { JsonRpcWsModule, HubService } from 'nestjs-jsonrpc-ws';
import { RunningApp, startApp } from './utils/test-app';
import { cut, received } from './utils/publications';
import { TestClient } from './utils/test-client';

/** History and recovery on one node: what a subscriber missed, exactly, or `recovered: false`. */

const HISTORY = {
  topics: { 'room:*': { size: 20, ttlMs: 60_000 }, 'tiny:*': { size: 3, ttlMs: 60_000 } },
  maxRecovered: 10,
};

let running: RunningApp;
let hub: HubService;

beforeEach(async () => {
  running = await startApp({
    imports: [JsonRpcWsModule.forRoot({ subscribeRequiresLogin: false, history: HISTORY })],
  });
  hub = running.app.get(HubService);
});

afterEach(() => running.app.close());

async function publish(topic: string, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n++) await hub.pushToTopic(topic, 'chat.message', { n });
}

describe('positions', () => {
  it('gives a positioned subscriber each publication with its offset and epoch, others the plain notification', async () => {
    const positioned = await TestClient.connect(running.url());
    const plain = await TestClient.connect(running.url());
    const answer = await positioned.call('subscribe', {
      topics: ['room:a', 'other'],
      recover: true,
    });
    expect(answer.result).toEqual({
      subscribed: ['room:a', 'other'],
      streams: { 'room:a': { epoch: expect.any(String), offset: 0 } },
    });
    await plain.call('subscribe', { topics: ['room:a'] });

    await publish('room:a', 1, 2);
    const { epoch } = answer.result.streams['room:a'];
    expect(await positioned.next((m) => m.method === 'publication')).toEqual({
      jsonrpc: '2.0',
      method: 'publication',
      params: { topic: 'room:a', offset: 1, epoch, method: 'chat.message', params: { n: 1 } },
    });
    expect(await received(positioned, 1)).toEqual([[2, 2]]);
    expect(await plain.next()).toEqual({
      jsonrpc: '2.0',
      method: 'chat.message',
      params: { n: 1 },
    });
    expect((await plain.next()).params).toEqual({ n: 2 });
    await Promise.all([positioned.close(), plain.close()]);
  });

  it('keeps no history for a push that says { history: false }, nor for topics no pattern names', async () => {
    const client = await TestClient.connect(running.url());
    await client.call('subscribe', { topics: ['room:b', 'plain'], recover: true });
    await hub.pushToTopic('room:b', 'chat.message', { n: 1 }, { history: false });
    await hub.pushToTopic('plain', 'chat.message', { n: 2 });
    expect(await client.next()).toEqual({
      jsonrpc: '2.0',
      method: 'chat.message',
      params: { n: 1 },
    });
    expect((await client.next()).params).toEqual({ n: 2 });
    expect((await client.call('subscribe', { topic: 'room:b' })).result).toMatchObject({
      offset: 0,
    });
    await client.close();
  });
});

describe('recovery', () => {
  it('gives a client cut off while N publications happen exactly those N, in order, once', async () => {
    const first = await TestClient.connect(running.url());
    const { result } = await first.call('subscribe', { topic: 'room:c' });
    await publish('room:c', 1, 2);
    expect(await received(first, 2)).toEqual([
      [1, 1],
      [2, 2],
    ]);
    await cut(first);

    await publish('room:c', 3, 9);
    const again = await TestClient.connect(running.url());
    const recovery = await again.call('subscribe', {
      topic: 'room:c',
      since: { offset: 2, epoch: result.epoch },
    });
    expect(recovery.result).toEqual({
      subscribed: ['room:c'],
      recovered: true,
      epoch: result.epoch,
      offset: 9,
      publications: [3, 4, 5, 6, 7, 8, 9].map((n) => ({
        offset: n,
        method: 'chat.message',
        params: { n },
      })),
    });
    await publish('room:c', 10, 10);
    expect(await received(again, 1)).toEqual([[10, 10]]);
    await again.close();
  });

  it('answers recovered: false, with no publication, when the history no longer reaches back', async () => {
    const client = await TestClient.connect(running.url());
    const { epoch } = (await client.call('subscribe', { topic: 'tiny:a' })).result;
    await publish('tiny:a', 1, 5);
    const late = await client.call('subscribe', { topic: 'tiny:a', since: { offset: 1, epoch } });
    expect(late.result).toEqual({
      subscribed: ['tiny:a'],
      recovered: false,
      epoch,
      offset: 5,
      publications: [],
    });
    // Within reach (3 kept): offsets 3, 4 and 5 are there.
    const near = await client.call('subscribe', { topic: 'tiny:a', since: { offset: 2, epoch } });
    expect(near.result.publications.map((p: { offset: number }) => p.offset)).toEqual([3, 4, 5]);
    await client.close();
  });

  it('answers recovered: false past maxRecovered, and for a position ahead of the stream', async () => {
    const client = await TestClient.connect(running.url());
    const { epoch } = (await client.call('subscribe', { topic: 'room:d' })).result;
    await publish('room:d', 1, 12);
    const tooMany = await client.call('subscribe', {
      topic: 'room:d',
      since: { offset: 1, epoch },
    });
    expect(tooMany.result).toMatchObject({ recovered: false, offset: 12, publications: [] });
    const ahead = await client.call('subscribe', { topic: 'room:d', since: { offset: 40, epoch } });
    expect(ahead.result).toMatchObject({ recovered: false, offset: 12, publications: [] });
    await client.close();
  });

  it('detects an epoch change: a reset history starts a new epoch and recovers nothing', async () => {
    const client = await TestClient.connect(running.url());
    const { epoch } = (await client.call('subscribe', { topic: 'room:e' })).result;
    await publish('room:e', 1, 3);
    await running.app.get(HubService).resetHistory('room:e');
    await publish('room:e', 4, 4);
    const reply = await client.call('subscribe', { topic: 'room:e', since: { offset: 3, epoch } });
    expect(reply.result).toMatchObject({ recovered: false, offset: 1, publications: [] });
    expect(reply.result.epoch).not.toBe(epoch);
    await client.close();
  });

  it('loses and repeats nothing when publications flood in during the recovery', async () => {
    const watcher = await TestClient.connect(running.url());
    const { epoch } = (await watcher.call('subscribe', { topic: 'room:f' })).result;
    await publish('room:f', 1, 5);
    await received(watcher, 5);
    await cut(watcher);
    await publish('room:f', 6, 8);

    const client = await TestClient.connect(running.url());
    let n = 9;
    let flooding = true;
    const flood = (async () => {
      while (flooding) {
        await hub.pushToTopic('room:f', 'chat.message', { n: n++ });
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const recovery = await client.call('subscribe', {
      topic: 'room:f',
      since: { offset: 5, epoch },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    flooding = false;
    await flood;
    const last = n - 1;
    const seen: number[] = recovery.result.publications.map((p: { offset: number }) => p.offset);
    expect(recovery.result.recovered).toBe(true);
    const live = await received(client, last - recovery.result.offset);
    seen.push(...live.map(([offset]) => offset));
    expect(seen).toEqual(Array.from({ length: last - 5 }, (_, i) => i + 6));
    await client.close();
  });

  it('refuses malformed positions with -32602', async () => {
    const client = await TestClient.connect(running.url());
    for (const since of [
      { offset: -1, epoch: 'x' },
      { offset: 1 },
      'x',
      { offset: 1.5, epoch: 'x' },
    ]) {
      const reply = await client.call('subscribe', { topic: 'room:g', since });
      expect(reply.error.code).toBe(-32602);
    }
    await client.close();
  });
});
