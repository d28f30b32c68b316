import { Injectable } from '@nestjs/common';
import { JsonRpcWsModule, RpcMethod } from 'nestjs-jsonrpc-ws';
import { startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

@Injectable()
class PingRpc {
  @RpcMethod('ping')
  ping(): string {
    return 'pong';
  }
}

describe('Shutdown', () => {
  it('app.close() closes every connection with 1001 and stops accepting', async () => {
    const running = await startApp({
      imports: [JsonRpcWsModule.forRoot({})],
      providers: [PingRpc],
    });
    const clients = await Promise.all([1, 2, 3].map(() => TestClient.connect(running.url())));
    expect((await clients[0]!.call('ping')).result).toBe('pong');
    await running.app.close();
    for (const client of clients) {
      expect(await client.closed).toEqual({ code: 1001, reason: 'Server shutting down' });
    }
    await expect(TestClient.connect(running.url())).rejects.toThrow();
  });
});
