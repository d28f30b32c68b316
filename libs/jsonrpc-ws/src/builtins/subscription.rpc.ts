import { Injectable } from '@nestjs/common';
import { RpcParams, RpcSession } from '../decorators/rpc-param.decorators';
import { JsonRpcError } from '../errors/jsonrpc.error';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { HubService } from '../hub/hub.service';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import { readTopics } from './builtin-params';

/** `subscribe { topics }` and `unsubscribe { topics }`. */
@Injectable()
export class SubscriptionRpc {
  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly hub: HubService,
  ) {}

  async subscribe(
    @RpcSession() session: JsonRpcSession,
    @RpcParams() params: unknown,
  ): Promise<{ subscribed: string[] }> {
    if (this.options.subscribeRequiresLogin && !session.authenticated) {
      throw new JsonRpcError(JsonRpcErrorCode.Unauthorized, 'Login required');
    }
    return { subscribed: await this.hub.subscribe(session, readTopics(params)) };
  }

  unsubscribe(
    @RpcSession() session: JsonRpcSession,
    @RpcParams() params: unknown,
  ): { unsubscribed: string[] } {
    return { unsubscribed: this.hub.unsubscribe(session, readTopics(params)) };
  }
}
