import {
  JsonRpcClient,
  JsonRpcClientOptions,
  RpcAbortError,
  RpcConnectionError,
  RpcError,
  RpcTimeoutError,
} from 'nestjs-jsonrpc-ws/client';
import { WebSocket } from 'ws';
import { AppModule } from '../apps/demo/src/app.module';
import { configureApp } from '../apps/demo/src/configure-app';
import { RunningApp, startApp } from './utils/test-app';

/** The client against the demo server, started for real (and restarted on the same port). */
describe('JsonRpcClient against the demo', () => {
  let running: RunningApp;
  const clients: JsonRpcClient[] = [];

  const start = (port = 0) =>
    startApp({ imports: [AppModule] }, configureApp, { logger: false }, undefined, port);

  function client(options: Partial<JsonRpcClientOptions> = {}): JsonRpcClient {
    const created = new JsonRpcClient({
      url: running.url(),
      WebSocket,
      ...options,
    });
    clients.push(created);
    return created;
  }

  const connected = (target: JsonRpcClient) =>
    target.state === 'connected'
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const off = target.on('connected', () => {
            off();
            resolve();
          });
        });

  async function tokenFor(username: string): Promise<string> {
    const login = client();
    const { token } = await login.call<{ token: string }>('auth.login', {
      username,
      password: 'demo',
    });
    login.close();
    return token;
  }

  beforeAll(async () => {
    running = await start();
  });
  afterEach(() => {
    for (const created of clients.splice(0)) created.close();
  });
  afterAll(() => running.app.close());

  it('calls with promises and rejects with the JSON-RPC error', async () => {
    const ada = client();
    await expect(ada.call('echo', { hello: 'world' })).resolves.toEqual({ hello: 'world' });
    const wrong = await ada
      .call('auth.login', { username: 'ada', password: 'nope' })
      .catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(RpcError);
    expect(wrong).toMatchObject({ code: -32001, message: 'Wrong username or password' });
    await expect(ada.call('no.such.method')).rejects.toMatchObject({ code: -32601 });
  });

  it('sends batches and answers each call in order, errors included', async () => {
    const ada = client();
    const results = await ada.batch([
      { method: 'echo', params: { n: 1 } },
      { method: 'heartbeat', notify: true },
      { method: 'no.such.method' },
      { method: 'echo', params: [2] },
    ]);
    expect(results).toHaveLength(3);
    expect(results[0]).toEqual({ ok: true, result: { n: 1 } });
    expect(results[1]).toMatchObject({ ok: false, error: { code: -32601 } });
    expect(results[2]).toEqual({ ok: true, result: [2] });
  });

  it('logs in with getToken, receives notifications, and logs in and subscribes again after a restart', async () => {
    const [adaToken, bobToken] = await Promise.all([tokenFor('ada'), tokenFor('bob')]);
    const ada = client({ getToken: () => adaToken, platform: 'web' });
    const bob = client({ getToken: () => bobToken, platform: 'web' });
    await Promise.all([connected(ada), connected(bob)]);
    await ada.subscribe(['room:lobby']);
    const messages: string[] = [];
    ada.on<{ text: string }>('chat.message', ({ text }) => messages.push(text));

    await bob.call('chat.send', { room: 'lobby', text: 'before' });
    await vi.waitFor(() => expect(messages).toEqual(['before']));

    const shutdown = new Promise((resolve) => ada.on('session.shutdown', resolve));
    const port = running.port;
    await running.app.close();
    await shutdown;
    expect(ada.state).not.toBe('closed');
    // Called while the server is away: it waits, and goes out once logged in and subscribed again.
    const queued = ada.call('echo', { queued: true }, { timeout: 20_000 });
    running = await start(port);

    await expect(queued).resolves.toEqual({ queued: true });
    await Promise.all([connected(ada), connected(bob)]);
    await bob.call('chat.send', { room: 'lobby', text: 'after' });
    await vi.waitFor(() => expect(messages).toEqual(['before', 'after']));
  }, 30_000);

  it('counts queued time in the timeout, and aborts', async () => {
    const offline = client({ url: 'ws://127.0.0.1:9/ws', minReconnectDelayMs: 50 });
    const started = Date.now();
    const timedOut = await offline.call('echo', 1, { timeout: 150 }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(RpcTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    const controller = new AbortController();
    const aborted = offline.call('echo', 1, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(await aborted).toBeInstanceOf(RpcAbortError);
  });

  it('fails fast when asked to, and fails what is queued on close()', async () => {
    const failFast = client({ url: 'ws://127.0.0.1:9/ws', queueWhileDisconnected: false });
    await expect(failFast.call('echo')).rejects.toMatchObject({ reason: 'not-connected' });

    const queued = client({ url: 'ws://127.0.0.1:9/ws', maxQueuedCalls: 1 });
    const first = queued.call('echo').catch((e: unknown) => e);
    await expect(queued.call('echo')).rejects.toMatchObject({ reason: 'queue-full' });
    queued.close();
    const closed = await first;
    expect(closed).toBeInstanceOf(RpcConnectionError);
    expect(closed).toMatchObject({ reason: 'closed' });
    expect(queued.state).toBe('closed');
  });

  it('does not reconnect after session.kicked', async () => {
    const token = await tokenFor('carol');
    const first = client({ getToken: () => token, platform: 'phone' });
    await connected(first);
    const kicked = new Promise<unknown>((resolve) => first.on('session.kicked', resolve));
    const gone = new Promise<{ code: number }>((resolve) => first.on('disconnected', resolve));

    // The same user on the same platform: the older session is kicked.
    const second = client({ getToken: () => token, platform: 'phone' });
    await connected(second);

    expect(await kicked).toEqual({ reason: 'Logged in on another device' });
    const disconnected = await gone;
    expect(disconnected.code).toBe(4004);
    expect(disconnected).not.toHaveProperty('reconnectInMs');
    expect(first.state).toBe('closed');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(first.state).toBe('closed');
  });
});
