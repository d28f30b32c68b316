import { Injectable, Module, Scope } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import {
  JsonRpcWsModule,
  JsonRpcWsModuleOptions,
  JsonRpcWsOptionsFactory,
  RpcMethod,
  RpcMethodRegistry,
} from 'nestjs-jsonrpc-ws';
import { PingRpc } from './fixtures/ping.rpc';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

@Injectable()
class OtherPingRpc {
  @RpcMethod('ping')
  alsoPing(): string {
    return 'pong too';
  }
}

@Injectable()
class ReservedRpc {
  @RpcMethod('rpc.discover')
  discover(): string {
    return 'reserved';
  }
}

@Injectable({ scope: Scope.REQUEST })
class RequestScopedRpc {
  @RpcMethod('scoped')
  scoped(): string {
    return 'scoped';
  }
}

@Injectable()
class OptionsFromClass implements JsonRpcWsOptionsFactory {
  createJsonRpcWsOptions(): JsonRpcWsModuleOptions {
    return { path: '/from-class' };
  }
}

/** Expects the app to fail while starting, with a message matching all patterns. */
async function expectStartupFailure(
  metadata: Parameters<typeof Test.createTestingModule>[0],
  ...patterns: RegExp[]
) {
  let failure: unknown;
  try {
    const moduleRef = await Test.createTestingModule(metadata).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init().finally(() => app.close());
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(Error);
  for (const pattern of patterns) expect((failure as Error).message).toMatch(pattern);
}

describe('Bootstrap', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.app.close();
    running = undefined;
  });

  it('forRootAsync takes its options from ConfigService', async () => {
    running = await startApp({
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ WS_PATH: '/rpc' })] }),
        JsonRpcWsModule.forRootAsync({
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({ path: config.getOrThrow<string>('WS_PATH') }),
        }),
      ],
      providers: [PingRpc],
    });
    const client = await TestClient.connect(running.url('/rpc'));
    expect((await client.call('ping')).result).toBe('pong');
    await client.close();
    await expect(TestClient.connect(running.url('/ws'))).rejects.toThrow('Unexpected response 404');
  });

  it('forRootAsync takes its options from a class', async () => {
    running = await startApp({
      imports: [JsonRpcWsModule.forRootAsync({ useClass: OptionsFromClass })],
      providers: [PingRpc],
    });
    const client = await TestClient.connect(running.url('/from-class'));
    expect((await client.call('ping')).result).toBe('pong');
    await client.close();
  });

  it('serves methods declared in any module of the application', async () => {
    @Module({ providers: [PingRpc] })
    class FeatureModule {}
    running = await startApp({ imports: [JsonRpcWsModule.forRoot({}), FeatureModule] });
    expect(running.app.get(RpcMethodRegistry).names()).toEqual([
      'heartbeat',
      'ping',
      'rpc.discover',
      'subscribe',
      'unsubscribe',
    ]);
  });

  it.each([
    [{ maxPayload: -1 }, /"maxPayload"/],
    [{ maxBatchSize: 0 }, /"maxBatchSize"/],
    [{ maxParamsDepth: 1.5 }, /"maxParamsDepth"/],
    [{ path: 'ws' }, /"path"/],
    [{ allowedOrigins: 'everyone' }, /"allowedOrigins"/],
    [{ authenticate: 'yes' }, /"authenticate"/],
  ])('an invalid option %j stops the startup, naming the option', async (options, pattern) => {
    await expectStartupFailure(
      { imports: [JsonRpcWsModule.forRoot(options as JsonRpcWsModuleOptions)] },
      pattern,
    );
  });

  it('a duplicate method name stops the startup, naming both providers', async () => {
    await expectStartupFailure(
      { imports: [JsonRpcWsModule.forRoot({})], providers: [PingRpc, OtherPingRpc] },
      /"ping"/,
      /PingRpc\.ping/,
      /OtherPingRpc\.alsoPing/,
    );
  });

  it('the reserved "rpc." prefix stops the startup', async () => {
    await expectStartupFailure(
      { imports: [JsonRpcWsModule.forRoot({})], providers: [ReservedRpc] },
      /rpc\.discover/,
      /reserved/,
    );
  });

  it('ignores handlers on request-scoped providers', async () => {
    running = await startApp({
      imports: [JsonRpcWsModule.forRoot({})],
      providers: [RequestScopedRpc, PingRpc],
    });
    expect(running.app.get(RpcMethodRegistry).names()).toEqual([
      'heartbeat',
      'ping',
      'rpc.discover',
      'subscribe',
      'unsubscribe',
    ]);
  });
});
