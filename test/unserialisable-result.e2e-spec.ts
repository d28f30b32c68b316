import { Injectable } from '@nestjs/common';
import { JsonRpcWsModule, RpcMethod } from 'nestjs-jsonrpc-ws';
import { CapturingLogger } from './support/capturing-logger';
import { startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

@Injectable()
class OddResultsRpc {
  @RpcMethod('odd.bigint')
  bigint(): bigint {
    return 10n;
  }

  @RpcMethod('odd.cycle')
  cycle(): unknown {
    const node: Record<string, unknown> = {};
    node.self = node;
    return node;
  }

  @RpcMethod('odd.fine')
  fine(): string {
    return 'fine';
  }
}

describe('A result JSON cannot carry', () => {
  it('answers -32603 without internals, logs it, and the connection keeps working', async () => {
    const logger = new CapturingLogger();
    const running = await startApp(
      { imports: [JsonRpcWsModule.forRoot()], providers: [OddResultsRpc] },
      undefined,
      { logger },
    );
    const client = await TestClient.connect(running.url());
    for (const method of ['odd.bigint', 'odd.cycle']) {
      expect((await client.call(method)).error).toEqual({
        code: -32603,
        message: 'Internal error',
        data: { reason: 'InternalError' },
      });
    }
    expect((await client.call('odd.fine')).result).toBe('fine');
    const errors = logger.at('error').map((line) => line.message);
    expect(errors.filter((message) => message.includes('odd.bigint'))).toHaveLength(1);
    expect(errors.filter((message) => message.includes('odd.cycle'))).toHaveLength(1);
    await client.close();
    await running.app.close();
  });
});
