import { Injectable } from '@nestjs/common';
import { Public, RpcMethod, RpcParams } from 'nestjs-jsonrpc-ws';

@Public()
@Injectable()
export class EchoRpc {
  /** Returns its params unchanged. */
  @RpcMethod('echo')
  echo(@RpcParams() params: unknown): unknown {
    return params;
  }
}
