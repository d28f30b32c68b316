import { BadRequestException, Injectable, UseGuards } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import {
  JsonRpcWsModule,
  RpcAuthGuard,
  RpcLoggingInterceptor,
  RpcMethod,
  RpcRequestId,
} from 'nestjs-jsonrpc-ws';
import { loginClient, verifyTestToken } from './fixtures/hub.fixture';
import { CapturingLogger } from './support/capturing-logger';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

@Injectable()
class LoggedRpc {
  readonly requestIds: string[] = [];

  @RpcMethod('ok')
  ok(@RpcRequestId() requestId: string): string {
    this.requestIds.push(requestId);
    return 'fine';
  }

  @RpcMethod('bad')
  bad(): never {
    throw new BadRequestException('nope');
  }

  @UseGuards(RpcAuthGuard)
  @RpcMethod('private')
  private(): string {
    return 'secret';
  }
}

describe('RpcLoggingInterceptor and request ids', () => {
  let running: RunningApp;
  let logger: CapturingLogger;

  beforeAll(async () => {
    logger = new CapturingLogger();
    running = await startApp(
      {
        imports: [JsonRpcWsModule.forRoot({ verifyToken: verifyTestToken })],
        providers: [LoggedRpc, { provide: APP_INTERCEPTOR, useClass: RpcLoggingInterceptor }],
      },
      undefined,
      { logger },
    );
  });
  afterAll(() => running.app.close());

  it('logs one line per call with method, code, duration, ids, connection and user', async () => {
    const client = await loginClient(running, 'ada');
    logger.lines.length = 0;

    await client.call('ok', undefined, 7);
    await client.call('bad', undefined, 'b');
    client.send({ jsonrpc: '2.0', method: 'ok' });
    await client.call('ok', undefined, 8);

    const calls = logger.calls();
    expect(calls).toHaveLength(4);
    const [ok, bad, notification] = calls as [
      { level: string; message: string },
      { level: string; message: string },
      { level: string; message: string },
    ];
    const requestIds = running.app.get(LoggedRpc).requestIds;
    expect(ok.level).toBe('log');
    expect(ok.message).toMatch(
      new RegExp(
        `^ok code=0 [\\d.]+ms id=7 request=${requestIds[0]} connection=[0-9a-f-]{36} user=ada$`,
      ),
    );
    expect(bad.level).toBe('warn');
    expect(bad.message).toMatch(
      /^bad code=-32602 [\d.]+ms id="b" request=\S+ connection=\S+ user=ada$/,
    );
    expect(notification.message).toMatch(/^ok code=0 [\d.]+ms id=notification /);
    await client.close();
  });

  it('gives every call its own server-side request id', async () => {
    const a = await TestClient.connect(running.url());
    const b = await TestClient.connect(running.url());
    const rpc = running.app.get(LoggedRpc);
    rpc.requestIds.length = 0;
    // Both clients use the same JSON-RPC id; the request ids still differ.
    await Promise.all([
      a.call('ok', undefined, 1),
      b.call('ok', undefined, 1),
      a.call('ok', undefined, 2),
    ]);
    expect(new Set(rpc.requestIds).size).toBe(3);
    expect(logger.calls().at(-1)!.message).toContain('user=-');
    await Promise.all([a.close(), b.close()]);
  });
});

describe('logCalls: the dispatcher logs calls without an interceptor', () => {
  let running: RunningApp;
  let logger: CapturingLogger;

  beforeAll(async () => {
    logger = new CapturingLogger();
    running = await startApp(
      {
        imports: [JsonRpcWsModule.forRoot({ verifyToken: verifyTestToken, logCalls: true })],
        providers: [LoggedRpc],
      },
      undefined,
      { logger },
    );
  });
  afterAll(() => running.app.close());

  it('logs one line per call, guard refusals included, and nothing for unknown methods', async () => {
    const client = await TestClient.connect(running.url());
    logger.lines.length = 0;
    await client.call('ok', undefined, 1);
    await client.call('private', undefined, 2);
    await client.call('no.such.method', undefined, 3);
    await client.call('login', { token: 'ada' }, 4);
    await client.call('private', undefined, 5);

    const calls = logger.calls();
    expect(calls.map((c) => [c.level, c.message.split(' ').slice(0, 2).join(' ')])).toEqual([
      ['log', 'ok code=0'],
      ['warn', 'private code=-32001'],
      ['log', 'login code=0'],
      ['log', 'private code=0'],
    ]);
    expect(calls[3]!.message).toMatch(
      /^private code=0 [\d.]+ms id=5 request=\S+ connection=\S+ user=ada$/,
    );
    await client.close();
  });
});

/** Counts the lines it builds: a level the logger does not print must cost nothing. */
@Injectable()
class CountingLoggingInterceptor extends RpcLoggingInterceptor {
  static built: string[] = [];

  protected override format(call: Parameters<RpcLoggingInterceptor['format']>[0]): string {
    CountingLoggingInterceptor.built.push(`${call.method}:${call.code}`);
    return super.format(call);
  }
}

describe('RpcLoggingInterceptor at levels the logger does not print', () => {
  async function linesBuilt(levels: Array<'error' | 'warn' | 'log'>): Promise<string[]> {
    CountingLoggingInterceptor.built = [];
    const running = await startApp(
      {
        imports: [JsonRpcWsModule.forRoot({ rateLimit: false })],
        providers: [LoggedRpc, { provide: APP_INTERCEPTOR, useClass: CountingLoggingInterceptor }],
      },
      undefined,
      { logger: levels },
    );
    const client = await TestClient.connect(running.url());
    await client.call('ok');
    await client.call('bad');
    await client.close();
    await running.app.close();
    return CountingLoggingInterceptor.built;
  }

  it('builds no line when neither level is printed', async () => {
    expect(await linesBuilt(['error'])).toEqual([]);
  });

  it('builds only the error lines when warnings are printed and successes are not', async () => {
    expect(await linesBuilt(['error', 'warn'])).toEqual(['bad:-32602']);
  });

  it('builds every line when both levels are printed', async () => {
    expect(await linesBuilt(['error', 'warn', 'log'])).toEqual(['ok:0', 'bad:-32602']);
  });
});
