import { HubService, JsonRpcWsModule, TOPIC_HISTORY, TopicHistory } from 'nestjs-jsonrpc-ws';
import { JsonRpcClient, PublicationPosition, RecoveredEvent } from 'nestjs-jsonrpc-ws/client';
import { WebSocket } from 'ws';
import { RunningApp, startApp } from './utils/test-app';

/**
 * The client on topics with history, against a real app: across cut connections,
 * lost histories, floods and gaps, the app's listener gets every publication
 * once and in order, or a `recovered: false` event and no partial set.
 */

const POLICY = { size: 50, ttlMs: 60_000 };

let running: RunningApp;
let hub: HubService;
const clients: JsonRpcClient[] = [];

beforeEach(async () => {
  running = await startApp({
    imports: [
      JsonRpcWsModule.forRoot({
        subscribeRequiresLogin: false,
        history: { topics: { 'room:*': POLICY } },
      }),
    ],
  });
  hub = running.app.get(HubService);
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await running.app.close();
});

/** What one app sees: its listener's publications and the client's `recovered` events. */
interface Watcher {
  client: JsonRpcClient;
  /** `n` of each chat.message, in the order the listener got them. */
  received: number[];
  positions: Array<PublicationPosition | undefined>;
  events: RecoveredEvent[];
  /** Cuts the connection as a lost network does: no close frame. */
  cut(): Promise<void>;
}

async function watch(topics: string[]): Promise<Watcher> {
  const opened: WebSocket[] = [];
  // The client's own `ws` sockets, so that a test can get at the one in use.
  class Tracked extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      opened.push(this);
    }
  }
  const client = new JsonRpcClient({
    url: running.url(),
    WebSocket: Tracked,
    minReconnectDelayMs: 50,
    maxReconnectDelayMs: 200,
  });
  clients.push(client);
  const watcher: Watcher = {
    client,
    received: [],
    positions: [],
    events: [],
    cut: async () => {
      const socket = opened.at(-1)!;
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.terminate();
      await closed;
    },
  };
  client.on<{ n: number }>('chat.message', ({ n }, position) => {
    watcher.received.push(n);
    watcher.positions.push(position);
  });
  client.on('recovered', (event) => watcher.events.push(event));
  await client.subscribe(topics);
  return watcher;
}

async function publish(topic: string, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n++) await hub.pushToTopic(topic, 'chat.message', { n });
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Publishes `n` and waits until the listener has it: anything repeated would have come before. */
async function settled(watcher: Watcher, topic: string, n: number): Promise<number[]> {
  await publish(topic, n, n);
  await vi.waitFor(() => expect(watcher.received.at(-1)).toBe(n), { timeout: 10_000 });
  return watcher.received;
}

const recovered = async (watcher: Watcher, count: number) =>
  vi.waitFor(() => expect(watcher.events).toHaveLength(count), { timeout: 10_000 });

it('gives the listener every publication made while the socket was cut, once and in order', async () => {
  const ada = await watch(['room:a']);
  await publish('room:a', 1, 3);
  await vi.waitFor(() => expect(ada.received).toEqual([1, 2, 3]));
  const { epoch } = ada.positions[0]!;

  await ada.cut();
  await publish('room:a', 4, 10);
  await recovered(ada, 1);
  expect(ada.events).toEqual([
    { topic: 'room:a', recovered: true, publications: 7, cause: 'reconnect' },
  ]);
  expect(await settled(ada, 'room:a', 11)).toEqual(range(1, 11));
  expect(ada.positions).toEqual(range(1, 11).map((offset) => ({ topic: 'room:a', offset, epoch })));
});

it('reports recovered: false, with no partial set, after an absence longer than the history', async () => {
  const ada = await watch(['room:b']);
  await publish('room:b', 1, 3);
  await vi.waitFor(() => expect(ada.received).toEqual([1, 2, 3]));

  await ada.cut();
  await publish('room:b', 4, 4 + POLICY.size);
  await recovered(ada, 1);
  expect(ada.events).toEqual([
    { topic: 'room:b', recovered: false, publications: 0, cause: 'reconnect' },
  ]);
  // From the stream's position now: the next publication is delivered, none of the missed ones.
  expect(await settled(ada, 'room:b', 100)).toEqual([1, 2, 3, 100]);
  expect(ada.positions.at(-1)).toMatchObject({ offset: 5 + POLICY.size });
});

