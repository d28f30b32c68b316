import { HubService, SlowConsumerPolicy } from 'nestjs-jsonrpc-ws';
import { EventLog, eventually, loginClient, startHubApp } from './fixtures/hub.fixture';
import { RunningApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/**
 * Slow consumers: a client that stops reading must not make the server buffer
 * without bound, nor hold up the other clients.
 *
 * The clients run in the test's own process, so pushes are paced by the normal
 * client: each push waits until that client has the previous message. That keeps
 * its server-side buffer under one frame (it can never look slow itself), checks
 * the order of what it gets, and lets the event loop run, while the paused client's
 * kernel buffers and then its server-side buffer fill up.
 */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** Smaller than the budget, so one frame in flight to the normal client never trips the gate. */
const BLOB = 'x'.repeat(64 * 1024);
/** Bytes one push puts on the wire, at most (JSON, plus a WebSocket header of up to 10 bytes). */
const FRAME_BYTES =
  Buffer.byteLength(
    JSON.stringify({ jsonrpc: '2.0', method: 'feed.item', params: { seq: 1e6, blob: BLOB } }),
  ) + 10;
/** Pushes after the gate first refuses a message, to show the others keep flowing. */
const PUSHES_AFTER_OVERFLOW = 20;
/** Safety net: loopback kernel buffers take a few MB; this is far more (64 MB). */
const MAX_PUSHES = 1000;

interface Overflow {
  running: RunningApp;
  hub: HubService;
  log: EventLog;
  normal: TestClient;
  slow: TestClient;
  slowId: string;
  /** Number of pushes made (seq 0 … pushed - 1). */
  pushed: number;
  /** Seqs the slow client's session took (pushToTopic reached both clients). */
  admitted: number[];
  /** Largest `bufferedAmount` seen on the slow session's socket while it was registered. */
  maxBuffered: number;
}

const isFeed = (m: any): boolean => m?.method === 'feed.item';

/**
 * Logs in a normal and a slow client, subscribes both to "feed", pauses the slow
 * one's reading, and pushes until the gate refuses a message to it, then some more.
 */
async function overflowSlowClient(policy: SlowConsumerPolicy): Promise<Overflow> {
  const running = await startHubApp({
    maxBufferedBytes: MAX_BUFFERED_BYTES,
    slowConsumerPolicy: policy,
  });
  const hub = running.app.get(HubService);
  const log = running.app.get(EventLog);
  const normal = await loginClient(running, '1');
  const slow = await loginClient(running, '2');
  for (const client of [normal, slow]) {
    expect((await client.call('subscribe', { topics: ['feed'] })).result).toEqual({
      subscribed: ['feed'],
    });
  }
  const slowId: string = (await slow.call('whoami')).result.id;
  expect(hub.stats()).toMatchObject({ connections: 2, subscriptions: 2, droppedMessages: 0 });

  slow.socket.pause();
  const admitted: number[] = [];
  let maxBuffered = 0;
  let overflowAt: number | undefined;
  let seq = 0;
  for (; overflowAt === undefined || seq < overflowAt + PUSHES_AFTER_OVERFLOW; seq++) {
    if (seq >= MAX_PUSHES) {
      throw new Error(`The slow client was never refused a message in ${MAX_PUSHES} pushes`);
    }
    const reached = await hub.pushToTopic('feed', 'feed.item', { seq, blob: BLOB });
    if (reached === 2) admitted.push(seq);
    else overflowAt ??= seq;
    const buffered = hub.getSession(slowId)?.socket.bufferedAmount ?? 0;
    maxBuffered = Math.max(maxBuffered, buffered);
    // The normal client gets every message, in order, whatever happens to the slow one.
    const message = await normal.next(isFeed);
    expect(message.params.seq).toBe(seq);
  }
  return { running, hub, log, normal, slow, slowId, pushed: seq, admitted, maxBuffered };
}

/** The feed seqs a client holds in its inbox, in arrival order (taking them out). */
async function takeFeedSeqs(client: TestClient): Promise<number[]> {
  const seqs: number[] = [];
  while (client.pending.some(isFeed)) seqs.push((await client.next(isFeed)).params.seq);
  return seqs;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

/** Rejects with a clear message instead of leaving the test to Jest's timeout. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('Backpressure: slow consumers', () => {
  describe("slowConsumerPolicy 'disconnect' (default)", () => {
    it('disconnects the client that stops reading; the others get every message', async () => {
      const { hub, log, normal, slow, slowId, pushed, admitted, maxBuffered } =
        await overflowSlowClient('disconnect');

      // The refusal is counted and the disconnect decided on the spot.
      expect(admitted.length).toBeGreaterThan(0);
      expect(admitted).toEqual(range(admitted.length));
      expect(hub.stats().slowConsumerDisconnects).toBe(1);
      expect(hub.stats().droppedMessages).toBeGreaterThan(0);
      // What the server held for the slow client stayed within the budget plus the frame it admitted last.
      expect(maxBuffered).toBeLessThanOrEqual(MAX_BUFFERED_BYTES + FRAME_BYTES + 1024);

      // It does not read the close frame either: the TCP connection is cut after a grace period.
      await eventually(() => {
        expect(hub.getSession(slowId)).toBeUndefined();
        expect(hub.stats()).toMatchObject({
          connections: 1,
          authenticated: 1,
          users: 1,
          byPlatform: { default: 1 },
          topics: 1,
          subscriptions: 1,
          slowConsumerDisconnects: 1,
        });
      }, 5000);
      expect(await hub.isOnline('2')).toBe(false);
      expect(await hub.isOnline('1')).toBe(true);
      const disconnects = log.events.filter((e) => e.type === 'disconnected');
      expect(disconnects).toEqual([
        {
          type: 'disconnected',
          sessionId: slowId,
          detail: expect.objectContaining({ reason: 'slow-consumer' }),
        },
      ]);

      // Reading again, the slow client gets what reached its kernel buffers, in order, then the close.
      slow.socket.resume();
      const closed = await within(slow.closed, 5000, 'slow client close');
      expect([1006, 4006]).toContain(closed.code);
      const received = await takeFeedSeqs(slow);
      expect(received.length).toBeLessThanOrEqual(admitted.length);
      expect(received.length).toBeLessThan(pushed);
      expect(received).toEqual(range(received.length));

      // The normal client is unaffected.
      expect((await normal.call('heartbeat')).result).toEqual({
        status: 'ok',
        serverTime: expect.any(Number),
      });
      expect(await hub.pushToTopic('feed', 'feed.item', { seq: pushed })).toBe(1);
      expect((await normal.next(isFeed)).params.seq).toBe(pushed);
      expect(hub.stats().slowConsumerDisconnects).toBe(1);
      await normal.close();
    });
  });

  describe("slowConsumerPolicy 'drop'", () => {
    it('keeps the slow client connected, drops what does not fit, and it catches up after resuming', async () => {
      const { hub, log, normal, slow, slowId, pushed, admitted, maxBuffered } =
        await overflowSlowClient('drop');

      expect(admitted.length).toBeGreaterThan(0);
      expect(admitted.length).toBeLessThan(pushed);
      expect(admitted).toEqual(range(admitted.length));
      const { droppedMessages } = hub.stats();
      expect(droppedMessages).toBe(pushed - admitted.length);
      expect(hub.stats()).toMatchObject({
        connections: 2,
        authenticated: 2,
        users: 2,
        subscriptions: 2,
        slowConsumerDisconnects: 0,
      });
      // Memory stays bounded: the budget plus the frame admitted last.
      expect(maxBuffered).toBeLessThanOrEqual(MAX_BUFFERED_BYTES + FRAME_BYTES);
      expect(hub.getSession(slowId)?.isOpen).toBe(true);
      expect(await hub.isOnline('2')).toBe(true);
      expect(log.events.filter((e) => e.type === 'disconnected')).toEqual([]);

      // Reading again, it gets exactly the admitted messages, in order, and nothing after them.
      slow.socket.resume();
      const lastAdmitted = admitted[admitted.length - 1]!;
      const received: number[] = [];
      for (;;) {
        const message = await slow.next(isFeed, 10000);
        received.push(message.params.seq);
        if (message.params.seq === lastAdmitted) break;
      }
      expect(received).toEqual(admitted);

      // Caught up, it is a normal client again: its calls are answered and pushes reach it.
      const reply = await slow.call('heartbeat');
      expect(reply.result).toEqual({ status: 'ok', serverTime: expect.any(Number) });
      expect(slow.pending.filter(isFeed)).toEqual([]);
      expect(await hub.pushToTopic('feed', 'feed.item', { seq: pushed })).toBe(2);
      expect((await slow.next(isFeed)).params.seq).toBe(pushed);
      expect((await normal.next(isFeed)).params.seq).toBe(pushed);
      expect(hub.stats()).toMatchObject({ droppedMessages, slowConsumerDisconnects: 0 });
      expect(log.events.filter((e) => e.type === 'disconnected')).toEqual([]);
      await Promise.all([slow.close(), normal.close()]);
    });

    // Pushes may be dropped, replies may not (JSON-RPC 2.0: every request is answered).
    // A request that arrives while the client's buffer is still over maxBufferedBytes is
    // answered once the backlog drains, and nothing is counted as dropped.
    it('answers a call made while the backlog is still draining', async () => {
      const { hub, normal, slow, admitted } = await overflowSlowClient('drop');
      const droppedBefore = hub.stats().droppedMessages;

      slow.socket.resume();
      const reply = slow.call('heartbeat', undefined, 'drain-heartbeat').catch(() => undefined);
      // The whole backlog arrives first (replies and pushes share one ordered stream)…
      const lastAdmitted = admitted[admitted.length - 1]!;
      while ((await slow.next(isFeed, 10000)).params.seq !== lastAdmitted);
      // …then the reply. Nothing may be dropped on the way: no push was made meanwhile.
      expect({ reply: await reply, dropped: hub.stats().droppedMessages - droppedBefore }).toEqual({
        reply: {
          jsonrpc: '2.0',
          id: 'drain-heartbeat',
          result: { status: 'ok', serverTime: expect.any(Number) },
        },
        dropped: 0,
      });
      await Promise.all([slow.close(), normal.close()]);
    });
  });
});
