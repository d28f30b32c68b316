import { Injectable } from '@nestjs/common';
import { Public, RpcMethod, RpcParams } from 'nestjs-jsonrpc-ws';

@Public()
@Injectable()
export class EchoRpc {
  /** Returns its params unchanged. */
  @RpcMethod('echo', { summary: 'Returns its params unchanged' })
  echo(@RpcParams() params: unknown): unknown {
    return params;
  }
}
