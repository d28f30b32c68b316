import { Injectable } from '@nestjs/common';
import { HubEventMap, JsonRpcWsModule, OnHubEvent, RpcMethod, RpcParams } from 'nestjs-jsonrpc-ws';
import { startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

@Injectable()
class ShutdownRpc {
  /** Disconnects whose async listener has finished. */
  readonly recorded: string[] = [];
  private release?: () => void;
  private onHeld!: () => void;
  /** Resolves once a `hold` call is in flight. */
  readonly held = new Promise<void>((resolve) => (this.onHeld = resolve));

  @RpcMethod('ping')
  ping(): string {
    return 'pong';
  }

  /** Answers only once released, to stay in flight during shutdown. */
  @RpcMethod('hold')
  hold(@RpcParams('value') value: string): Promise<string> {
    this.onHeld();
    return new Promise((resolve) => (this.release = () => resolve(value)));
  }

  finishHeld(): void {
    this.release?.();
  }

  @OnHubEvent('disconnected')
  async onDisconnect({ session, reason }: HubEventMap['disconnected']): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    this.recorded.push(`${session.id}:${reason}`);
  }
}

describe('Graceful shutdown', () => {
  it('sends session.shutdown, finishes in-flight requests, refuses new ones, closes with 1001 and awaits listeners', async () => {
    const running = await startApp({
      imports: [JsonRpcWsModule.forRoot({ reconnectAfterMs: [100, 200], shutdownTimeoutMs: 5000 })],
      providers: [ShutdownRpc],
    });
    const rpc = running.app.get(ShutdownRpc);
    const clients = await Promise.all([1, 2, 3].map(() => TestClient.connect(running.url())));
    const [busy] = clients as [TestClient, TestClient, TestClient];
    expect((await busy.call('ping')).result).toBe('pong');
    busy.send({ jsonrpc: '2.0', method: 'hold', params: { value: 'finished' }, id: 'held' });
    await rpc.held;

    const closing = running.app.close();
    for (const client of clients) {
      const notice = await client.next((m) => m.method === 'session.shutdown');
      expect(notice.params.reason).toBe('Server shutting down');
      expect(notice.params.reconnectAfterMs).toBeGreaterThanOrEqual(100);
      expect(notice.params.reconnectAfterMs).toBeLessThanOrEqual(200);
    }
    // Draining: a new request is refused, the one in flight still completes.
    expect((await busy.call('ping', undefined, 'late')).error).toMatchObject({
      code: -32053,
      data: { reason: 'ServiceUnavailable' },
    });
    rpc.finishHeld();
    expect(await busy.next((m) => m.id === 'held')).toEqual({
      jsonrpc: '2.0',
      result: 'finished',
      id: 'held',
    });
    for (const client of clients) {
      expect(await client.closed).toEqual({ code: 1001, reason: 'Server shutting down' });
    }
    await closing;
    expect(rpc.recorded).toHaveLength(3);
    expect(rpc.recorded.every((entry) => entry.endsWith(':shutdown'))).toBe(true);
    await expect(TestClient.connect(running.url())).rejects.toThrow();
  });

  it('answers -32053 to requests sent in reaction to session.shutdown, before closing', async () => {
    const running = await startApp({
      imports: [JsonRpcWsModule.forRoot({ anonymousTimeoutMs: 0 })],
      providers: [ShutdownRpc],
    });
    const clients = await Promise.all([1, 2, 3].map(() => TestClient.connect(running.url())));
    const answers = clients.map(async (client, index) => {
      await client.next((m) => m.method === 'session.shutdown');
      // No request in flight: without a linger the close would overtake these.
      client.send({ jsonrpc: '2.0', method: 'ping', id: `after-${index}` });
      client.send({ jsonrpc: '2.0', method: 'ping', id: `after-${index}-again` });
      return [
        await client.next((m) => m.id === `after-${index}`),
        await client.next((m) => m.id === `after-${index}-again`),
      ];
    });
    const closing = running.app.close();
    for (const replies of await Promise.all(answers)) {
      for (const reply of replies) {
        expect(reply.error).toMatchObject({ code: -32053, data: { reason: 'ServiceUnavailable' } });
      }
    }
    for (const client of clients) expect((await client.closed).code).toBe(1001);
    await closing;
  });
});

/** Counts what the server reads, and starts the shutdown from inside a burst. */
@Injectable()
class BurstRpc {
  /** Messages the server read while the connection was open (before its close frame). */
  readBeforeClose = 0;
  /** `readBeforeClose` when `stop` ran. */
  readAtStop = 0;
  private onStop!: () => void;
  readonly stopped = new Promise<void>((resolve) => (this.onStop = resolve));

  @OnHubEvent('connected')
  count({ session }: HubEventMap['connected']): void {
    session.socket.on('message', () => {
      if (session.isOpen) this.readBeforeClose++;
    });
  }

  @RpcMethod('ping')
  ping(): string {
    return 'pong';
  }

  @RpcMethod('stop')
  stop(): string {
    this.readAtStop = this.readBeforeClose;
    this.onStop();
    return 'stopping';
  }
}

/** Holds the event loop, as a CPU-heavy handler would. */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('Graceful shutdown during a pipelined burst', () => {
  it('answers every request it read, in order, with its result or -32053, then closes with 1001', async () => {
    const running = await startApp({
      imports: [JsonRpcWsModule.forRoot({ rateLimit: false, anonymousTimeoutMs: 0 })],
      providers: [BurstRpc],
    });
    const rpc = running.app.get(BurstRpc);
    const client = await TestClient.connect(running.url());
    const total = 2000;
    const stopAt = 100;
    for (let id = 0; id < total; id++) {
      client.send({ jsonrpc: '2.0', method: id === stopAt ? 'stop' : 'ping', id });
    }
    await rpc.stopped;
    // Shutdown starts while the rest of the burst waits its turn in the fair intake.
    expect(rpc.readAtStop).toBeGreaterThan(stopAt + 1);
    const closing = running.app.close();
    await client.next((m) => m.method === 'session.shutdown');
    // Longer than the 200 ms the connection stays open after the notice: a close that did not
    // wait for the intake would come right after, and drop what it still holds.
    stall(300);
    expect(await client.closed).toEqual({ code: 1001, reason: 'Server shutting down' });
    await closing;

    const answers = client.pending as Array<{
      id: number;
      result?: string;
      error?: { code: number };
    }>;
    // Every request read before the close frame has its answer, in the order sent, none lost.
    expect(answers.map((answer) => answer.id)).toEqual(
      Array.from({ length: rpc.readBeforeClose }, (_, id) => id),
    );
    const refusedFrom = answers.findIndex((answer) => answer.error !== undefined);
    // Results up to the shutdown, -32053 after it, for requests already read when it started.
    expect(refusedFrom).toBeGreaterThan(stopAt);
    expect(refusedFrom).toBeLessThan(rpc.readAtStop);
    for (const answer of answers.slice(0, refusedFrom)) {
      expect(answer.result).toBe(answer.id === stopAt ? 'stopping' : 'pong');
    }
    for (const answer of answers.slice(refusedFrom)) {
      expect(answer.error).toMatchObject({ code: -32053, data: { reason: 'ServiceUnavailable' } });
    }
  });
});
