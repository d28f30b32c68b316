import { Injectable } from '@nestjs/common';
import { JsonRpcWsModule, RpcMethod, RpcParams } from 'nestjs-jsonrpc-ws';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

@Injectable()
class MergeRpc {
  @RpcMethod('echo')
  echo(@RpcParams() params: unknown): unknown {
    return params;
  }

  /** Merges params into a fresh object the way careless code does. */
  @RpcMethod('merge')
  merge(@RpcParams() params: Record<string, unknown>): unknown {
    return deepMerge({}, params);
  }
}

function deepMerge(target: any, source: any): any {
  for (const key of Object.keys(source)) {
    if (source[key] && typeof source[key] === 'object') {
      target[key] ??= {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

describe('Bad input', () => {
  let running: RunningApp;
  /** A bystander connection that must keep working whatever the others do. */
  let bystander: TestClient;

  beforeAll(async () => {
    running = await startApp({
      imports: [
        // The flood below is about robustness, not the rate limit (which has its own tests).
        JsonRpcWsModule.forRoot({
          maxPayload: 64 * 1024,
          maxBatchSize: 5,
          maxParamsDepth: 8,
          rateLimit: false,
        }),
      ],
      providers: [MergeRpc],
    });
    bystander = await TestClient.connect(running.url());
  });
  afterEach(async () => {
    expect((await bystander.call('echo', ['still here'])).result).toEqual(['still here']);
  });
  afterAll(async () => {
    await bystander.close();
    await running.app.close();
  });

  async function connect(): Promise<TestClient> {
    return TestClient.connect(running.url());
  }

  it('a binary frame closes the connection with 1003', async () => {
    const client = await connect();
    client.socket.send(Buffer.from('{"jsonrpc":"2.0","method":"echo","id":1}'), { binary: true });
    expect(await client.closed).toEqual({ code: 1003, reason: 'Binary frames are not supported' });
  });

  it('invalid UTF-8 in a text frame closes the connection with 1007', async () => {
    const client = await connect();
    client.socket.send(Buffer.from([0x22, 0xff, 0xfe, 0x22]), { binary: false });
    expect((await client.closed).code).toBe(1007);
  });

  it('a frame over maxPayload closes the connection with 1009', async () => {
    const client = await connect();
    client.send({ jsonrpc: '2.0', method: 'echo', params: ['x'.repeat(70 * 1024)], id: 1 });
    expect((await client.closed).code).toBe(1009);
  });

  it('a batch over maxBatchSize gets one -32600', async () => {
    const client = await connect();
    const batch = Array.from({ length: 6 }, (_, i) => ({ jsonrpc: '2.0', method: 'echo', id: i }));
    client.send(batch);
    expect(await client.next()).toEqual({
      jsonrpc: '2.0',
      error: {
        code: -32600,
        message: 'Invalid Request',
        data: expect.objectContaining({ reason: 'InvalidRequest', maxBatchSize: 5 }),
      },
      id: null,
    });
    await client.close();
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'params with a "%s" key get -32602 and pollute nothing',
    async (key) => {
      const client = await connect();
      client.send(
        `{"jsonrpc":"2.0","method":"merge","params":{"a":{"${key}":{"polluted":true}}},"id":1}`,
      );
      const reply = await client.next();
      expect(reply.error).toMatchObject({ code: -32602, data: { reason: 'InvalidParams' } });
      expect(reply.error.data.detail).toContain(key);
      expect(({} as any).polluted).toBeUndefined();
      await client.close();
    },
  );

  it('params nested deeper than maxParamsDepth get -32602', async () => {
    const client = await connect();
    const deep = '['.repeat(9) + ']'.repeat(9);
    client.send(`{"jsonrpc":"2.0","method":"echo","params":${deep},"id":"d"}`);
    expect((await client.next()).error).toMatchObject({ code: -32602 });
    const ok = '['.repeat(8) + ']'.repeat(8);
    client.send(`{"jsonrpc":"2.0","method":"echo","params":${ok},"id":"ok"}`);
    expect((await client.next()).result).toEqual(JSON.parse(ok));
    await client.close();
  });

  it('extremely deep JSON does not crash the server', async () => {
    const client = await connect();
    const depth = 30000;
    client.send(
      `{"jsonrpc":"2.0","method":"echo","params":${'['.repeat(depth)}${']'.repeat(depth)},"id":1}`,
    );
    expect((await client.next()).error.code).toBe(-32602);
    await client.close();
  });

  it.each(['null', '42', '"text"', 'true', '{}', '{"jsonrpc":"1.0","method":"echo","id":1}'])(
    'a message that is not a request (%s) gets -32600',
    async (text) => {
      const client = await connect();
      client.send(text);
      expect((await client.next()).error.code).toBe(-32600);
      await client.close();
    },
  );

  it('ids of every allowed type are echoed exactly', async () => {
    const client = await connect();
    for (const id of ['abc', '', 0, -7, 1.5, 9007199254740991, null]) {
      client.send({ jsonrpc: '2.0', method: 'echo', params: [1], id });
      const reply = await client.next();
      expect(reply).toEqual({ jsonrpc: '2.0', result: [1], id });
    }
    await client.close();
  });

  it('an id of a wrong type gets -32600 with id null', async () => {
    const client = await connect();
    client.send('{"jsonrpc":"2.0","method":"echo","id":{"a":1}}');
    expect(await client.next()).toMatchObject({ error: { code: -32600 }, id: null });
    await client.close();
  });

  it('a flood of requests is answered in full', async () => {
    const client = await connect();
    const count = 2000;
    for (let i = 0; i < count; i++)
      client.send({ jsonrpc: '2.0', method: 'echo', params: [i], id: i });
    const replies = await Promise.all(
      Array.from({ length: count }, (_, i) => client.next((m) => m.id === i)),
    );
    expect(replies.map((r) => r.result[0])).toEqual(Array.from({ length: count }, (_, i) => i));
    await client.close();
  });

  it('a client that vanishes mid-request harms no one', async () => {
    const client = await connect();
    client.send({ jsonrpc: '2.0', method: 'echo', params: [1], id: 1 });
    client.socket.terminate();
    await client.closed;
  });
});
