import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { WsAdapter } from '@nestjs/platform-ws';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { JsonRpcWsBootstrapError, JsonRpcWsModule } from 'nestjs-jsonrpc-ws';
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import { PingRpc } from './fixtures/ping.rpc';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/** A user's own gateway, as in Nest's WebSocket docs. */
@WebSocketGateway({ path: '/events' })
class EventsGateway {
  @SubscribeMessage('echo')
  echo(@MessageBody() data: unknown): { event: string; data: unknown } {
    return { event: 'echo', data };
  }
}

@Module({ providers: [EventsGateway] })
class EventsModule {}

/** A socket.io gateway on socket.io's default path. */
@WebSocketGateway()
class IoEventsGateway {
  @SubscribeMessage('echo')
  echo(@MessageBody() data: unknown): unknown {
    return data;
  }
}

@Module({ providers: [IoEventsGateway] })
class IoEventsModule {}

/** An authenticator that takes longer than engine.io's 1 s for unanswered upgrades. */
const slowAuthenticate = async () => {
  await new Promise((resolve) => setTimeout(resolve, 1300));
  return { userId: 'slow' };
};

function rpcModule() {
  return JsonRpcWsModule.forRoot({ anonymousTimeoutMs: 0, authenticate: slowAuthenticate });
}

/** Connects to a WsAdapter gateway and echoes one message through it. */
async function echoThroughGateway(url: string): Promise<unknown> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const reply = new Promise((resolve) =>
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
  );
  socket.send(JSON.stringify({ event: 'echo', data: 'hello' }));
  try {
    return await reply;
  } finally {
    socket.close();
  }
}

/** The HTTP status an upgrade is refused with, or the error it ends with. */
function upgradeOutcome(url: string, options?: { origin?: string }): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, options);
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(String(response.statusCode));
      socket.terminate();
    });
    socket.once('error', (error) => resolve(error.message));
  });
}

describe.each([
  ['JsonRpcWsModule first', (rpc: DynamicModule) => [rpc, EventsModule]],
  ['the gateway first', (rpc: DynamicModule) => [EventsModule, rpc]],
])('beside a WsAdapter gateway on the same port (%s)', (_name, order) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ imports: order(rpcModule()), providers: [PingRpc] }, (app) =>
      app.useWebSocketAdapter(new WsAdapter(app)),
    );
  });
  afterAll(() => running.app.close());

  it('serves /ws, after an authenticator slower than 1 s', async () => {
    const client = await TestClient.connect(running.url('/ws'));
    expect((await client.call('ping')).result).toBe('pong');
    await client.close();
  });

  it("serves the gateway's /events", async () => {
    expect(await echoThroughGateway(running.url('/events'))).toEqual({
      event: 'echo',
      data: 'hello',
    });
  });

  it('keeps refusing with an HTTP status before the 101', async () => {
    expect(await upgradeOutcome(running.url('/ws'), { origin: 'http://evil.example' })).toBe('403');
  });
});

describe.each([
  ['JsonRpcWsModule first', (rpc: DynamicModule) => [rpc, IoEventsModule]],
  ['the gateway first', (rpc: DynamicModule) => [IoEventsModule, rpc]],
])('beside a socket.io gateway on the same port (%s)', (_name, order) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(
      { imports: order(rpcModule()), providers: [PingRpc] },
      (app: INestApplication) => app.useWebSocketAdapter(new IoAdapter(app)),
    );
  });
  afterAll(() => running.app.close());

  it('serves /ws although engine.io ends upgrades it does not own after 1 s', async () => {
    const client = await TestClient.connect(running.url('/ws'));
    expect((await client.call('ping')).result).toBe('pong');
    await client.close();
  });

  it('serves the socket.io gateway', async () => {
    const socket = io(`http://127.0.0.1:${running.port}`, { transports: ['websocket'] });
    try {
      const echoed: unknown = await socket.timeout(5000).emitWithAck('echo', 'hello');
      expect(echoed).toBe('hello');
    } finally {
      socket.close();
    }
  });
});

describe('alone on its HTTP server', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({
      imports: [JsonRpcWsModule.forRoot({ anonymousTimeoutMs: 0 })],
      providers: [PingRpc],
    });
  });
  afterAll(() => running.app.close());

  it('answers an upgrade to a path nobody serves with 404', async () => {
    expect(await upgradeOutcome(running.url('/nowhere'))).toBe('404');
  });

  it('adopts an upgrade listener added after bootstrap: it gets other paths, not /ws', async () => {
    const seen: string[] = [];
    running.app
      .getHttpServer()
      .on('upgrade', (request: { url: string }, socket: { destroy(): void }) => {
        seen.push(request.url);
        socket.destroy();
      });
    await new Promise((resolve) => setImmediate(resolve));
    const client = await TestClient.connect(running.url('/ws'));
    expect((await client.call('ping')).result).toBe('pong');
    await client.close();
    expect(await upgradeOutcome(running.url('/other'))).toBe('socket hang up');
    expect(seen).toEqual(['/other']);
  });
});

it('refuses to start when a WsAdapter gateway serves the same path', async () => {
  @WebSocketGateway({ path: '/ws' })
  class ClashingGateway {
    @SubscribeMessage('echo')
    echo(): string {
      return 'x';
    }
  }
  const started = startApp(
    { imports: [JsonRpcWsModule.forRoot()], providers: [ClashingGateway, PingRpc] },
    (app) => app.useWebSocketAdapter(new WsAdapter(app)),
  );
  await expect(started).rejects.toThrow(JsonRpcWsBootstrapError);
  await expect(started).rejects.toThrow(/path "\/ws" is already served by a @WebSocketGateway/);
});
