import { ExternalContextCreator } from '@nestjs/core';
import { JsonRpcWsModule } from 'nestjs-jsonrpc-ws';
import { PipelineProbe, PrivateRpc, PublicRpc } from './fixtures/pipeline.fixture';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/**
 * Methods whose only enhancers are guards and pipes (here: none at all, or a
 * class-level guard) skip Nest's runner; they must behave exactly the same.
 */
describe('Handlers without exception filters (no Nest runner)', () => {
  let running: RunningApp;
  let client: TestClient;
  let piped: string[];
  const logged: unknown[][] = [];

  beforeAll(async () => {
    const create = vi.spyOn(ExternalContextCreator.prototype, 'create');
    running = await startApp(
      {
        imports: [JsonRpcWsModule.forRoot({ rateLimit: false })],
        providers: [PipelineProbe, PublicRpc, PrivateRpc],
      },
      undefined,
      {
        logger: {
          log: () => undefined,
          warn: () => undefined,
          error: (...args: unknown[]) => logged.push(args),
        },
      },
    );
    piped = create.mock.calls.map((call) => call[2]);
    create.mockRestore();
  });
  afterAll(() => running.app.close());
  beforeEach(async () => {
    client = await TestClient.connect(running.url());
  });
  afterEach(() => client.close());

  it("uses Nest's runner only for filters, parameter pipes and custom decorators", () => {
    expect(piped).toEqual(
      expect.arrayContaining(['introspect', 'double', 'failDomain', 'failRecovered']),
    );
    expect(piped).not.toContain('wrapped');
    expect(piped).not.toContain('whoami');
    expect(piped).not.toContain('ping');
    expect(piped).not.toContain('asyncResult');
    expect(piped).not.toContain('failHttp');
  });

  it('passes the same arguments and results', async () => {
    expect((await client.call('public.ping')).result).toBe('pong');
    expect((await client.call('async')).result).toBe('later');
    expect((await client.call('stream.first')).result).toBe(1);
    expect((await client.call('stream.endless')).result).toBe(100);
    expect(await client.call('nothing', undefined, 3)).toEqual({
      jsonrpc: '2.0',
      result: null,
      id: 3,
    });
    expect((await client.call('login', { name: 'ada' })).result).toBe('ada');
    expect((await client.call('private.whoami')).result).toBe('ada');
  });

  it('maps errors the same way', async () => {
    expect((await client.call('fail.http', { status: 404 })).error).toMatchObject({ code: -32004 });
    expect((await client.call('fail.rpc')).error).toEqual({
      code: -32042,
      message: 'Quota exceeded',
      data: { reason: 'Quota', limit: 3 },
    });
    expect((await client.call('fail.unexpected')).error).toEqual({
      code: -32603,
      message: 'Internal error',
      data: { reason: 'InternalError' },
    });
    // Nest's pipeline would have logged the unexpected error with its stack; so must the direct call.
    const entry = logged.find((args) => args[0] instanceof Error);
    expect((entry?.[0] as Error).message).toContain('secret');
    expect((entry?.[0] as Error).stack).toContain('failUnexpected');
    expect(logged.filter((args) => args[0] instanceof Error)).toHaveLength(1);
  });

  it('answers every request of a pipelined burst, synchronous and asynchronous handlers alike', async () => {
    // Sent back to back, many requests share a TCP read; their replies are corked and written together.
    const calls = Array.from({ length: 300 }, (_, i) =>
      client.call(i % 3 === 0 ? 'async' : 'public.ping', undefined, `burst-${i}`),
    );
    const replies = await Promise.all(calls);
    expect(replies.map((reply) => reply.result)).toEqual(
      Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'later' : 'pong')),
    );
  });
});
