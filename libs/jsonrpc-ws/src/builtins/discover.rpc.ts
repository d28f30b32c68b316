import { Injectable } from '@nestjs/common';
import { Public } from '../decorators/public.decorator';
import { OpenRpcService } from '../openrpc/openrpc.service';
import type { OpenRpcDocument } from '../openrpc/openrpc.types';

/**
 * `rpc.discover`: the OpenRPC document of every method. Public by default, as a
 * client needs it before it can log in; `openrpc: { public: false }` registers
 * `guarded()` instead, which global guards treat like any method.
 */
@Injectable()
export class DiscoverRpc {
  constructor(private readonly openrpc: OpenRpcService) {}

  @Public()
  discover(): OpenRpcDocument {
    return this.openrpc.document();
  }

  guarded(): OpenRpcDocument {
    return this.openrpc.document();
  }
}
