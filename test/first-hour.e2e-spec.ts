import { CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { JsonRpcWsModule, JsonRpcWsModuleOptions, RpcMethod } from 'nestjs-jsonrpc-ws';
import { WebSocket } from 'ws';
import { RESOLVED_OPTIONS } from '../libs/jsonrpc-ws/src/jsonrpc-ws.constants';
import { verifyTestToken } from './fixtures/hub.fixture';
import { CapturingLogger } from './support/capturing-logger';
import { startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/**
 * What a new user meets first: the quick start keeps its clients (no anonymous
 * timeout without a way to log in), and a refused upgrade says why in the log.
 */

describe('Defaults that fit the app', () => {
  it('keeps anonymous clients open when nothing can log them in', async () => {
    const running = await startApp({ imports: [JsonRpcWsModule.forRoot()] });
    const { anonymousTimeoutMs } = running.app.get<{ anonymousTimeoutMs: number }>(
      RESOLVED_OPTIONS,
    );
    expect(anonymousTimeoutMs).toBe(0);
    await running.app.close();
  });

  it('applies the 30 s anonymous timeout when verifyToken or authenticate can log clients in', async () => {
    for (const options of [{ verifyToken: verifyTestToken }, { authenticate: () => undefined }]) {
      const running = await startApp({ imports: [JsonRpcWsModule.forRoot(options)] });
      expect(
        running.app.get<{ anonymousTimeoutMs: number }>(RESOLVED_OPTIONS).anonymousTimeoutMs,
      ).toBe(30_000);
      await running.app.close();
    }
  });
});

describe('Options that would be ignored stop the startup', () => {
  it('names an unknown option and the nearest known one', async () => {
    const options = { maxPayloads: 1024 } as unknown as JsonRpcWsModuleOptions;
    await expect(startApp({ imports: [JsonRpcWsModule.forRoot(options)] })).rejects.toThrow(
      'JsonRpcWsModule: unknown option "maxPayloads" (did you mean "maxPayload"?)',
    );
    const nested = { rateLimit: { limits: 5 } } as unknown as JsonRpcWsModuleOptions;
    await expect(startApp({ imports: [JsonRpcWsModule.forRoot(nested)] })).rejects.toThrow(
      'unknown option "rateLimit.limits" (did you mean "rateLimit.limit"?)',
    );
  });

  it('refuses a module extra returned from useFactory, saying where it goes', async () => {
    const module = JsonRpcWsModule.forRootAsync({
      useFactory: () => ({ metrics: true }) as unknown as JsonRpcWsModuleOptions,
    });
    await expect(startApp({ imports: [module] })).rejects.toThrow(
      /"metrics" shapes the module definition, so it cannot come from useFactory: give it next to useFactory/,
    );
  });

  it('warns about rateLimit.methods rules for methods nobody declares', async () => {
    const logger = new CapturingLogger();
    const running = await startApp(
      {
        imports: [
          JsonRpcWsModule.forRoot({ rateLimit: { methods: { 'chat.sned': { limit: 1 } } } }),
        ],
      },
      undefined,
      { logger },
    );
    expect(logger.at('warn').map((line) => line.message)).toContain(
      'rateLimit.methods names "chat.sned", which no @RpcMethod() declares: check the spelling, or remove the rule',
    );
    await running.app.close();
  });
});

describe('Refused upgrades are logged', () => {
  it('says once, as a warning, why an origin was refused, and what decides', async () => {
    const logger = new CapturingLogger();
    const running = await startApp({ imports: [JsonRpcWsModule.forRoot()] }, undefined, { logger });
    for (let i = 0; i < 3; i++) {
      const refused = await TestClient.connect(running.url(), {
        origin: 'https://evil.example',
      }).then(
        () => 'opened',
        (error: Error) => error.message,
      );
      expect(refused).toBe('Unexpected response 403');
    }
    const warnings = logger.at('warn').filter((line) => line.message.includes('WebSocket upgrade'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(
      /refused with 403: Origin not allowed \(Origin https:\/\/evil\.example, Host 127\.0\.0\.1:\d+: the allowedOrigins option decides\)/,
    );
    // Clients without an Origin (servers, CLIs) still connect.
    const client = new WebSocket(running.url());
    await new Promise((resolve, reject) => {
      client.once('open', resolve);
      client.once('error', reject);
    });
    client.close();
    await running.app.close();
  });
});

describe('Refused upgrades are logged, whatever refused them', () => {
  const refusal = (url: string) =>
    TestClient.connect(url).then(
      (client) => client,
      (error: Error) => error.message,
    );

  it('logs an authentication refusal (401) and a connection limit (503) once each', async () => {
    const logger = new CapturingLogger();
    const running = await startApp(
      {
        imports: [
          JsonRpcWsModule.forRoot({
            maxConnections: 1,
            authenticate: (request) =>
              request.url?.includes('token=good') ? { userId: 'ada' } : false,
          }),
        ],
      },
      undefined,
      { logger },
    );
    for (let i = 0; i < 2; i++) {
      expect(await refusal(running.url('/ws?token=bad'))).toBe('Unexpected response 401');
    }
    const admitted = await refusal(running.url('/ws?token=good'));
    expect(admitted).toBeInstanceOf(TestClient);
    for (let i = 0; i < 2; i++) {
      expect(await refusal(running.url('/ws?token=good'))).toBe('Unexpected response 503');
    }
    const warnings = logger
      .at('warn')
      .map((line) => line.message)
      .filter((message) => message.includes('refused with'));
    expect(warnings).toEqual([
      expect.stringMatching(/refused with 401: /),
      expect.stringMatching(/refused with 503: Too many connections \(maxConnections 1\)/),
    ]);
    await (admitted as TestClient).close();
    await running.app.close();
  });
});

describe('The same-origin check on this machine', () => {
  it('lets a page from localhost reach the server through 127.0.0.1 on the same port', async () => {
    const running = await startApp({ imports: [JsonRpcWsModule.forRoot()] });
    const client = await TestClient.connect(running.url(), {
      origin: `http://localhost:${running.port}`,
    });
    expect((await client.call('rpc.nothing')).error.code).toBe(-32601);
    await client.close();
    const otherPort = await TestClient.connect(running.url(), {
      origin: `http://localhost:${running.port + 1}`,
    }).then(
      () => 'opened',
      (error: Error) => error.message,
    );
    expect(otherPort).toBe('Unexpected response 403');
    await running.app.close();
  });
});

describe("Nest's WebSocket context on RPC calls", () => {
  it('switchToWs() gives the socket, the params and, as the pattern, the method name', async () => {
    const seen: unknown[] = [];
    @Injectable()
    class RecordingGuard implements CanActivate {
      canActivate(context: ExecutionContext): boolean {
        const ws = context.switchToWs();
        seen.push([ws.getPattern(), ws.getData(), ws.getClient() instanceof WebSocket]);
        return true;
      }
    }
    @Injectable()
    @UseGuards(RecordingGuard)
    class PatternRpc {
      @RpcMethod(['pattern.one', 'pattern.two'])
      one(): string {
        return 'ok';
      }
    }
    const running = await startApp({
      imports: [JsonRpcWsModule.forRoot()],
      providers: [PatternRpc, RecordingGuard],
    });
    const client = await TestClient.connect(running.url());
    expect((await client.call('pattern.one', { a: 1 })).result).toBe('ok');
    expect((await client.call('pattern.two')).result).toBe('ok');
    expect(seen).toEqual([
      ['pattern.one', { a: 1 }, true],
      ['pattern.two', undefined, true],
    ]);
    await client.close();
    await running.app.close();
  });
});
