import { ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JsonRpcWsModule } from 'nestjs-jsonrpc-ws';
import {
  GlobalBlockGuard,
  GlobalTeapotFilter,
  GlobalRecordingInterceptor,
  PipelineProbe,
  PrivateRpc,
  PublicRpc,
} from './fixtures/pipeline.fixture';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

describe('Nest pipeline on RPC handlers', () => {
  let running: RunningApp;
  let client: TestClient;
  let probe: PipelineProbe;

  beforeAll(async () => {
    running = await startApp(
      {
        imports: [JsonRpcWsModule.forRoot({})],
        providers: [
          PipelineProbe,
          PublicRpc,
          PrivateRpc,
          { provide: APP_GUARD, useClass: GlobalBlockGuard },
          { provide: APP_INTERCEPTOR, useClass: GlobalRecordingInterceptor },
          { provide: APP_FILTER, useClass: GlobalTeapotFilter },
        ],
      },
      (app) => app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true })),
    );
    probe = running.app.get(PipelineProbe);
  });
  afterAll(() => running.app.close());
  beforeEach(async () => {
    client = await TestClient.connect(running.url());
  });
  afterEach(() => client.close());

  describe('global enhancers', () => {
    it('an APP_GUARD guard refuses a method with -32003 and sees a ws context', async () => {
      const reply = await client.call('blocked', { x: 1 }, 1);
      expect(reply).toEqual({
        jsonrpc: '2.0',
        error: { code: -32003, message: 'Forbidden resource', data: { reason: 'Forbidden' } },
        id: 1,
      });
      expect(probe.guardCalls).toContainEqual({
        type: 'jsonrpc',
        clientIsSocket: true,
        data: { x: 1 },
        method: 'blocked',
      });
    });

    it('an APP_INTERCEPTOR interceptor runs for RPC calls', async () => {
      probe.interceptedTypes = [];
      await client.call('public.ping');
      expect(probe.interceptedTypes).toEqual(['jsonrpc']);
    });

    it('an APP_FILTER filter turns its exception into a JSON-RPC error', async () => {
      expect((await client.call('fail.teapot')).error).toEqual({
        code: -32418,
        message: "I'm a teapot",
        data: { reason: 'Teapot' },
      });
    });

    it('a global ValidationPipe turns params into a DTO instance', async () => {
      const reply = await client.call('user.create', { name: 'Ada', age: 36, extra: 'stripped' });
      expect(reply.result).toEqual({ isDto: true, dto: { name: 'Ada', age: 36 } });
    });

    it('a global ValidationPipe failure is -32602 with the field errors', async () => {
      const reply = await client.call('user.create', { name: 7, age: 200 }, 'v');
      expect(reply.id).toBe('v');
      expect(reply.error.code).toBe(-32602);
      expect(reply.error.message).toBe('Invalid params');
      expect(reply.error.data.reason).toBe('InvalidParams');
      expect(reply.error.data.errors).toEqual(
        expect.arrayContaining(['name must be a string', 'age must not be greater than 150']),
      );
    });
  });

  describe('class-level guard: a private group', () => {
    it('refuses the private provider with -32001 before login, serves it after', async () => {
      expect((await client.call('private.whoami')).error).toEqual({
        code: -32001,
        message: 'Login required',
        data: { reason: 'Unauthorized' },
      });
      expect((await client.call('me')).error.code).toBe(-32001);
      expect((await client.call('login', { name: 'ada' })).result).toBe('ada');
      expect((await client.call('private.whoami')).result).toBe('ada');
      expect((await client.call('me')).result).toBe('ada');
    });

    it('leaves the methods of another provider public', async () => {
      expect((await client.call('public.ping')).result).toBe('pong');
    });

    it('login state belongs to one connection', async () => {
      await client.call('login', { name: 'ada' });
      const other = await TestClient.connect(running.url());
      expect((await other.call('private.whoami')).error.code).toBe(-32001);
      await other.close();
    });
  });

  describe('pipes, params and results', () => {
    it('a parameter pipe converts one named param', async () => {
      expect((await client.call('double', { n: '21' })).result).toBe(42);
      expect((await client.call('double', { n: 'abc' })).error.code).toBe(-32602);
    });

    it('param decorators give session, id, user, socket, context and custom values', async () => {
      await client.call('login', { name: 'ada' });
      const reply = await client.call('introspect', undefined, 99);
      expect(reply.result).toEqual({
        sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        id: 99,
        user: { name: 'ada' },
        socketIsWs: true,
        contextMethod: 'introspect',
        methodName: 'introspect',
      });
    });

    it('a method-level interceptor maps the result', async () => {
      expect((await client.call('wrapped')).result).toEqual({ wrapped: 42 });
    });

    it('promises resolve; observables answer with their first value, even endless ones', async () => {
      expect((await client.call('async')).result).toBe('later');
      expect((await client.call('stream.first')).result).toBe(1);
      expect((await client.call('stream.endless')).result).toBe(100);
    });

    it('a handler returning nothing answers result: null', async () => {
      expect(await client.call('nothing', undefined, 5)).toEqual({
        jsonrpc: '2.0',
        result: null,
        id: 5,
      });
    });
  });

  describe('errors', () => {
    it.each([
      [400, -32602, 'InvalidParams'],
      [401, -32001, 'Unauthorized'],
      [403, -32003, 'Forbidden'],
      [404, -32004, 'NotFound'],
      [409, -32009, 'Conflict'],
      [429, -32029, 'TooManyRequests'],
      [503, -32053, 'ServiceUnavailable'],
      [418, -32018, 'IAmATeapot'],
      [422, -32022, 'UnprocessableEntity'],
      [500, -32603, 'InternalError'],
    ])('HttpException %i becomes %i (%s)', async (status, code, reason) => {
      const reply = await client.call('fail.http', { status });
      expect(reply.error.code).toBe(code);
      expect(reply.error.data.reason).toBe(reason);
    });

    it('a JsonRpcError reaches the client unchanged', async () => {
      expect((await client.call('fail.rpc')).error).toEqual({
        code: -32042,
        message: 'Quota exceeded',
        data: { reason: 'Quota', limit: 3 },
      });
    });

    it('an unexpected error is -32603 with no internals', async () => {
      client.send({ jsonrpc: '2.0', method: 'fail.unexpected', id: 'u' });
      const raw = await new Promise<string>((resolve) =>
        client.socket.once('message', (data) => resolve(data.toString())),
      );
      expect(JSON.parse(raw)).toEqual({
        jsonrpc: '2.0',
        error: { code: -32603, message: 'Internal error', data: { reason: 'InternalError' } },
        id: 'u',
      });
      expect(raw).not.toMatch(/secret|hunter2|postgres|\.ts:\d+| {4}at /);
    });

    it('a result JSON cannot carry is -32603', async () => {
      expect((await client.call('bigint')).error.code).toBe(-32603);
    });

    it('a method-level exception filter can turn an error into a JSON-RPC error', async () => {
      expect((await client.call('fail.domain')).error).toEqual({
        code: -32010,
        message: 'Room is full',
        data: { reason: 'Domain', method: 'fail.domain' },
      });
    });

    it("an exception filter's return value becomes the result", async () => {
      expect((await client.call('fail.recovered')).result).toEqual({ recovered: true });
    });
  });
});
