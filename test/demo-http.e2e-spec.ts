import { AppModule } from '../apps/demo/src/app.module';
import { configureApp } from '../apps/demo/src/configure-app';
import { RunningApp, startApp } from './utils/test-app';
import { SseTestClient } from './utils/sse-client';
import { adminRequest } from './utils/admin-client';
import { TestClient } from './utils/test-client';

/**
 * The demo as the README shows it: the admin API with `ADMIN_TOKEN`, and an SSE
 * stream logged in with a token from `auth.login`, both beside the chat.
 */

const ADMIN_TOKEN = 'demo-admin-token-for-the-tests-0123';

/** Puts an environment variable back (assigning undefined would store the text "undefined"). */
function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe('Demo: admin API and SSE beside the chat', () => {
  let running: RunningApp;
  const previous = process.env.ADMIN_TOKEN;

  beforeAll(async () => {
    process.env.ADMIN_TOKEN = ADMIN_TOKEN;
    running = await startApp({ imports: [AppModule] }, configureApp);
  });
  afterAll(async () => {
    restoreEnv('ADMIN_TOKEN', previous);
    await running.app.close();
  });

  async function login(
    username: string,
    platform: string,
  ): Promise<{ client: TestClient; token: string }> {
    const client = await TestClient.connect(running.url());
    const { result } = await client.call('auth.login', { username, password: 'demo', platform });
    return { client, token: result.token };
  }

  async function admin(path: string, body: unknown): Promise<{ status: number; body: any }> {
    const { status, body: answer } = await adminRequest(running.http, path, {
      body,
      token: ADMIN_TOKEN,
    });
    return { status, body: answer };
  }

  it('a chat message reaches an SSE listener of the room; the admin API pushes to both', async () => {
    const ada = await login('ada', 'web');
    expect((await ada.client.call('subscribe', { topics: ['room:lobby'] })).result).toBeDefined();
    // A token for another platform, so that the stream does not replace bob's WebSocket.
    const bob = await login('bob', 'sse');
    const stream = await SseTestClient.connect(
      running.http(`/sse?access_token=${bob.token}&topics=room:lobby`),
    );
    expect((await ada.client.call('chat.send', { room: 'lobby', text: 'hello' })).result).toEqual({
      delivered: 2,
    });
    expect((await stream.nextEvent('chat.message')).data).toMatchObject({
      from: 'ada',
      text: 'hello',
    });

    const published = await admin('/publish', {
      topic: 'room:lobby',
      method: 'chat.message',
      params: { room: 'lobby', from: 'ops', text: 'maintenance at noon' },
    });
    expect(published).toEqual({ status: 200, body: { delivered: 2 } });
    expect((await stream.nextEvent('chat.message')).data).toMatchObject({ from: 'ops' });
    expect((await admin('/send', { to: 'ada', method: 'note', params: { n: 1 } })).body).toEqual({
      delivered: 1,
    });
    expect((await ada.client.next((m) => m.method === 'note')).params).toEqual({ n: 1 });

    const refused = await fetch(running.http('/api/v1/websocket/stats'));
    expect(refused.status).toBe(401);
    await stream.close();
    await Promise.all([ada.client.close(), bob.client.close()]);
  });
});

describe('Demo: a cluster node when REDIS_URL is set', () => {
  it('joins the cluster: /stats reports it, and its users are in presence', async () => {
    const previous = { redis: process.env.REDIS_URL, admin: process.env.ADMIN_TOKEN };
    process.env.REDIS_URL = previous.redis ?? 'redis://127.0.0.1:6379';
    process.env.ADMIN_TOKEN = ADMIN_TOKEN;
    const running = await startApp({ imports: [AppModule] }, configureApp);
    try {
      const client = await TestClient.connect(running.url());
      const { result } = await client.call('auth.login', { username: 'zoe', password: 'demo' });
      expect(result.userId).toBe('zoe');
      const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const response = await fetch(running.http('/api/v1/websocket/stats'), { headers });
      const stats = (await response.json()) as any;
      expect(stats.cluster.nodes).toBeGreaterThanOrEqual(1);
      const online = await fetch(running.http('/api/v1/websocket/online/zoe'), { headers });
      expect(((await online.json()) as any).connections).toEqual([
        expect.objectContaining({ userId: 'zoe', nodeId: stats.nodeId }),
      ]);
      await client.close();
    } finally {
      await running.app.close();
      restoreEnv('REDIS_URL', previous.redis);
      restoreEnv('ADMIN_TOKEN', previous.admin);
    }
  });
});
