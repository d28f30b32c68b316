import { AppModule } from '../apps/demo/src/app.module';
import { configureApp } from '../apps/demo/src/configure-app';
import { Injectable } from '@nestjs/common';
import { JsonRpcWsModule, RpcMethod, RpcParams } from 'nestjs-jsonrpc-ws';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

@Injectable()
class EchoRpc {
  @RpcMethod('echo')
  echo(@RpcParams() params: unknown): unknown {
    return params;
  }
}

/** Params with `keys` distinct keys in one object: 9 bytes each on the wire (100,000: 0.9 MB). */
function keyBomb(keys: number): string {
  const entries = Array.from({ length: keys }, (_, i) => `"${i.toString(36)}":${i % 10}`);
  return `{${entries.join(',')}}`;
}

/** What one hostile client sends must not cost anyone else their answers (the demo, as documented). */
describe('a hostile client against the demo', () => {
  let running: RunningApp;
  let attacker: TestClient;
  let neighbour: TestClient;

  beforeAll(async () => {
    running = await startApp({ imports: [AppModule] }, configureApp);
  });
  afterAll(() => running.app.close());
  beforeEach(async () => {
    attacker = await TestClient.connect(running.url());
    neighbour = await TestClient.connect(running.url());
  });
  afterEach(() => Promise.all([attacker.close(), neighbour.close()]));

  it.each([['subtract'], ['auth.login'], ['echo']])(
    'a key bomb of 100,000 keys to %s is refused with -32602 before any pipe, and the neighbour is answered',
    async (method) => {
      attacker.send(
        `{"jsonrpc":"2.0","method":"${method}","params":${keyBomb(100_000)},"id":"bomb"}`,
      );
      neighbour.send('{"jsonrpc":"2.0","method":"echo","params":["still here"],"id":"n"}');
      expect((await neighbour.next((m) => m.id === 'n')).result).toEqual(['still here']);
      const reply = await attacker.next((m) => m.id === 'bomb');
      expect(reply.error).toEqual({
        code: -32602,
        message: 'Invalid params',
        data: {
          reason: 'InvalidParams',
          detail: 'an object in params has more than 1000 keys (maxParamsKeys)',
        },
      });
    },
  );

  it('valid params with 50,000 extra keys nested in them are refused the same way', async () => {
    attacker.send(
      `{"jsonrpc":"2.0","method":"subtract","params":{"minuend":3,"subtrahend":1,"extra":${keyBomb(50_000)}},"id":"x"}`,
    );
    expect((await attacker.next()).error.data.detail).toContain('maxParamsKeys');
    expect((await attacker.call('subtract', { minuend: 3, subtrahend: 1 })).result).toBe(2);
  });

  it('params of more than 100,000 values in all are refused, naming maxParamsNodes', async () => {
    const values = Array.from({ length: 600 }, () => keyBomb(200));
    attacker.send(`{"jsonrpc":"2.0","method":"sum","params":[${values.join(',')}],"id":"v"}`);
    expect((await attacker.next()).error.data.detail).toBe(
      'params hold more than 100000 values (maxParamsNodes)',
    );
  });
});

describe('a client that ignores its errors', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ imports: [AppModule] }, configureApp);
  });
  afterAll(() => running.app.close());

  it.each([
    [
      'rate-limited calls',
      (i: number) => `{"jsonrpc":"2.0","method":"echo","params":[${i}],"id":${i}}`,
      // 100 pass at once and about 100 a second after: far more than 200 are refused.
      2000,
    ],
    ['unparsable messages', (i: number) => `{"jsonrpc":"2.0","id":${i},`, 100],
    ['calls to unknown methods', (i: number) => `{"jsonrpc":"2.0","method":"nope","id":${i}}`, 100],
  ])(
    'is closed with 4029 after 100 refusals of %s, and the neighbour is served',
    async (_kind, message, count) => {
      const flooder = await TestClient.connect(running.url());
      const neighbour = await TestClient.connect(running.url());
      for (let i = 0; i < count; i++) flooder.send(message(i));
      expect(await flooder.closed).toEqual({ code: 4029, reason: 'Too many rejected requests' });
      expect((await neighbour.call('echo', ['after'])).result).toEqual(['after']);
      await neighbour.close();
    },
  );

  it('is not closed for refusals spread out over less than 100 per window', async () => {
    const client = await TestClient.connect(running.url());
    for (let i = 0; i < 99; i++) client.send(`{"jsonrpc":"2.0","method":"nope","id":${i}}`);
    expect((await client.call('echo', ['still open'])).result).toEqual(['still open']);
    await client.close();
  });
});

describe('a flood from one connection', () => {
  let running: RunningApp;

  beforeAll(async () => {
    // Served, not refused: what is measured is sharing the event loop, not the rate limit.
    running = await startApp({
      imports: [JsonRpcWsModule.forRoot({ rateLimit: false, anonymousTimeoutMs: 0 })],
      providers: [EchoRpc],
    });
  });
  afterAll(() => running.app.close());

  it('does not keep a neighbour waiting for the whole flood', async () => {
    const flooder = await TestClient.connect(running.url());
    const neighbour = await TestClient.connect(running.url());
    const FLOOD = 20_000;
    const chunk = Array.from(
      { length: FLOOD },
      (_, i) => `{"jsonrpc":"2.0","method":"echo","params":[${i}],"id":${i}}`,
    );
    let lastFloodReply = false;
    const floodDone = flooder
      .next((m) => m.id === FLOOD - 1, 60_000)
      .then(() => (lastFloodReply = true));
    for (const message of chunk) flooder.send(message);
    // Sent once the server is busy with the flood: answered long before the flood ends.
    await flooder.next((m) => m.id === 1000, 30_000);
    expect((await neighbour.call('echo', ['between'])).result).toEqual(['between']);
    expect(lastFloodReply).toBe(false);
    await floodDone;
    await Promise.all([flooder.close(), neighbour.close()]);
  });
});