it('detects a reset history (a new epoch), across a reconnect and on a live connection', async () => {
  const ada = await watch(['room:c']);
  await publish('room:c', 1, 2);
  await vi.waitFor(() => expect(ada.received).toEqual([1, 2]));

  await ada.cut();
  await hub.resetHistory('room:c');
  await publish('room:c', 3, 4);
  await recovered(ada, 1);
  expect(ada.events[0]).toEqual({
    topic: 'room:c',
    recovered: false,
    publications: 0,
    cause: 'reconnect',
  });
  expect(await settled(ada, 'room:c', 5)).toEqual([1, 2, 5]);
  const [before, after] = [ada.positions[0]!, ada.positions[2]!];
  expect(after).toMatchObject({ offset: 3 });
  expect(after.epoch).not.toBe(before.epoch);

  // Live: the first publication of a new epoch cannot be told to follow on: recover, reload.
  await hub.resetHistory('room:c');
  await publish('room:c', 6, 6);
  await recovered(ada, 2);
  expect(ada.events[1]).toEqual({
    topic: 'room:c',
    recovered: false,
    publications: 0,
    cause: 'gap',
  });
  expect(await settled(ada, 'room:c', 7)).toEqual([1, 2, 5, 7]);
});

it('loses and repeats nothing when publications flood in while the client reconnects', async () => {
  const ada = await watch(['room:d']);
  await publish('room:d', 1, 5);
  await vi.waitFor(() => expect(ada.received).toEqual(range(1, 5)));

  await ada.cut();
  // A longer history than the topic's own: the flood must stay within reach of the recovery.
  const history = { size: 1000, ttlMs: 60_000 };
  let n = 6;
  let afterRecovery = 0;
  // Publications during the backoff, the re-subscribe and after it, with I/O between them.
  while (afterRecovery < 100 && n < 900) {
    await hub.pushToTopic('room:d', 'chat.message', { n: n++ }, { history });
    if (ada.events.length > 0) afterRecovery++;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  expect(ada.events).toEqual([
    { topic: 'room:d', recovered: true, publications: expect.any(Number), cause: 'reconnect' },
  ]);
  expect(await settled(ada, 'room:d', n)).toEqual(range(1, n));
});

it('fills a gap on a live connection at once, the missing publication before the newer one', async () => {
  const ada = await watch(['room:e']);
  await publish('room:e', 1, 2);
  await vi.waitFor(() => expect(ada.received).toEqual([1, 2]));

  // Kept in the history but never delivered: offset 3 is missing from the connection.
  const history = running.app.get<TopicHistory>(TOPIC_HISTORY);
  const frame = JSON.stringify({ jsonrpc: '2.0', method: 'chat.message', params: { n: 3 } });
  await history.append('room:e', frame, POLICY);
  await publish('room:e', 4, 4);
  await recovered(ada, 1);
  expect(ada.events).toEqual([{ topic: 'room:e', recovered: true, publications: 2, cause: 'gap' }]);
  expect(await settled(ada, 'room:e', 5)).toEqual([1, 2, 3, 4, 5]);
});

it('keeps topics without history as they were: plain notifications, subscribed again, no event', async () => {
  const ada = await watch(['news', 'room:f']);
  await hub.pushToTopic('news', 'chat.message', { n: 1 });
  await vi.waitFor(() => expect(ada.received).toEqual([1]));
  expect(ada.positions).toEqual([undefined]);

  await ada.cut();
  await recovered(ada, 1);
  expect(ada.events).toEqual([
    { topic: 'room:f', recovered: true, publications: 0, cause: 'reconnect' },
  ]);
  await vi.waitFor(() => expect(ada.client.state).toBe('connected'));
  await hub.pushToTopic('news', 'chat.message', { n: 2 });
  await vi.waitFor(() => expect(ada.received).toEqual([1, 2]));
  await expect(ada.client.call('subscribe', { topics: ['news'] })).resolves.toEqual({
    subscribed: ['news'],
  });
});
