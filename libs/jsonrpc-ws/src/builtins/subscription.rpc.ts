import { Injectable } from '@nestjs/common';
import { RpcParams, RpcSession } from '../decorators/rpc-param.decorators';
import { JsonRpcError } from '../errors/jsonrpc.error';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { HubService } from '../hub/hub.service';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import { readSubscribe, readTopics } from './builtin-params';
import type { TopicStream } from '../history/topic-streams';

/** `{ subscribed }`, with `streams` by topic when positions were asked, or one stream inline. */
type SubscribeAnswer = {
  subscribed: string[];
  streams?: Record<string, TopicStream>;
} & Partial<TopicStream>;

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
  ): Promise<SubscribeAnswer> {
    if (this.options.subscribeRequiresLogin && !session.authenticated) {
      throw new JsonRpcError(JsonRpcErrorCode.Unauthorized, 'Login required');
    }
    const request = readSubscribe(params);
    if (!request.positioned)
      return { subscribed: await this.hub.subscribe(session, request.topics) };
    const { subscribed, streams } = await this.hub.subscribeWithPositions(
      session,
      request.topics,
      request.since,
    );
    if (!request.single) return { subscribed, streams };
    const topic = request.topics[0]!;
    // A topic without history cannot recover: the app reloads, as after a lost history.
    const stream =
      streams[topic] ?? (request.since[topic] ? { recovered: false, publications: [] } : {});
    return { subscribed, ...stream };
  }

  unsubscribe(
    @RpcSession() session: JsonRpcSession,
    @RpcParams() params: unknown,
  ): { unsubscribed: string[] } {
    return { unsubscribed: this.hub.unsubscribe(session, readTopics(params)) };
  }
}
