import { backoffDelay } from './backoff';
import type { WebSocketLike } from './client-options';
import { JsonRpcClient } from './jsonrpc-client';

/** A WebSocket the spec drives by hand: what the client sent, and events to feed it. */
class FakeSocket implements WebSocketLike {
  static opened: FakeSocket[] = [];
  readyState = 0;
  sent: Array<{ id?: number; method: string; params?: unknown }> = [];
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;

  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as FakeSocket['sent'][number]);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

const latest = () => FakeSocket.opened[FakeSocket.opened.length - 1]!;
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('backoffDelay', () => {
  it('draws within [min, min(max, min × 2^attempt)] with full jitter', () => {
    expect(backoffDelay(0, 500, 20_000, () => 0)).toBe(500);
    expect(backoffDelay(3, 500, 20_000, () => 0.999)).toBe(3996);
    expect(backoffDelay(10, 500, 20_000, () => 0.999)).toBe(19_980);
    expect(backoffDelay(80, 500, 20_000, () => 0.5)).toBe(10_000);
  });
});

describe('JsonRpcClient (fake socket)', () => {
  let client: JsonRpcClient;
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.opened = [];
    client = new JsonRpcClient({
      url: 'ws://test/ws',
      WebSocket: FakeSocket,
      minReconnectDelayMs: 100,
      heartbeatIntervalMs: 1000,
      heartbeatTimeoutMs: 200,
    });
  });
  afterEach(() => {
    client.close();
    vi.useRealTimers();
  });

  it("waits as long as session.shutdown's reconnectAfterMs says before reconnecting", async () => {
    latest().open();
    await settle();
    const disconnected = vi.fn();
    client.on('disconnected', disconnected);
    latest().receive({
      jsonrpc: '2.0',
      method: 'session.shutdown',
      params: { reconnectAfterMs: 3000 },
    });
    latest().drop(1001);

    expect(disconnected).toHaveBeenCalledWith({ code: 1001, reason: '', reconnectInMs: 3000 });
    await vi.advanceTimersByTimeAsync(2999);
    expect(FakeSocket.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.opened).toHaveLength(2);
  });

  it('ends a connection whose heartbeat goes unanswered, and reconnects', async () => {
    latest().open();
    await settle();
    await vi.advanceTimersByTimeAsync(1000);
    expect(latest().sent.map((m) => m.method)).toEqual(['heartbeat']);
    await vi.advanceTimersByTimeAsync(200);
    expect(client.state).toBe('disconnected');
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.opened).toHaveLength(2);
  });

  it('leaves nothing behind: timed-out calls leave the queue and the pending map', async () => {
    const calls = Array.from({ length: 50 }, () =>
      client.call('slow', undefined, { timeout: 50 }).catch((error: Error) => error.name),
    );
    await vi.advanceTimersByTimeAsync(50);
    expect(await Promise.all(calls)).toEqual(Array(50).fill('RpcTimeoutError'));
    latest().open();
    await settle();
    expect(latest().sent).toEqual([]);

    const sent = Array.from({ length: 50 }, () =>
      client.call('slow', undefined, { timeout: 50 }).catch((error: Error) => error.name),
    );
    await vi.advanceTimersByTimeAsync(50);
    await Promise.all(sent);
    // Late answers to forgotten calls are ignored.
    for (const { id } of latest().sent) latest().receive({ jsonrpc: '2.0', result: 1, id });
    expect((client as unknown as { pending: { size: number } }).pending.size).toBe(0);
  });

  it('gives publications unwrapped with their position, and after a reconnect the missed ones before newer ones', async () => {
    latest().open();
    await settle();
    const got: Array<[unknown, unknown]> = [];
    const order: string[] = [];
    client.on<{ n: number }>('chat.message', (params, position) => {
      got.push([params.n, position?.offset]);
      order.push(`message ${params.n}`);
    });
    client.on('recovered', (event) => order.push(`recovered ${JSON.stringify(event)}`));
    const subscribing = client.subscribe(['room:a']);
    const first = latest().sent.at(-1)!;
    expect(first).toMatchObject({
      method: 'subscribe',
      params: { topics: ['room:a'], recover: true },
    });
    const stream = { epoch: 'e1', offset: 0 };
    latest().receive({
      jsonrpc: '2.0',
      id: first.id,
      result: { subscribed: ['room:a'], streams: { 'room:a': stream } },
    });
    expect(await subscribing).toEqual(['room:a']);
    const publication = (offset: number) => ({
      jsonrpc: '2.0',
      method: 'publication',
      params: {
        topic: 'room:a',
        offset,
        epoch: 'e1',
        method: 'chat.message',
        params: { n: offset },
      },
    });
    latest().receive(publication(1));
    latest().receive(publication(1));
    expect(got).toEqual([[1, 1]]);

    latest().drop();
    await vi.advanceTimersByTimeAsync(100);
    latest().open();
    await settle();
    const again = latest().sent.at(-1)!;
    expect(again).toMatchObject({
      method: 'subscribe',
      params: {
        topics: ['room:a'],
        recover: true,
        since: { 'room:a': { epoch: 'e1', offset: 1 } },
      },
    });
    // A newer publication ahead of the answer waits for the recovered ones.
    latest().receive(publication(4));
    const missed = [2, 3].map((n) => ({ offset: n, method: 'chat.message', params: { n } }));
    latest().receive({
      jsonrpc: '2.0',
      id: again.id,
      result: {
        subscribed: ['room:a'],
        streams: { 'room:a': { epoch: 'e1', offset: 3, recovered: true, publications: missed } },
      },
    });
    await settle();
    expect(client.state).toBe('connected');
    expect(order).toEqual([
      'message 1',
      `recovered ${JSON.stringify({ topic: 'room:a', recovered: true, publications: 2, cause: 'reconnect' })}`,
      'message 2',
      'message 3',
      'message 4',
    ]);
  });

  it("reconnects at once when the browser's online event fires", () => {
    const target = new EventTarget();
    vi.stubGlobal('addEventListener', target.addEventListener.bind(target));
    vi.stubGlobal('removeEventListener', target.removeEventListener.bind(target));
    const browserClient = new JsonRpcClient({
      url: 'ws://test/ws',
      WebSocket: FakeSocket,
      minReconnectDelayMs: 10_000,
    });
    latest().drop();
    const before = FakeSocket.opened.length;
    target.dispatchEvent(new Event('online'));
    expect(FakeSocket.opened).toHaveLength(before + 1);
    browserClient.close();
    vi.unstubAllGlobals();
  });
});
