import { Provider, ValidationPipe } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, ExternalContextCreator } from '@nestjs/core';
import { JsonRpcWsModule, RpcValidationPipe } from 'nestjs-jsonrpc-ws';
import {
  AsyncClassGuard,
  EnhancerLog,
  GuardedRpc,
  ObservableMethodGuard,
  OpenRpc,
  PassThroughInterceptor,
  RecordingPipe,
  SyncGlobalGuard,
} from './fixtures/fast-pipeline.fixture';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/** Calls whose replies and enhancer traces must not depend on which runner served them. */
const CALLS: Array<[string, unknown]> = [
  ['open.echo', { a: 1 }],
  ['open.refused', undefined],
  ['open.item', { name: 'pen', quantity: 2, extra: 'stripped' }],
  ['open.item', { name: 'pen', quantity: 2, tags: [{ label: 'blue' }] }],
  ['open.item', { name: 7, quantity: 0 }],
  ['open.item', { name: 'pen', quantity: 1, tags: [{ label: 3 }] }],
  ['open.item', [1, 2]],
  ['open.item', undefined],
  ['open.pair', { a: 'x', b: 2 }],
  ['open.upper', { text: 'shout' }],
  ['open.raw', { any: true }],
  ['open.throws', undefined],
  ['guarded.session', undefined],
  ['guarded.refusedByClass', undefined],
  ['guarded.observed', undefined],
  ['guarded.refusedByObservable', undefined],
];

interface Run {
  replies: unknown[];
  trace: string[];
  /** Methods for which Nest's ExternalContextCreator built a pipeline. */
  nestRunner: string[];
}

async function run(nestRunner: boolean, Pipe: typeof ValidationPipe): Promise<Run> {
  const create = vi.spyOn(ExternalContextCreator.prototype, 'create');
  const providers: Provider[] = [
    EnhancerLog,
    AsyncClassGuard,
    ObservableMethodGuard,
    OpenRpc,
    GuardedRpc,
    { provide: APP_GUARD, useClass: SyncGlobalGuard },
  ];
  if (nestRunner) providers.push({ provide: APP_INTERCEPTOR, useClass: PassThroughInterceptor });
  let running: RunningApp | undefined;
  let client: TestClient | undefined;
  try {
    running = await startApp(
      {
        imports: [JsonRpcWsModule.forRoot({ rateLimit: false, fastPipeline: !nestRunner })],
        providers,
      },
      (app) =>
        app.useGlobalPipes(
          new RecordingPipe(app.get(EnhancerLog)),
          new Pipe({ transform: true, whitelist: true }),
        ),
    );
    const log = running.app.get(EnhancerLog);
    client = await TestClient.connect(running.url());
    const replies: unknown[] = [];
    for (const [index, [method, params]] of CALLS.entries()) {
      replies.push(await client.call(method, params, index));
    }
    return {
      replies,
      trace: log.entries,
      nestRunner: create.mock.calls.map((call) => call[2]),
    };
  } finally {
    create.mockRestore();
    await client?.close();
    await running?.app.close();
  }
}

describe('Guards and pipes without Nest runner (fast pipeline)', () => {
  let nest: Run;
  let fast: Run;

  beforeAll(async () => {
    nest = await run(true, ValidationPipe);
    fast = await run(false, ValidationPipe);
  });

  it('serves guarded and piped methods without building Nest pipelines', () => {
    expect(nest.nestRunner).toEqual(expect.arrayContaining(['echo', 'item', 'observed']));
    expect(fast.nestRunner).toEqual([]);
  });

  it('gives the same replies as Nest runner, errors included', () => {
    expect(fast.replies).toEqual(nest.replies);
  });

  it('runs the same guards and pipes in the same order, with the same parameter metadata', () => {
    expect(fast.trace).toEqual(nest.trace);
  });

  it('refuses with a guard that answers false, a promise of false or an observable of false', () => {
    const codes = Object.fromEntries(
      CALLS.map(([method], index) => [
        method,
        (fast.replies[index] as { error?: { code: number } }).error?.code,
      ]),
    );
    expect(codes['open.refused']).toBe(-32003);
    expect(codes['guarded.refusedByClass']).toBe(-32003);
    expect(codes['guarded.refusedByObservable']).toBe(-32003);
    expect(codes['guarded.observed']).toBeUndefined();
  });

  it('validates, transforms and strips with ValidationPipe, and refuses bad params with -32602', () => {
    const reply = (index: number) =>
      fast.replies[index] as { result?: unknown; error?: { code: number } };
    expect(reply(2).result).toEqual({ isDto: true, item: { name: 'pen', quantity: 2 } });
    expect(reply(4).error?.code).toBe(-32602);
    expect(reply(5).error?.code).toBe(-32602);
  });

  it('RpcValidationPipe answers exactly like ValidationPipe', async () => {
    const compiled = await run(false, RpcValidationPipe);
    expect(compiled.replies).toEqual(nest.replies);
    expect(compiled.trace).toEqual(nest.trace);
  });
});
