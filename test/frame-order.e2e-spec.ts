import { Injectable } from '@nestjs/common';
import { JsonRpcSession, JsonRpcWsModule, RpcMethod, RpcSession } from 'nestjs-jsonrpc-ws';
import { WebSocket } from 'ws';
import { RunningApp, startApp } from './utils/test-app';

/** Messages in the order the client received them: binary ones as `binary:<text>`. */
function record(ws: WebSocket): string[] {
  const received: string[] = [];
  ws.on('message', (data: Buffer, isBinary) =>
    received.push(isBinary ? `binary:${data.toString()}` : data.toString()),
  );
  return received;
}

@Injectable()
class BlobRpc {
  /** Sends a Blob through the raw socket (which `ws` reads asynchronously), then a push, then answers. */
  @RpcMethod('blob.then.push')
  blobThenPush(@RpcSession() session: JsonRpcSession): string {
    session.socket.send(new Blob(['first']));
    session.notify('second');
    return 'third';
  }
}

/**
 * Sessions frame their text messages and write them to TCP beside `ws`. `ws` holds
 * messages back in a queue of its own while it reads a `Blob`; nothing written
 * after one may overtake it.
 */
describe('Frame order', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({
      imports: [JsonRpcWsModule.forRoot({ rateLimit: false, anonymousTimeoutMs: 0 })],
      providers: [BlobRpc],
    });
  });
  afterAll(() => running.app.close());

  it('keeps pushes and replies behind a Blob sent through session.socket', async () => {
    const ws = new WebSocket(running.url());
    const received = record(ws);
    await new Promise((resolve) => ws.once('open', resolve));

    ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'blob.then.push', id: 1 }));
    ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'blob.then.push', id: 2 }));
    await vi.waitFor(() => expect(received).toHaveLength(6));

    const reply = (id: number) => JSON.stringify({ jsonrpc: '2.0', result: 'third', id });
    const push = JSON.stringify({ jsonrpc: '2.0', method: 'second' });
    expect(received).toEqual(['binary:first', push, reply(1), 'binary:first', push, reply(2)]);
    ws.close();
  });
});
