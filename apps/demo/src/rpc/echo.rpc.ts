import { Injectable } from '@nestjs/common';
import { RpcMethod, RpcParams } from 'nestjs-jsonrpc-ws';

@Injectable()
export class EchoRpc {
  /** Returns its params unchanged. */
  @RpcMethod('echo')
  echo(@RpcParams() params: unknown): unknown {
    return params;
  }
}
