import { ValidationPipe } from '@nestjs/common';
import { APP_INTERCEPTOR, ExternalContextCreator } from '@nestjs/core';
import { JsonRpcWsModule } from 'nestjs-jsonrpc-ws';
import {
  INTERCEPTOR_PROVIDERS,
  InterceptedRpc,
  InterceptorTrace,
  StoreInterceptor,
  TracingInterceptor,
} from './fixtures/interceptors.fixture';
import { startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/** Calls whose replies and traces must not depend on which runner served them. */
const CALLS: Array<[string, unknown]> = [
  ['plain', undefined],
  ['store', undefined],
  ['mapped', undefined],
  ['mapped.async', undefined],
  ['recovered', undefined],
  ['rethrown', undefined],
  ['slow', undefined],
  ['quick', undefined],
  ['cached', undefined],
  ['async.intercept', undefined],
  ['spread', undefined],
  ['empty', undefined],
  ['throws.in.intercept', undefined],
  ['not.observable', undefined],
  ['twice', undefined],
  ['stream', undefined],
  ['validated', { n: 21 }],
  ['validated', { n: 'x' }],
];

interface Run {
  replies: unknown[];
  trace: string[];
  nestRunner: string[];
}

async function run(fastPipeline: boolean): Promise<Run> {
  const create = vi.spyOn(ExternalContextCreator.prototype, 'create');
  const running = await startApp(
    {
      imports: [JsonRpcWsModule.forRoot({ rateLimit: false, fastPipeline })],
      providers: [
        InterceptorTrace,
        InterceptedRpc,
        ...INTERCEPTOR_PROVIDERS,
        { provide: APP_INTERCEPTOR, useClass: TracingInterceptor },
        { provide: APP_INTERCEPTOR, useClass: StoreInterceptor },
      ],
    },
    (app) => app.useGlobalPipes(new ValidationPipe({ transform: true })),
  );
  const client = await TestClient.connect(running.url());
  try {
    const replies: unknown[] = [];
    for (const [index, [method, params]] of CALLS.entries())
      replies.push(await client.call(method, params, index));
    return {
      replies,
      trace: running.app.get(InterceptorTrace).entries,
      nestRunner: create.mock.calls.map((call) => call[2]),
    };
  } finally {
    create.mockRestore();
    await client.close();
    await running.app.close();
  }
}

/**
 * The same interceptors, global, class and method ones, through Nest's runner
 * (`fastPipeline: false`) and through the library's: replies and traces match.
 */
describe('Interceptors without Nest runner', () => {
  let nest: Run;
  let fast: Run;
  const reply = (index: number) =>
    fast.replies[index] as { result?: unknown; error?: { code: number; message: string } };

  beforeAll(async () => {
    nest = await run(false);
    fast = await run(true);
  });

  it("serves every intercepted method without building Nest's pipelines", () => {
    expect(nest.nestRunner).toEqual(expect.arrayContaining(['plain', 'mapped', 'spread']));
    expect(fast.nestRunner).toEqual([]);
  });

  it("gives the same replies as Nest's runner, errors included", () => {
    expect(fast.replies).toEqual(nest.replies);
  });

  it('runs the same interceptors in the same order, global before class before method', () => {
    expect(fast.trace).toEqual(nest.trace);
    expect(fast.trace.slice(0, 4)).toEqual([
      'global:before:plain:InterceptedRpc.plain:class-default:jsonrpc',
      'class:plain',
      'handler:plain',
      'global:value:plain:"plain"',
    ]);
  });

  it('maps, recovers, rethrows, times out and short-circuits as the interceptors say', () => {
    expect(reply(2).result).toEqual({ wrapped: 42 });
    expect(reply(3).result).toEqual({ wrapped: 43 });
    expect(reply(4).result).toEqual({ recovered: 'handler failed' });
    expect(reply(5).error?.code).toBe(-32602);
    expect(reply(6).error?.code).toBe(-32603);
    expect(reply(7).result).toBe('in time');
    expect(reply(8).result).toBe('from cache');
    expect(fast.trace).not.toContain('handler:cached');
  });

  it('keeps the async context an interceptor set around next.handle()', () => {
    expect(reply(1).result).toMatch(/^store#\d+$/);
    expect(reply(9).result).toMatch(/^handler saw async\.intercept#\d+$/);
    expect(fast.trace).toContainEqual(expect.stringMatching(/^async:store:async\.intercept#\d+$/));
  });

  it('answers with the last value of the chain and the first value of the handler', () => {
    expect(reply(10).result).toBe(3);
    expect(reply(15).result).toBe(0);
  });

  it('answers an interceptor that errs, emits nothing or returns no observable with an error', () => {
    expect(reply(11).error?.code).toBe(-32603);
    expect(reply(12).error?.code).toBe(-32602);
    expect(reply(13).error?.code).toBe(-32603);
  });

  it('creates next.handle() lazily and runs the handler once per subscription', () => {
    const twice = fast.trace.filter(
      (entry) => entry === 'lazy:created' || entry === 'handler:twice',
    );
    expect(twice).toEqual(['lazy:created', 'handler:twice', 'handler:twice']);
  });

  it('runs guards before interceptors and pipes inside them', () => {
    expect(reply(16).result).toEqual({ wrapped: 42 });
    expect(reply(17).error?.code).toBe(-32602);
    const validated = fast.trace.filter((entry) => entry.includes('validated'));
    expect(validated.slice(0, 4)).toEqual([
      'guard:validated',
      'global:before:validated:InterceptedRpc.validated:class-default:jsonrpc',
      'class:validated',
      'handler:validated:true',
    ]);
  });
});
