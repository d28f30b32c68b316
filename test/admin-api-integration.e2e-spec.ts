import { ConfigModule, ConfigService } from '@nestjs/config';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { JsonRpcWsModule } from 'nestjs-jsonrpc-ws';
import { register } from 'prom-client';
import { loginClient, verifyTestToken } from './fixtures/hub.fixture';
import { startApp } from './utils/test-app';
import { SseTestClient } from './utils/sse-client';

/**
 * The admin API and SSE among the Nest pieces users have: options from
 * ConfigService through forRootAsync, the @nestjs/swagger document, and
 * Prometheus metrics of the HTTP calls and streams.
 */

const TOKEN = 'config-provided-admin-token-0123456789';

afterAll(() => register.clear());

describe('Admin API and SSE with forRootAsync and ConfigService', () => {
  it('takes the token from the factory and the paths from the extras', async () => {
    const running = await startApp({
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ ADMIN_TOKEN: TOKEN })] }),
        JsonRpcWsModule.forRootAsync({
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            adminToken: config.get<string>('ADMIN_TOKEN'),
            verifyToken: verifyTestToken,
          }),
          adminApi: { prefix: '/internal/ws' },
          sse: { path: '/events' },
        }),
      ],
    });
    const stream = await SseTestClient.connect(running.http('/events?access_token=alice'));
    const answer = await fetch(running.http('/internal/ws/send'), {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'alice', method: 'hello', params: { n: 1 } }),
    });
    expect(await answer.json()).toEqual({ delivered: 1 });
    expect((await stream.nextEvent('hello')).data).toEqual({ n: 1 });
    await stream.close();
    await running.app.close();
  });
});

describe('Admin API in the @nestjs/swagger document', () => {
  it('lists every route with its body schema, answers and the bearer scheme', async () => {
    const running = await startApp({
      imports: [JsonRpcWsModule.forRoot({ adminToken: TOKEN, adminApi: true })],
    });
    const document = SwaggerModule.createDocument(
      running.app,
      new DocumentBuilder().addBearerAuth().build(),
    );
    const prefix = '/api/v1/websocket';
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/broadcast',
        '/history/{topic}',
        '/kick',
        '/online',
        '/online/{userId}',
        '/publish',
        '/send',
        '/stats',
      ].map((path) => `${prefix}${path}`),
    );
    const send = document.paths[`${prefix}/send`]!.post!;
    expect(send.security).toEqual([{ bearer: [] }]);
    expect(send.tags).toEqual(['jsonrpc-ws admin']);
    expect(Object.keys(send.responses).sort()).toEqual(['200', '400', '401', '404', '413', '422']);
    expect(send.parameters).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    ]);
    const body = (send.requestBody as { content: Record<string, { schema: { $ref: string } }> })
      .content['application/json']!.schema;
    const schema = document.components!.schemas![body.$ref.split('/').pop()!] as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.required.sort()).toEqual(['method', 'to']);
    expect(Object.keys(schema.properties).sort()).toEqual(['method', 'params', 'platform', 'to']);
    const online = document.paths[`${prefix}/online`]!.get!;
    expect(online.parameters!.map((p) => (p as { name: string }).name).sort()).toEqual([
      'cursor',
      'limit',
    ]);
    const history = document.paths[`${prefix}/history/{topic}`]!.get!;
    expect(history.parameters!.map((p) => (p as { name: string }).name).sort()).toEqual([
      'after',
      'limit',
      'topic',
    ]);
    expect(Object.keys(history.responses)).toContain('404');
    await running.app.close();
  });
});

describe('Admin API and SSE in the metrics', () => {
  it('counts admin requests by endpoint and status, and open SSE streams', async () => {
    register.clear();
    const running = await startApp({
      imports: [
        JsonRpcWsModule.forRoot({
          adminToken: TOKEN,
          verifyToken: verifyTestToken,
          adminApi: true,
          sse: true,
          metrics: { defaultMetrics: false },
        }),
      ],
    });
    const ws = await loginClient(running, 'bob');
    const stream = await SseTestClient.connect(running.http('/sse?access_token=alice'));
    const post = (authorization: string) =>
      fetch(running.http('/api/v1/websocket/broadcast'), {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'news' }),
      });
    expect((await post(`Bearer ${TOKEN}`)).status).toBe(200);
    expect((await post('Bearer wrong')).status).toBe(401);
    await stream.nextEvent('news');
    const text = await (await fetch(running.http('/metrics'))).text();
    expect(text).toContain('jsonrpc_ws_admin_requests_total{endpoint="broadcast",status="200"} 1');
    expect(text).toContain('jsonrpc_ws_admin_requests_total{endpoint="broadcast",status="401"} 1');
    expect(text).toContain(
      'jsonrpc_ws_admin_request_duration_seconds_count{endpoint="broadcast"} 2',
    );
    expect(text).toContain('jsonrpc_ws_sse_connections_current 1');
    expect(text).toContain('jsonrpc_ws_connections_current 2');
    expect(text).toContain('jsonrpc_ws_broadcasts_total 1');
    await stream.close();
    await ws.close();
    await running.app.close();
  });
});
