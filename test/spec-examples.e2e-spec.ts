import { AppModule } from '../apps/demo/src/app.module';
import { configureApp } from '../apps/demo/src/configure-app';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/** Every example of section 7 of the JSON-RPC 2.0 specification, sent verbatim to the demo. */
describe('JSON-RPC 2.0 specification, section 7, against the demo', () => {
  let running: RunningApp;
  let client: TestClient;

  beforeAll(async () => {
    running = await startApp({ imports: [AppModule] }, configureApp);
  });
  afterAll(() => running.app.close());
  beforeEach(async () => {
    client = await TestClient.connect(running.url());
  });
  afterEach(() => client.close());

  /** Sends raw text and resolves with the next message. */
  async function exchange(text: string): Promise<unknown> {
    client.send(text);
    return client.next();
  }

  /** Sends raw text that must get no reply: a probe request sent after it must be answered first. */
  async function expectNoReply(text: string): Promise<void> {
    client.send(text);
    client.send('{"jsonrpc":"2.0","method":"echo","params":["probe"],"id":"probe"}');
    expect(await client.next()).toEqual({ jsonrpc: '2.0', result: ['probe'], id: 'probe' });
    expect(client.pending).toEqual([]);
  }

  const byId = (a: any, b: any) => String(a.id).localeCompare(String(b.id));

  it('rpc call with positional parameters', async () => {
    expect(
      await exchange('{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}'),
    ).toEqual({
      jsonrpc: '2.0',
      result: 19,
      id: 1,
    });
    expect(
      await exchange('{"jsonrpc": "2.0", "method": "subtract", "params": [23, 42], "id": 2}'),
    ).toEqual({
      jsonrpc: '2.0',
      result: -19,
      id: 2,
    });
  });

  it('rpc call with named parameters', async () => {
    expect(
      await exchange(
        '{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}',
      ),
    ).toEqual({ jsonrpc: '2.0', result: 19, id: 3 });
    expect(
      await exchange(
        '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": 4}',
      ),
    ).toEqual({ jsonrpc: '2.0', result: 19, id: 4 });
  });

  it('a notification', async () => {
    await expectNoReply('{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}');
    await expectNoReply('{"jsonrpc": "2.0", "method": "foobar"}');
  });

  it('rpc call of non-existent method', async () => {
    expect(await exchange('{"jsonrpc": "2.0", "method": "foobar", "id": "1"}')).toMatchObject({
      jsonrpc: '2.0',
      error: { code: -32601, message: 'Method not found' },
      id: '1',
    });
  });

  it('rpc call with invalid JSON', async () => {
    expect(
      await exchange('{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]'),
    ).toMatchObject({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
  });

  it('rpc call with invalid Request object', async () => {
    expect(await exchange('{"jsonrpc": "2.0", "method": 1, "params": "bar"}')).toMatchObject({
      jsonrpc: '2.0',
      error: { code: -32600, message: 'Invalid Request' },
      id: null,
    });
  });

  it('rpc call Batch, invalid JSON', async () => {
    const text = `[
  {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
  {"jsonrpc": "2.0", "method"
]`;
    expect(await exchange(text)).toMatchObject({
      jsonrpc: '2.0',
      error: { code: -32700, message: 'Parse error' },
      id: null,
    });
  });

  it('rpc call with an empty Array', async () => {
    expect(await exchange('[]')).toMatchObject({
      jsonrpc: '2.0',
      error: { code: -32600, message: 'Invalid Request' },
      id: null,
    });
  });

  it('rpc call with an invalid Batch (but not empty)', async () => {
    expect(await exchange('[1]')).toEqual([
      expect.objectContaining({
        jsonrpc: '2.0',
        error: expect.objectContaining({ code: -32600, message: 'Invalid Request' }),
        id: null,
      }),
    ]);
  });

  it('rpc call with invalid Batch', async () => {
    const invalid = expect.objectContaining({
      jsonrpc: '2.0',
      error: expect.objectContaining({ code: -32600, message: 'Invalid Request' }),
      id: null,
    });
    expect(await exchange('[1,2,3]')).toEqual([invalid, invalid, invalid]);
  });

  it('rpc call Batch', async () => {
    const text = `[
        {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},
        {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},
        {"foo": "boo"},
        {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
        {"jsonrpc": "2.0", "method": "get_data",  "id": "9"}
    ]`;
    const reply = (await exchange(text)) as any[];
    // The specification allows any order; sorted by id ("1", "2", "5", "9", null last).
    expect([...reply].sort(byId)).toEqual([
      { jsonrpc: '2.0', result: 7, id: '1' },
      { jsonrpc: '2.0', result: 19, id: '2' },
      expect.objectContaining({
        jsonrpc: '2.0',
        error: expect.objectContaining({ code: -32601, message: 'Method not found' }),
        id: '5',
      }),
      { jsonrpc: '2.0', result: ['hello', 5], id: '9' },
      expect.objectContaining({
        jsonrpc: '2.0',
        error: expect.objectContaining({ code: -32600, message: 'Invalid Request' }),
        id: null,
      }),
    ]);
  });

  it('rpc call Batch (all notifications)', async () => {
    await expectNoReply(`[
        {"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}
    ]`);
  });

  it('echo returns its params', async () => {
    expect(await client.call('echo', { a: [1, 'two', null] }, 7)).toEqual({
      jsonrpc: '2.0',
      result: { a: [1, 'two', null] },
      id: 7,
    });
  });

  it('subtract rejects non-numbers with -32602 and the field errors', async () => {
    const reply = await client.call('subtract', { minuend: 'x', subtrahend: 1 }, 8);
    expect(reply.error).toMatchObject({
      code: -32602,
      message: 'Invalid params',
      data: { reason: 'InvalidParams' },
    });
    expect(reply.error.data.errors).toEqual(
      expect.arrayContaining([expect.stringContaining('minuend')]),
    );
  });
});
